import type { RunningPlatform } from '../../scripts/platform';
import { catchUpEvents } from '../helpers';

/**
 * A fingerprint of every row of every service table that belongs to the given counties (a region
 * column under one of them): a refused write leaves it unchanged, an insert or an update changes it.
 * The counties are the test's own, so other test files writing meanwhile do not disturb it. Every
 * service schema lives in the one test database, so one statement reads them all. Events still on
 * their way are handled first, so a reference table filled late by an earlier write (the seed's
 * regions) is not taken for a change, while a refused write's event, had it been written, would show.
 */
/**
 * Tables only background jobs write, on their own clock: the housing bureau's webhook deliveries are
 * retried with backoff (the matrix seed's endpoint never answers), so their rows change while a refused
 * write is tried. No command writes them; what a command would have published shows in the outbox-fed
 * tables that are fingerprinted.
 */
const WRITTEN_BY_BACKGROUND_JOBS = new Set(['property.bureau_webhook_delivery']);

export async function rowFingerprints(platform: RunningPlatform, counties: string[]): Promise<() => Promise<Record<string, string>>> {
  const schemas = Object.keys(platform.dataSources).map((name) => name.replace(/-/g, '_'));
  const dataSource = Object.values(platform.dataSources)[0]!;
  const columns: Array<{ table_schema: string; table_name: string; column_name: string }> = await dataSource.query(
    `SELECT table_schema, table_name, column_name FROM information_schema.columns
     WHERE table_schema = ANY($1)
       AND (column_name IN ('region_code', 'county_code') OR (table_name = 'region' AND column_name = 'code'))
     ORDER BY 1, 2`,
    [schemas],
  );
  const fingerprinted = columns.filter((c) => !WRITTEN_BY_BACKGROUND_JOBS.has(`${c.table_schema}.${c.table_name}`));
  const conditions = (column: string) => counties.map((_, i) => `t."${column}" LIKE $${i + 1}`).join(' OR ');
  const sql = fingerprinted
    .map(
      (c) => `SELECT '${c.table_schema}.${c.table_name}' AS "table",
        count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS fingerprint
        FROM "${c.table_schema}"."${c.table_name}" t WHERE ${conditions(c.column_name)}`,
    )
    .join(' UNION ALL ');
  return async () => {
    await catchUpEvents(platform);
    const rows: Array<{ table: string; fingerprint: string }> = await dataSource.query(
      sql,
      counties.map((c) => `${c}%`),
    );
    return Object.fromEntries(rows.map((r) => [r.table, r.fingerprint]));
  };
}

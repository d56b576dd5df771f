import type { RunningPlatform } from '../../scripts/platform';

/**
 * A fingerprint of every row of every service table that belongs to the given counties (a region
 * column under one of them): a refused write leaves it unchanged, an insert or an update changes it.
 * The counties are the test's own, so other test files writing meanwhile do not disturb it.
 */
export async function rowsOf(platform: RunningPlatform, counties: string[]): Promise<Record<string, string>> {
  const fingerprints: Record<string, string> = {};
  for (const [name, dataSource] of Object.entries(platform.dataSources)) {
    const schema = name.replace(/-/g, '_');
    const columns: Array<{ table_name: string; column_name: string }> = await dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = $1 AND column_name IN ('region_code', 'county_code')
          OR (table_schema = $1 AND table_name = 'region' AND column_name = 'code')`,
      [schema],
    );
    for (const { table_name: table, column_name: column } of columns) {
      const conditions = counties.map((_, i) => `t."${column}" LIKE $${i + 1}`).join(' OR ');
      const [{ fingerprint }] = await dataSource.query(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS fingerprint
         FROM "${schema}"."${table}" t WHERE ${conditions}`,
        counties.map((c) => `${c}%`),
      );
      fingerprints[`${schema}.${table}`] = fingerprint;
    }
  }
  return fingerprints;
}

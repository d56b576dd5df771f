import { tableOf } from '@gg/shared';
import { EntityManager, type DataSource } from 'typeorm';
import { cadreCompliant, LIAISON_LEVELS, linkCompliant, type LinkCompliance, type LiaisonLevel } from './cadre-liaison.rules';

export interface ReportCompilation {
  year: number;
  cadres: number;
  compliant: number;
  /** Report rows written or changed by this run: 0 when run again on unchanged records. */
  changed: number;
}

/**
 * Compiles the compliance report of a year for every cadre whose region starts with `regionPrefix`
 * ('' for all), in one transaction: counts per link in one statement, the rule applied in code
 * (`cadreCompliant`), and one upsert that leaves rows alone when nothing changed, so running it
 * twice for a year changes nothing.
 */
export async function compileCadreLiaisonReport(
  source: DataSource | EntityManager,
  year: number,
  regionPrefix = '',
): Promise<ReportCompilation> {
  const compile = async (manager: EntityManager) => {
    const cadreTable = tableOf(manager.connection, 'cadre');
    const rows: Array<{
      cadre_id: string;
      region_code: string;
      level: LiaisonLevel | null;
      link_region: string | null;
      grid_id: string | null;
      visits: number;
      solved: number;
    }> = await manager.query(
      `SELECT c.id AS cadre_id, c.region_code, l.level, l.region_code AS link_region, l.grid_id,
                count(a.id) FILTER (WHERE a.kind = 'VISIT')::int AS visits,
                count(a.id) FILTER (WHERE a.kind = 'PROBLEM_SOLVED')::int AS solved
         FROM ${cadreTable} c
         LEFT JOIN ${tableOf(manager.connection, 'cadre_liaison_link')} l ON l.cadre_id = c.id
         LEFT JOIN ${tableOf(manager.connection, 'cadre_liaison_activity')} a
           ON a.link_id = l.id AND a.occurred_on >= make_date($1, 1, 1) AND a.occurred_on < make_date($1 + 1, 1, 1)
         WHERE c.region_code LIKE $2
         GROUP BY c.id, c.region_code, l.id, l.level, l.region_code, l.grid_id`,
      [year, `${regionPrefix}%`],
    );
    const byCadre = new Map<string, { regionCode: string; links: LinkCompliance[] }>();
    for (const row of rows) {
      const entry = byCadre.get(row.cadre_id) ?? { regionCode: row.region_code, links: [] };
      byCadre.set(row.cadre_id, entry);
      if (row.level) {
        entry.links.push({
          level: row.level,
          regionCode: row.link_region!,
          gridId: row.grid_id,
          visits: row.visits,
          problemsSolved: row.solved,
          compliant: linkCompliant(row.visits, row.solved),
        });
      }
    }
    const reports = [...byCadre.entries()].map(([cadreId, entry]) => {
      const links = entry.links.sort((a, b) => LIAISON_LEVELS.indexOf(a.level) - LIAISON_LEVELS.indexOf(b.level));
      return { cadreId, regionCode: entry.regionCode, links, compliant: cadreCompliant(links) };
    });
    let changed = 0;
    if (reports.length > 0) {
      const written: unknown[] = await manager.query(
        `INSERT INTO ${tableOf(manager.connection, 'cadre_liaison_report')} AS r (cadre_id, region_code, year, compliant, links)
         SELECT x.cadre_id::uuid, x.region_code, $1, x.compliant, x.links::jsonb
         FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[]) AS x(cadre_id, region_code, compliant, links)
         ON CONFLICT (cadre_id, year) DO UPDATE
           SET compliant = EXCLUDED.compliant, links = EXCLUDED.links, region_code = EXCLUDED.region_code, compiled_at = now()
           WHERE (r.compliant, r.links, r.region_code) IS DISTINCT FROM (EXCLUDED.compliant, EXCLUDED.links, EXCLUDED.region_code)
         RETURNING r.id`,
        [
          year,
          reports.map((r) => r.cadreId),
          reports.map((r) => r.regionCode),
          reports.map((r) => r.compliant),
          reports.map((r) => JSON.stringify(r.links)),
        ],
      );
      changed = written.length;
    }
    return { year, cadres: reports.length, compliant: reports.filter((r) => r.compliant).length, changed };
  };
  // A command passes its transaction; the yearly job its data source, and gets one of its own.
  return source instanceof EntityManager ? compile(source) : source.transaction(compile);
}

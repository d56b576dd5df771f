import { loaderOf, scopePatterns, tableOf, todayInChina, type SubgraphContext } from '@gg/shared';
import { MANAGEMENT_MODES, type ManagementMode } from '../residential-compound/residential-compound.rules';

export interface PropertyStats {
  /** The region the figures are of (other modules add figures by it). */
  regionCode: string;
  propertyCompanies: number;
  residentialCompounds: number;
  compoundsByManagementMode: Array<{ managementMode: ManagementMode; count: number }>;
  compoundsWithSittingOwnersCommittee: number;
  openDisputes: number;
}

interface StatsRow {
  region_code: string;
  companies: number;
  by_mode: Array<{ mode: ManagementMode; count: number }>;
  with_committee: number;
  open_disputes: number;
}

/**
 * The property figures of each region's subtree, for a batch of regions in ONE statement, every table
 * filtered by the caller's scopes in the same SQL (a region outside them counts nothing).
 */
export function loadPropertyStats(context: SubgraphContext, regionCode: string, now: Date): Promise<PropertyStats> {
  return loaderOf<string, PropertyStats>(context, 'property-stats', async (codes) => {
    const t = (name: string) => tableOf(context.dataSource, name);
    // $1 regions, $2 scope patterns, $3 today. The region test is a range on the code, which a btree can use.
    const inSubtree = (alias: string) =>
      `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || ':' AND ${alias}.region_code LIKE ANY($2::text[])`;
    const rows: StatsRow[] = await context.dataSource.query(
      `SELECT r.code AS region_code,
        (SELECT count(*)::int FROM ${t('property_company')} p WHERE ${inSubtree('p')}) AS companies,
        (SELECT COALESCE(json_agg(json_build_object('mode', x.management_mode, 'count', x.n)), '[]'::json)
           FROM (SELECT c.management_mode, count(*)::int AS n FROM ${t('residential_compound')} c WHERE ${inSubtree('c')}
                 GROUP BY c.management_mode) x) AS by_mode,
        (SELECT count(*)::int FROM ${t('residential_compound')} c WHERE ${inSubtree('c')} AND EXISTS (
           SELECT 1 FROM ${t('owners_committee')} o WHERE o.compound_id = c.id AND o.term_start <= $3::date AND o.term_end >= $3::date)
        ) AS with_committee,
        (SELECT count(*)::int FROM ${t('property_dispute')} d WHERE ${inSubtree('d')} AND d.status <> 'CLOSED') AS open_disputes
       FROM unnest($1::text[]) AS r(code)`,
      [codes, scopePatterns(context.identity), todayInChina(now)],
    );
    return codes.map((code) => {
      const row = rows.find((r) => r.region_code === code)!;
      const byMode = MANAGEMENT_MODES.map((mode) => ({
        managementMode: mode,
        count: row.by_mode.find((m) => m.mode === mode)?.count ?? 0,
      }));
      return {
        regionCode: code,
        propertyCompanies: row.companies,
        residentialCompounds: byMode.reduce((sum, m) => sum + m.count, 0),
        compoundsByManagementMode: byMode,
        compoundsWithSittingOwnersCommittee: row.with_committee,
        openDisputes: row.open_disputes,
      };
    });
  }).load(regionCode);
}

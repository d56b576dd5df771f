import {
  groupByKey,
  loaderOf,
  loadScopedById,
  paginate,
  regionPrefixInput,
  regionSubtreeCondition,
  scopedQuery,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { Cadre, CadreLiaisonActivity, CadreLiaisonLink, CadreLiaisonReport } from './cadre-liaison.entity';
import { LIAISON_LEVELS } from './cadre-liaison.rules';

export type CadreConnection = Connection<Cadre>;
export type CadreLiaisonComplianceConnection = Connection<CadreLiaisonReport>;

export function loadCadre(context: SubgraphContext, id: string): Promise<Cadre | null> {
  return loadScopedById(context, Cadre, id);
}

/** A page of the cadres whose unit lies under a region, by name then id, scoped. */
export function cadresConnection(context: SubgraphContext, args: ConnectionArgs & { regionCode: string }): Promise<Connection<Cadre>> {
  const inRegion = regionSubtreeCondition('c.region_code', regionPrefixInput(args.regionCode), context.identity);
  const query = context.dataSource.getRepository(Cadre).createQueryBuilder('c').where(inRegion.sql, inRegion.params);
  return paginate(query, args, [
    { column: 'c.name', direction: 'ASC', value: (c) => c.name },
    { column: 'c.id', direction: 'ASC', value: (c) => c.id },
  ]);
}

/** Links of cadres (street, community, grid order), batched, scoped by the linked unit's region. */
export function loadLinksOfCadre(context: SubgraphContext, cadreId: string): Promise<CadreLiaisonLink[]> {
  return loaderOf<string, CadreLiaisonLink[]>(context, 'cadre-links', async (ids) => {
    const rows = await scopedQuery(context.dataSource, CadreLiaisonLink, 'l', context.identity)
      .andWhere('l.cadre_id IN (:...ids)', { ids })
      .orderBy('array_position(CAST(:levels AS text[]), l.level)')
      .setParameter('levels', [...LIAISON_LEVELS])
      .getMany();
    return groupByKey(ids, rows, (r) => r.cadreId);
  }).load(cadreId);
}

/** Visits and problems solved of links in a year, by date, batched, scoped. */
export function loadActivitiesOfLink(context: SubgraphContext, linkId: string, year: number): Promise<CadreLiaisonActivity[]> {
  return loaderOf<string, CadreLiaisonActivity[]>(context, `cadre-link-activities:${year}`, async (ids) => {
    const rows = await scopedQuery(context.dataSource, CadreLiaisonActivity, 'a', context.identity)
      .andWhere('a.link_id IN (:...ids)', { ids })
      .andWhere('a.occurred_on >= :from AND a.occurred_on < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('a.occurred_on')
      .addOrderBy('a.created_at')
      .getMany();
    return groupByKey(ids, rows, (r) => r.linkId);
  }).load(linkId);
}

/** The stored yearly report of cadres, batched, scoped. */
export function loadReportOfCadre(context: SubgraphContext, cadreId: string, year: number): Promise<CadreLiaisonReport | null> {
  return loaderOf<string, CadreLiaisonReport | null>(context, `cadre-report:${year}`, async (ids) => {
    const rows = await scopedQuery(context.dataSource, CadreLiaisonReport, 'r', context.identity)
      .andWhere('r.cadre_id IN (:...ids)', { ids })
      .andWhere('r.year = :year', { year })
      .getMany();
    return ids.map((id) => rows.find((r) => r.cadreId === id) ?? null);
  }).load(cadreId);
}

/** A page of the compliance report of a year for cadres under a region, non-compliant first, then by cadre, scoped. */
export function cadreLiaisonReportConnection(
  context: SubgraphContext,
  args: ConnectionArgs & { regionCode: string; year: number },
): Promise<Connection<CadreLiaisonReport>> {
  const inRegion = regionSubtreeCondition('r.region_code', regionPrefixInput(args.regionCode), context.identity);
  const query = context.dataSource
    .getRepository(CadreLiaisonReport)
    .createQueryBuilder('r')
    .where(inRegion.sql, inRegion.params)
    .andWhere('r.year = :year', { year: args.year });
  // One row per cadre and year, so (compliant, cadre) is unique within the year; the id ends the order anyway.
  return paginate(query, args, [
    { column: 'r.compliant', direction: 'ASC', value: (r) => r.compliant },
    { column: 'r.cadre_id', direction: 'ASC', value: (r) => r.cadreId },
    { column: 'r.id', direction: 'ASC', value: (r) => r.id },
  ]);
}

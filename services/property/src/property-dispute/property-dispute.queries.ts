import {
  loaderOf,
  loadScopedById,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  scopePatterns,
  tableOf,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { In } from 'typeorm';
import { PropertyDispute, PropertyDisputeMediator } from './property-dispute.entity';
import type { DisputeStatus } from './property-dispute.rules';

/** A page of disputes (the type the generated resolver types map `PropertyDisputeConnection` to). */
export type PropertyDisputePage = Connection<PropertyDispute>;

/** A company's dispute record: how many were filed, are open, closed, and resolved by mediation. */
export interface DisputeCounts {
  total: number;
  open: number;
  closed: number;
  mediated: number;
}

/** Newest first (by the day filed); the id breaks ties, so every dispute has one place in the list. */
export const NEWEST_FIRST: ReadonlyArray<SortKey<PropertyDispute>> = [
  { column: 'd.filed_on', direction: 'DESC', value: (d) => d.filedOn },
  { column: 'd.id', direction: 'ASC', value: (d) => d.id },
];

export function loadPropertyDispute(context: SubgraphContext, id: string): Promise<PropertyDispute | null> {
  return loadScopedById(context, PropertyDispute, id);
}

/** The disputes in a region's subtree that the caller may see, optionally of one status: the query the list and the export share. */
export function disputesInRegion(
  context: Pick<SubgraphContext, 'dataSource' | 'identity'>,
  regionCode: string,
  status?: DisputeStatus | null,
) {
  const region = regionSubtreeCondition('d.region_code', regionCode, context.identity);
  const query = context.dataSource.getRepository(PropertyDispute).createQueryBuilder('d').where(region.sql, region.params);
  if (status) query.andWhere('d.status = :status', { status });
  return query;
}

export function listPropertyDisputes(
  context: SubgraphContext,
  regionCode: string,
  status: DisputeStatus | null | undefined,
  args: ConnectionArgs,
): Promise<PropertyDisputePage> {
  return paginate(disputesInRegion(context, regionCode, status), args, NEWEST_FIRST);
}

/** `PropertyCompany.disputes`: the disputes in the company's record that the caller may see. */
export function companyDisputes(
  context: SubgraphContext,
  companyId: string,
  status: DisputeStatus | null | undefined,
  args: ConnectionArgs,
): Promise<PropertyDisputePage> {
  const query = scopedQuery(context.dataSource, PropertyDispute, 'd', context.identity).andWhere('d.company_id = :companyId', {
    companyId,
  });
  if (status) query.andWhere('d.status = :status', { status });
  return paginate(query, args, NEWEST_FIRST);
}

/** The mediating bodies of a batch of disputes, in the order given (one statement per batch). */
export function loadMediators(context: SubgraphContext, disputeId: string): Promise<PropertyDisputeMediator[]> {
  return loaderOf<string, PropertyDisputeMediator[]>(context, 'dispute-mediators', async (ids) => {
    const rows = await context.dataSource
      .getRepository(PropertyDisputeMediator)
      .find({ where: { disputeId: In([...ids]) }, order: { position: 'ASC' } });
    return ids.map((id) => rows.filter((row) => row.disputeId === id));
  }).load(disputeId);
}

/** The dispute counts of a batch of companies, within the caller's scopes, in one statement. */
export function loadDisputeCounts(context: SubgraphContext, companyId: string): Promise<DisputeCounts> {
  return loaderOf<string, DisputeCounts>(context, 'company-dispute-counts', async (ids) => {
    const rows: Array<{ company_id: string } & DisputeCounts> = await context.dataSource.query(
      `SELECT company_id, count(*)::int AS total,
         count(*) FILTER (WHERE status <> 'CLOSED')::int AS open,
         count(*) FILTER (WHERE status = 'CLOSED')::int AS closed,
         count(*) FILTER (WHERE outcome IN ('AGREEMENT_REACHED', 'JUDICIALLY_CONFIRMED'))::int AS mediated
       FROM ${tableOf(context.dataSource, 'property_dispute')}
       WHERE company_id = ANY($1::uuid[]) AND region_code LIKE ANY($2::text[])
       GROUP BY company_id`,
      [ids, scopePatterns(context.identity)],
    );
    return ids.map((id) => {
      const row = rows.find((r) => r.company_id === id);
      return row
        ? { total: row.total, open: row.open, closed: row.closed, mediated: row.mediated }
        : { total: 0, open: 0, closed: 0, mediated: 0 };
    });
  }).load(companyId);
}

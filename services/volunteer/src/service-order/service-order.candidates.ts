import { badInput, isUuid, loadScopedById, pageSizeOf, scopePatterns, tableOf, type SubgraphContext } from '@gg/shared';
import { ServiceTaker } from '../service-taker/service-taker.entity';
import { rankCandidates, type RankedCandidate, type TakerFacts } from './service-order-matching.rules';
import { ServiceOrder } from './service-order.entity';

export interface Candidate extends RankedCandidate {
  taker: ServiceTaker;
}

interface FactsRow {
  id: string;
  skills: string[];
  open_orders: number;
  rating_sum: number;
  rating_count: number;
}

/**
 * The ranked takers for an order (社区派单's helper): every taker of the order's street the caller may
 * see, except those who declined this order, with their facts read in one statement (skills with their
 * team's, open orders other than this one, past ratings) and ranked by the pure rules.
 */
export async function serviceOrderCandidates(
  context: SubgraphContext,
  orderId: string,
  first: number | null | undefined,
): Promise<Candidate[]> {
  if (!isUuid(orderId)) throw badInput('orderId', 'orderId is not a service order id');
  const order = await loadScopedById(context, ServiceOrder, orderId);
  // Like every read, an order that does not exist or is outside the caller's scope finds nothing.
  if (!order) return [];
  const t = (name: string) => tableOf(context.dataSource, name);
  const takers = await context.dataSource
    .getRepository(ServiceTaker)
    .createQueryBuilder('t')
    .where('t.region_code LIKE :street AND t.region_code LIKE ANY(:scopes)', {
      street: `${order.regionCode.slice(0, 9)}%`,
      scopes: scopePatterns(context.identity),
    })
    .getMany();
  if (takers.length === 0) return [];
  const rows: FactsRow[] = await context.dataSource.query(
    `SELECT t.id,
       t.skills || COALESCE(team.skills, '{}') AS skills,
       (SELECT count(*)::int FROM ${t('service_order')} o WHERE o.taker_id = t.id AND o.state IN ('DISPATCHED', 'ACCEPTED') AND o.id <> $2) AS open_orders,
       (SELECT COALESCE(sum(o.rating), 0)::int FROM ${t('service_order')} o WHERE o.taker_id = t.id AND o.rating IS NOT NULL) AS rating_sum,
       (SELECT count(*)::int FROM ${t('service_order')} o WHERE o.taker_id = t.id AND o.rating IS NOT NULL) AS rating_count
     FROM ${t('service_taker')} t
     LEFT JOIN ${t('volunteer')} v ON v.id = t.volunteer_id
     LEFT JOIN ${t('volunteer_team')} team ON team.id = v.team_id
     WHERE t.id = ANY($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM ${t('service_order_event')} e WHERE e.order_id = $2 AND e.action = 'DECLINE' AND e.taker_id = t.id)`,
    [takers.map((x) => x.id), order.id],
  );
  const byId = new Map(takers.map((x) => [x.id, x]));
  const facts: TakerFacts[] = rows.map((row) => ({
    takerId: row.id,
    regionCode: byId.get(row.id)!.regionCode,
    gridId: byId.get(row.id)!.gridId,
    skills: row.skills,
    openOrders: row.open_orders,
    ratingSum: row.rating_sum,
    ratingCount: row.rating_count,
  }));
  const ranked = rankCandidates({ category: order.category, regionCode: order.regionCode, gridId: order.gridId }, facts);
  return ranked.slice(0, pageSizeOf(first, 10)).map((candidate) => ({ ...candidate, taker: byId.get(candidate.takerId)! }));
}

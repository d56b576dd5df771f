import { badInput, isUuid, loadScopedById, pageSizeOf, scopePatterns, tableOf, type SubgraphContext } from '@gg/shared';
import { ServiceTaker } from '../service-taker/service-taker.entity';
import type { AvailabilityPeriod } from '../volunteer/volunteer.rules';
import { periodOf, rankCandidates, type RankedCandidate, type TakerFacts } from './service-order-matching.rules';
import { ServiceOrder } from './service-order.entity';

export interface Candidate extends RankedCandidate {
  taker: ServiceTaker;
}

interface FactsRow {
  id: string;
  skills: string[];
  availability: AvailabilityPeriod[];
  open_orders: number;
  rating_sum: number;
  rating_count: number;
}

/**
 * The ranked takers for an order (社区派单's helper): every taker of the order's street the caller may
 * see, except those who declined this order and the person who placed it, with their facts read in
 * one statement (the taker's tags, their volunteer record's skills and availability, the skills of
 * every team they are a member of, open orders other than this one, past ratings) and ranked by the
 * pure rules.
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
    // The person who placed the order is not dispatched it (see isOwnOrder).
    .andWhere('t.account_subject <> :orderer', { orderer: order.ordererSubject })
    .getMany();
  if (takers.length === 0) return [];
  const rows: FactsRow[] = await context.dataSource.query(
    `SELECT t.id,
       t.skills || COALESCE(v.skills, '{}') || COALESCE((
         SELECT array_agg(skill ORDER BY m.joined_at, m.team_id, ord)
         FROM ${t('volunteer_team_member')} m
         JOIN ${t('volunteer_team')} team ON team.id = m.team_id
         CROSS JOIN LATERAL unnest(team.skills) WITH ORDINALITY AS s(skill, ord)
         WHERE m.volunteer_id = v.id
       ), '{}') AS skills,
       COALESCE(v.availability, '{}') AS availability,
       (SELECT count(*)::int FROM ${t('service_order')} o WHERE o.taker_id = t.id AND o.state IN ('DISPATCHED', 'ACCEPTED') AND o.id <> $2) AS open_orders,
       (SELECT COALESCE(sum(o.rating), 0)::int FROM ${t('service_order')} o WHERE o.taker_id = t.id AND o.rating IS NOT NULL) AS rating_sum,
       (SELECT count(*)::int FROM ${t('service_order')} o WHERE o.taker_id = t.id AND o.rating IS NOT NULL) AS rating_count
     FROM ${t('service_taker')} t
     LEFT JOIN ${t('volunteer')} v ON v.id = t.volunteer_id
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
    availability: row.availability,
    openOrders: row.open_orders,
    ratingSum: row.rating_sum,
    ratingCount: row.rating_count,
  }));
  const ranked = rankCandidates(
    { category: order.category, regionCode: order.regionCode, gridId: order.gridId, period: periodOf(order.placedAt) },
    facts,
  );
  return ranked.slice(0, pageSizeOf(first, 10)).map((candidate) => ({ ...candidate, taker: byId.get(candidate.takerId)! }));
}

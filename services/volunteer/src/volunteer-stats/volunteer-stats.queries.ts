import { loaderOf, scopePatterns, tableOf, type SubgraphContext } from '@gg/shared';
import { activityFiguresOf, type ActivityFigures } from '../activity/activity.figures';
import { wishFiguresOf, type WishFigures } from '../micro-wish/micro-wish.figures';
import { SERVICE_ORDER_STATES, type ServiceOrderState } from '../service-order/service-order.rules';
import { VOLUNTEER_TEAM_CATEGORIES, type VolunteerTeamCategory } from '../volunteer-team/volunteer-team.rules';

export interface VolunteerStats {
  /** The region whose subtree is counted: the activity and wish figures are loaded from it when asked. */
  regionCode: string;
  teams: number;
  teamsByCategory: Array<{ category: VolunteerTeamCategory; count: number }>;
  volunteers: number;
  serviceTakers: number;
  serviceOrders: number;
  serviceOrdersByState: Array<{ state: ServiceOrderState; count: number }>;
  averageRating: number | null;
  averageMinutesToAccept: number | null;
  timeBankCreditedMinutes: number;
  timeBankSpentMinutes: number;
  merchants: number;
  redemptions: number;
  redemptionsUsed: number;
}

interface StatsRow {
  region_code: string;
  teams: number;
  by_category: Array<{ category: VolunteerTeamCategory; count: number }>;
  volunteers: number;
  takers: number;
  by_state: Array<{ state: ServiceOrderState; count: number }>;
  average_rating: string | null;
  minutes_to_accept: number | null;
  credited: number;
  spent: number;
  merchants: number;
  redemptions: number;
  redemptions_used: number;
}

/**
 * The volunteer figures of each region's subtree, for a batch of regions in ONE statement, every table
 * filtered by the caller's scopes in the same SQL (a region outside them counts nothing). Time-bank
 * minutes are the members' side of the entries: a reversal counts against the kind it reverses.
 */
export function loadVolunteerStats(context: SubgraphContext, regionCode: string): Promise<VolunteerStats> {
  return loaderOf<string, VolunteerStats>(context, 'volunteer-stats', async (codes) => {
    const t = (name: string) => tableOf(context.dataSource, name);
    // $1 regions, $2 scope patterns. The region test is a range on the code, which a btree can use.
    const inSubtree = (alias: string) =>
      `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || ':' AND ${alias}.region_code LIKE ANY($2::text[])`;
    const rows: StatsRow[] = await context.dataSource.query(
      `SELECT r.code AS region_code,
        (SELECT count(*)::int FROM ${t('volunteer_team')} x WHERE ${inSubtree('x')}) AS teams,
        (SELECT COALESCE(json_agg(json_build_object('category', c.category, 'count', c.n)), '[]'::json)
           FROM (SELECT x.category, count(*)::int AS n FROM ${t('volunteer_team')} x WHERE ${inSubtree('x')} GROUP BY x.category) c) AS by_category,
        (SELECT count(*)::int FROM ${t('volunteer')} x WHERE ${inSubtree('x')}) AS volunteers,
        (SELECT count(*)::int FROM ${t('service_taker')} x WHERE ${inSubtree('x')}) AS takers,
        (SELECT COALESCE(json_agg(json_build_object('state', s.state, 'count', s.n)), '[]'::json)
           FROM (SELECT o.state, count(*)::int AS n FROM ${t('service_order')} o WHERE ${inSubtree('o')} GROUP BY o.state) s) AS by_state,
        (SELECT round(avg(o.rating), 2)::text FROM ${t('service_order')} o WHERE ${inSubtree('o')} AND o.rating IS NOT NULL) AS average_rating,
        (SELECT round(avg(extract(epoch FROM o.accepted_at - o.dispatched_at) / 60))::int
           FROM ${t('service_order')} o WHERE ${inSubtree('o')} AND o.accepted_at IS NOT NULL AND o.dispatched_at IS NOT NULL) AS minutes_to_accept,
        (SELECT COALESCE(sum(e.minutes) FILTER (WHERE COALESCE(orig.kind, tr.kind) = 'CREDIT'), 0)::int
           FROM ${t('time_bank_transfer')} tr
           JOIN ${t('time_bank_entry')} e ON e.transfer_id = tr.id
           JOIN ${t('time_bank_account')} a ON a.id = e.account_id AND a.holder_kind <> 'COMMUNITY'
           LEFT JOIN ${t('time_bank_transfer')} orig ON orig.id = tr.reverses_id
           WHERE ${inSubtree('tr')}) AS credited,
        (SELECT COALESCE(-sum(e.minutes) FILTER (WHERE COALESCE(orig.kind, tr.kind) = 'DEBIT'), 0)::int
           FROM ${t('time_bank_transfer')} tr
           JOIN ${t('time_bank_entry')} e ON e.transfer_id = tr.id
           JOIN ${t('time_bank_account')} a ON a.id = e.account_id AND a.holder_kind <> 'COMMUNITY'
           LEFT JOIN ${t('time_bank_transfer')} orig ON orig.id = tr.reverses_id
           WHERE ${inSubtree('tr')}) AS spent,
        (SELECT count(*)::int FROM ${t('merchant')} x WHERE ${inSubtree('x')}) AS merchants,
        (SELECT count(*)::int FROM ${t('reward_redemption')} x WHERE ${inSubtree('x')} AND x.cancelled_at IS NULL) AS redemptions,
        (SELECT count(*)::int FROM ${t('reward_redemption')} x WHERE ${inSubtree('x')} AND x.used_at IS NOT NULL) AS redemptions_used
       FROM unnest($1::text[]) AS r(code)`,
      [codes, scopePatterns(context.identity)],
    );
    return codes.map((code) => {
      const row = rows.find((r) => r.region_code === code)!;
      const byState = SERVICE_ORDER_STATES.map((state) => ({ state, count: row.by_state.find((s) => s.state === state)?.count ?? 0 }));
      const teamsByCategory = VOLUNTEER_TEAM_CATEGORIES.flatMap((category) => {
        const count = row.by_category.find((c) => c.category === category)?.count ?? 0;
        return count === 0 ? [] : [{ category, count }];
      });
      return {
        regionCode: code,
        teams: row.teams,
        teamsByCategory,
        volunteers: row.volunteers,
        serviceTakers: row.takers,
        serviceOrders: byState.reduce((sum, s) => sum + s.count, 0),
        serviceOrdersByState: byState,
        averageRating: row.average_rating === null ? null : Number(row.average_rating),
        averageMinutesToAccept: row.minutes_to_accept,
        timeBankCreditedMinutes: row.credited,
        timeBankSpentMinutes: row.spent,
        merchants: row.merchants,
        redemptions: row.redemptions,
        redemptionsUsed: row.redemptions_used,
      };
    });
  }).load(regionCode);
}

/** The activity figures of a region's subtree within the caller's scopes: one statement per batch of regions. */
export function loadActivityFigures(context: SubgraphContext, regionCode: string): Promise<ActivityFigures> {
  return loaderOf<string, ActivityFigures>(context, 'volunteer-stats-activities', async (codes) => {
    const figures = await activityFiguresOf(context.dataSource.manager, codes, scopePatterns(context.identity));
    return codes.map((code) => figures.get(code)!);
  }).load(regionCode);
}

/** The wish figures of a region's subtree within the caller's scopes: one statement per batch of regions. */
export function loadWishFigures(context: SubgraphContext, regionCode: string): Promise<WishFigures> {
  return loaderOf<string, WishFigures>(context, 'volunteer-stats-wishes', async (codes) => {
    const figures = await wishFiguresOf(context.dataSource.manager, codes, scopePatterns(context.identity));
    return codes.map((code) => figures.get(code)!);
  }).load(regionCode);
}

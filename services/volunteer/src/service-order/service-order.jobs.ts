import { defineJob, regionCodeInput, tableOf, type ScheduleDefinition } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { SERVICE_ORDER_POLICY } from './service-order.policy';
import { DEFAULT_SERVICE_ORDER_POLICY } from './service-order.rules';

export interface OverdueSweepResult {
  at: string;
  flagged: number;
}

/**
 * Flags every order left undispatched (PLACED) or unaccepted (DISPATCHED) past its county's limit,
 * measured from when it entered that state. One statement: the limits come from the county setting
 * joined in the SQL (the defaults where a county has set none), and the unique key (order, stage,
 * stage began) with ON CONFLICT DO NOTHING makes a second run, or a crashed one run again, flag
 * nothing twice. An order declined and placed again is a new stage and may be flagged again.
 * `regionCode` limits the sweep to the orders of that region and below (a replay for one county, a
 * test's own community); without it every region is swept, as the schedule does.
 */
export async function flagOverdueServiceOrders(
  dataSource: DataSource,
  now: Date,
  options: { regionCode?: string } = {},
): Promise<OverdueSweepResult> {
  const t = (name: string) => tableOf(dataSource, name);
  const { dispatchWithinHours, acceptWithinHours } = DEFAULT_SERVICE_ORDER_POLICY;
  const rows: unknown[] = await dataSource.query(
    `INSERT INTO ${t('service_order_flag')} (region_code, order_id, stage, stage_since, due_at, flagged_at)
     SELECT w.region_code, w.id, w.stage, w.state_since, w.due_at, $1 FROM (
       SELECT o.region_code, o.id, o.state_since,
         CASE o.state WHEN 'PLACED' THEN 'UNDISPATCHED' ELSE 'UNACCEPTED' END AS stage,
         o.state_since + make_interval(hours => CASE o.state
           WHEN 'PLACED' THEN COALESCE((s.value->>'dispatchWithinHours')::int, ${Number(dispatchWithinHours)})
           ELSE COALESCE((s.value->>'acceptWithinHours')::int, ${Number(acceptWithinHours)}) END) AS due_at
       FROM ${t('service_order')} o
       LEFT JOIN ${t('county_setting')} s ON s.county_code = left(o.region_code, 6) AND s.key = $2
       WHERE o.state IN ('PLACED', 'DISPATCHED') AND o.region_code LIKE $3
     ) w
     WHERE w.due_at < $1
     ON CONFLICT (order_id, stage, stage_since) DO NOTHING
     RETURNING id`,
    [now, SERVICE_ORDER_POLICY.key, `${options.regionCode ?? ''}%`],
  );
  // node-postgres returns [rows, count] for an INSERT … RETURNING through TypeORM.
  const flagged = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  return { at: now.toISOString(), flagged };
}

/**
 * The overdue sweep of service orders. The payload may fix the clock (`now`, an ISO instant) and
 * limit the sweep to a region (`regionCode`) for a replay or a test; the schedule sends neither and
 * the run sweeps every region at the time it starts.
 */
export const serviceOrderOverdueJob = defineJob({
  name: 'service-order-overdue',
  payload: z.object({ now: z.string().datetime().optional(), regionCode: regionCodeInput().optional() }),
  handler: async (payload, context) =>
    flagOverdueServiceOrders(context.dataSource, payload.now ? new Date(payload.now) : new Date(), { regionCode: payload.regionCode }),
});

/** Every ten minutes: limits are in hours, so an order is flagged at most minutes late. */
export const serviceOrderOverdueSchedule: ScheduleDefinition = {
  id: 'service-order-overdue-every-10-minutes',
  job: serviceOrderOverdueJob,
  every: 10 * 60 * 1000,
  payload: {},
};

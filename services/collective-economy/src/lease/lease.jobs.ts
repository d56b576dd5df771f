import { defineJob, jobIdentity, regionCodeInput, runInTransaction, tableOf, todayInChina, type ScheduleDefinition } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { isAlreadyRaised, raiseCharge, type RaiseStep } from './lease.commands';
import { Lease, RentCharge } from './lease.entity';
import { monthInput } from './lease.inputs';
import { lastDayOf, lastDayOfLease, rentSchedule } from './lease.rules';

export interface RentRunResult {
  month: string;
  raised: number;
  alreadyRaised: number;
  /** Charges that could not be posted (a closed ledger period): each with why; the next run tries again. */
  blocked: Array<{ leaseId: string; month: string; reason: string }>;
}

/** The job writes as the platform, within one community at a time: the lease's. */
const systemCaller = (regionCode: string) =>
  jobIdentity({ subject: 'system:rent-charges', name: '租金计提', role: 'COMMUNITY_STAFF' }, regionCode);

const isConflict = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT';

/**
 * Raises the rent of every lease for every month of its term up to `month` not raised yet (so a run
 * missed, or a lease entered late, is caught up by the next one), each charge and its ledger entry in
 * its own transaction. Crash-safe: a run that dies midway has committed whole charges only, and a
 * rerun raises the rest and nothing twice (see `raiseCharge`). `regionCode` limits the run to the
 * leases in that region and below (a county's own run; tests sharing one database each run their own);
 * `onStep` is for tests.
 */
export async function raiseRentCharges(
  dataSource: DataSource,
  month: string,
  options: { regionCode?: string; onStep?: RaiseStep } = {},
): Promise<RentRunResult> {
  const { regionCode, onStep } = options;
  const result: RentRunResult = { month, raised: 0, alreadyRaised: 0, blocked: [] };
  const query = dataSource
    .getRepository(Lease)
    .createQueryBuilder('l')
    .where('l.starts_on <= :last', { last: lastDayOf(month) });
  if (regionCode) query.andWhere('l.region_code LIKE :prefix', { prefix: `${regionCode}%` });
  const leases = await query.orderBy('l.id').getMany();
  if (leases.length === 0) return result;
  const raised = await dataSource
    .getRepository(RentCharge)
    .createQueryBuilder('c')
    .select(['c.leaseId', 'c.month'])
    .where('c.lease_id IN (:...ids)', { ids: leases.map((l) => l.id) })
    .getMany();
  const done = new Set(raised.map((c) => `${c.leaseId} ${c.month}`));
  for (const lease of leases) {
    const schedule = rentSchedule({ ...lease, endsOn: lastDayOfLease(lease), dueDay: BigInt(lease.dueDay) }).filter(
      (due) => due.month <= month && !done.has(`${lease.id} ${due.month}`),
    );
    for (const due of schedule) {
      try {
        const outcome = await runInTransaction(
          { dataSource, identity: systemCaller(lease.regionCode), operationName: 'rent-charges' },
          (ctx) => raiseCharge(ctx, lease.id, due.month, onStep),
        );
        if (outcome === 'RAISED') result.raised += 1;
        else if (outcome === 'ALREADY_RAISED') result.alreadyRaised += 1;
      } catch (error) {
        if (isAlreadyRaised(error)) result.alreadyRaised += 1;
        else if (isConflict(error)) result.blocked.push({ leaseId: lease.id, month: due.month, reason: (error as Error).message });
        else throw error;
      }
    }
  }
  return result;
}

/**
 * Flags the charges unpaid after their due day (欠租): `overdue_since` is set once, to the day after
 * the due day; running it again changes nothing. Returns how many were flagged. `regionCode` limits
 * it to the charges of leases in that region and below.
 */
export async function flagOverdueRent(
  dataSource: DataSource,
  today: string,
  regionCode?: string,
): Promise<{ today: string; flagged: number }> {
  const rows: unknown[] = await dataSource.query(
    `UPDATE ${tableOf(dataSource, 'rent_charge')} c SET overdue_since = c.due_on + 1
     WHERE c.overdue_since IS NULL AND c.paid_fen + c.reduced_fen < c.amount_fen AND c.due_on < $1::date
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM ${tableOf(dataSource, 'lease')} l WHERE l.id = c.lease_id AND l.region_code LIKE $2 || '%'))
     RETURNING c.id`,
    [today, regionCode ?? null],
  );
  // node-postgres returns [rows, count] for an UPDATE … RETURNING through TypeORM.
  const flagged = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
  return { today, flagged };
}

/**
 * The monthly rent run: raises the month's charges of every lease, and any earlier month's not raised
 * yet (the payload may name the month; the schedule sends none and the run takes the current month,
 * China time). Idempotent per lease and month.
 */
export const rentChargesJob = defineJob({
  name: 'rent-charges',
  payload: z.object({ month: monthInput.optional(), regionCode: regionCodeInput().optional() }),
  periodOf: (payload) => payload.month ?? todayInChina(new Date()).slice(0, 7),
  handler: (payload, context) =>
    raiseRentCharges(context.dataSource, payload.month ?? todayInChina(new Date()).slice(0, 7), { regionCode: payload.regionCode }),
});

/** 01:00 on the first of each month, Beijing time. */
export const rentChargesSchedule: ScheduleDefinition = {
  id: 'rent-charges-monthly',
  job: rentChargesJob,
  pattern: '0 1 1 * *',
  tz: 'Asia/Shanghai',
  payload: {},
};

/** The daily overdue sweep: flags charges unpaid after their due day. The payload may fix the day. */
export const overdueRentJob = defineJob({
  name: 'overdue-rent',
  payload: z.object({
    today: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    regionCode: regionCodeInput().optional(),
  }),
  periodOf: (payload) => payload.today ?? todayInChina(new Date()),
  handler: (payload, context) => flagOverdueRent(context.dataSource, payload.today ?? todayInChina(new Date()), payload.regionCode),
});

/** 02:00 every day, Beijing time. */
export const overdueRentSchedule: ScheduleDefinition = {
  id: 'overdue-rent-daily',
  job: overdueRentJob,
  pattern: '0 2 * * *',
  tz: 'Asia/Shanghai',
  payload: {},
};

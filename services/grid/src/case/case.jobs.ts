import { countyOf, defineJob, regionCodeInput, tableOf, type ScheduleDefinition } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { applyCaseChange } from './case.commands';
import { GridCase } from './case.entity';
import { whistleStatusSql } from './case.filters';
import { autoCloseDaysSql, policyOf } from './case.policy';
import { escalateWithin } from './case.transitions';
import { nextLevel, OPEN_STATUSES, SYSTEM_ACTOR, transitionProblem, type CasePolicy } from './case.rules';

export interface SweepResult {
  at: string;
  escalated: number;
  /** Overdue cases already with the departments: nothing above them; they show in `casesOverdue`. */
  overdueAtTop: number;
  /** Overdue cases another writer changed during the run: the next run sees them again. */
  skipped: number;
  autoClosed: number;
  whistlesFlagged: number;
}

/** How many cases one run handles of each kind; the next run (minutes later) takes the rest. */
const SWEEP_BATCH = 500;

const isConflict = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT';

/**
 * The deadline job's work at `now`: escalates each overdue open case one level (once per missed
 * deadline), closes resolved cases quiet for their county's period, and flags whistles unanswered
 * past their limit (OVERDUE ones: a whistle withdrawn with its case before its limit is not).
 * Each case changes in its own transaction, so one conflict does not undo the others; running it
 * twice at the same `now` changes nothing the second time. `regionCode` limits the run to the cases
 * and whistles in that region and below (a county's own run; tests sharing one database each run
 * their own); without it every region is swept.
 */
export async function sweepCaseDeadlines(dataSource: DataSource, now: Date, options: { regionCode?: string } = {}): Promise<SweepResult> {
  // A region code is digits only (checked by the payload's schema); the pattern is a parameter anyway.
  const prefix = options.regionCode ? `${options.regionCode}%` : '%';
  const result: SweepResult = { at: now.toISOString(), escalated: 0, overdueAtTop: 0, skipped: 0, autoClosed: 0, whistlesFlagged: 0 };
  const cases = dataSource.getRepository(GridCase);
  const overdue = await cases
    .createQueryBuilder('c')
    .where('c.status IN (:...open) AND c.deadline_at < :now', { open: [...OPEN_STATUSES], now })
    .andWhere('c.region_code LIKE :prefix', { prefix })
    .orderBy('c.deadline_at')
    .take(SWEEP_BATCH)
    .getMany();
  const policies = new Map<string, CasePolicy>();
  const policyFor = async (regionCode: string) => {
    const county = countyOf(regionCode)!;
    if (!policies.has(county)) policies.set(county, await policyOf(dataSource, county));
    return policies.get(county)!;
  };
  for (const current of overdue) {
    if (!nextLevel(current.handlingLevel)) {
      result.overdueAtTop += 1;
      continue;
    }
    const policy = await policyFor(current.regionCode);
    const reason = `Overdue: the ${current.severity} deadline of ${current.deadlineAt.toISOString()} at ${current.handlingLevel} level passed`;
    try {
      const escalated = await dataSource.transaction((manager) =>
        escalateWithin(manager, current, { reason, actor: SYSTEM_ACTOR, actorName: '到期升级', automatic: true, policy, now }),
      );
      if (escalated) result.escalated += 1;
      else result.skipped += 1;
    } catch (error) {
      if (!isConflict(error)) throw error;
      result.skipped += 1;
    }
  }

  const quiet: Array<{ id: string }> = await dataSource.query(
    `SELECT c.id FROM ${tableOf(dataSource, 'grid_case')} c
     WHERE c.status = 'RESOLVED' AND c.resolved_at <= $1::timestamptz - make_interval(days => ${autoCloseDaysSql(dataSource, 'c.region_code')})
       AND c.region_code LIKE $3
     ORDER BY c.resolved_at LIMIT $2`,
    [now, SWEEP_BATCH, prefix],
  );
  for (const { id } of quiet) {
    const current = await cases.findOneByOrFail({ id });
    if (transitionProblem('AUTO_CLOSE', current, SYSTEM_ACTOR, { now, reopenDays: 0 })) continue;
    try {
      await dataSource.transaction((manager) =>
        applyCaseChange(
          manager,
          current,
          { status: 'CLOSED', closedAt: now },
          {
            action: 'AUTO_CLOSE',
            actorSubject: SYSTEM_ACTOR.subject,
            actorName: '到期自动关闭',
            note: 'Closed after the quiet period without a rating or a reopen',
            now,
          },
        ),
      );
      result.autoClosed += 1;
    } catch (error) {
      if (!isConflict(error)) throw error;
      result.skipped += 1;
    }
  }

  const flagged: unknown[] = await dataSource.query(
    `UPDATE ${tableOf(dataSource, 'case_whistle')} w SET flagged_at = $1
     WHERE w.flagged_at IS NULL AND ${whistleStatusSql('OVERDUE', 'w', '$1::timestamptz')} AND w.region_code LIKE $2 RETURNING w.id`,
    [now, prefix],
  );
  // node-postgres returns [rows, count] for an UPDATE … RETURNING through TypeORM.
  result.whistlesFlagged = Array.isArray(flagged[0]) ? (flagged[0] as unknown[]).length : flagged.length;
  return result;
}

/**
 * The deadline sweep: escalates overdue cases one level (once per missed deadline), closes resolved
 * cases after their county's quiet period, flags whistles unanswered past their limit. The payload
 * may fix the clock (`now`, an ISO instant) for a replay or a test, and limit the run to a region
 * (`regionCode`); the schedule sends neither: every region, at the time the run starts. Idempotent:
 * a second run at the same instant changes nothing.
 */
export const caseDeadlinesJob = defineJob({
  name: 'case-deadlines',
  payload: z.object({ now: z.string().datetime().optional(), regionCode: regionCodeInput().optional() }),
  handler: async (payload, context) =>
    sweepCaseDeadlines(context.dataSource, payload.now ? new Date(payload.now) : new Date(), { regionCode: payload.regionCode }),
});

/** Every five minutes: deadlines are in hours, so a case is escalated at most a few minutes late. */
export const caseDeadlinesSchedule: ScheduleDefinition = {
  id: 'case-deadlines-every-5-minutes',
  job: caseDeadlinesJob,
  every: 5 * 60 * 1000,
  payload: {},
};

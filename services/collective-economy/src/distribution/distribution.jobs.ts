import { defineJob, jobIdentity, regionCodeInput, runInTransaction, tableOf, todayInChina, type ScheduleDefinition } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { draftDistribution } from './distribution.commands';
import { yearInput } from './share-rate.inputs';

/** Who drafts for the job: shown as the drafter, so any administrator may approve (four eyes). */
export const YEAR_END_DRAFTER = 'system:year-end-distribution';

/** What one run did for a year. */
export interface YearEndResult {
  year: number;
  recordDate: string;
  /** Drafted by this run. */
  drafted: number;
  /** Closed years that already had a distribution (drafted on demand, or by an earlier run). */
  alreadyDrafted: number;
  /** Organisations whose year is not closed yet: a later run drafts them once it is. */
  notClosed: number;
}

/** The year a run drafts when none is given: the one that ended most recently in China (UTC+8). */
export function yearJustEnded(now: Date): number {
  return Number(todayInChina(now).slice(0, 4)) - 1;
}

const isConflict = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT';

/**
 * Drafts the distribution of `year` for every organisation whose books of that year are closed and
 * that has none yet, through the on-demand use case (`draftDistribution`), one organisation per
 * transaction. The record date is 1 January of the next year: the register as the year ended.
 * Idempotent per organisation and year (the unique index on organisation and year decides, so a
 * draft made meanwhile by a person or a second run is left as it is); a crashed run is simply run
 * again and drafts the rest. `regionCode` limits the run to the organisations in that region and below
 * (a county's own run; tests sharing one database each run their own); `now` is for tests.
 */
export async function draftClosedYears(
  dataSource: DataSource,
  year: number,
  options: { regionCode?: string; now?: Date } = {},
): Promise<YearEndResult> {
  const { regionCode, now = new Date() } = options;
  const recordDate = `${year + 1}-01-01`;
  const result: YearEndResult = { year, recordDate, drafted: 0, alreadyDrafted: 0, notClosed: 0 };
  if (recordDate > todayInChina(now)) return result;
  const rows: Array<{ id: string; region_code: string; closed: boolean; drafted: boolean }> = await dataSource.query(
    `SELECT o.id, o.region_code,
            EXISTS (SELECT 1 FROM ${tableOf(dataSource, 'ledger_period_close')} c WHERE c.organisation_id = o.id AND c.period = $1) AS closed,
            EXISTS (SELECT 1 FROM ${tableOf(dataSource, 'distribution')} d WHERE d.organisation_id = o.id AND d.year = $2) AS drafted
     FROM ${tableOf(dataSource, 'collective_organisation')} o
     WHERE $3::text IS NULL OR o.region_code LIKE $3 || '%'
     ORDER BY o.id`,
    [String(year), year, regionCode ?? null],
  );
  for (const row of rows) {
    if (row.drafted) result.alreadyDrafted += 1;
    else if (!row.closed) result.notClosed += 1;
    else {
      const identity = jobIdentity({ subject: YEAR_END_DRAFTER, name: '年终分配起草', role: 'COUNTY_ADMIN' }, row.region_code);
      try {
        await runInTransaction(
          { dataSource, identity, operationName: 'year-end-distributions' },
          (ctx) => draftDistribution.run({ collectiveOrganisationId: row.id, year, recordDate }, ctx),
          now,
        );
        result.drafted += 1;
      } catch (error) {
        // Drafted meanwhile (the unique index): nothing more to do for it.
        if (!isConflict(error)) throw error;
        result.alreadyDrafted += 1;
      }
    }
  }
  return result;
}

/**
 * The year-end drafting of collective distributions (年终分配). The payload may name the year and a
 * region to limit the run to; the schedule sends neither and the run drafts the year just ended for
 * every organisation.
 */
export const yearEndDistributionsJob = defineJob({
  name: 'year-end-distributions',
  payload: z.object({ year: yearInput.optional(), regionCode: regionCodeInput().optional() }),
  periodOf: (payload) => String(payload.year ?? yearJustEnded(new Date())),
  handler: async (payload, context) =>
    draftClosedYears(context.dataSource, payload.year ?? yearJustEnded(new Date()), { regionCode: payload.regionCode }),
});

/**
 * 03:00 Beijing time every day from 2 January to the end of March: books are closed in the first
 * weeks of the year, and each run drafts the organisations closed since the last one. A year closed
 * later is drafted on demand (`draftDistribution`).
 */
export const yearEndDistributionsSchedule: ScheduleDefinition = {
  id: 'year-end-distributions-daily-q1',
  job: yearEndDistributionsJob,
  pattern: '0 3 2-31 1-3 *',
  tz: 'Asia/Shanghai',
  payload: {},
};

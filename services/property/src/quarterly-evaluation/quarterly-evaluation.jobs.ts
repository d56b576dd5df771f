import { defineJob, regionCodeInput, todayInChina, type ScheduleDefinition } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { previousQuarter, yearOf } from '../evaluation/periods.rules';
import { EvaluationScheme } from '../evaluation-scheme/evaluation-scheme.entity';
import { runQuarterlyEvaluation } from './quarterly-evaluation.run';

const county = z.string().regex(/^\d{6}$/);
const quarter = z.string().regex(/^\d{4}Q[1-4]$/);

/** One county's quarter (an administrator's request): idempotent per county and quarter, resumable. */
export const quarterlyEvaluationJob = defineJob({
  name: 'quarterly-evaluation',
  payload: z.object({ countyCode: county, quarter }),
  periodOf: (p) => `${p.countyCode}-${p.quarter}`,
  handler: (p, context) => runQuarterlyEvaluation(context.dataSource, p.countyCode, p.quarter, new Date()),
});

/**
 * The counties with a scheme for a year, in code order; only `countyCode` when given (a county's own
 * run, and tests sharing one database, each running its own county).
 */
export async function countiesWithScheme(dataSource: DataSource, year: number, countyCode?: string): Promise<string[]> {
  const query = dataSource
    .getRepository(EvaluationScheme)
    .createQueryBuilder('s')
    .select('DISTINCT s.region_code', 'region_code')
    .where('s.year = :year', { year });
  if (countyCode) query.andWhere('s.region_code = :countyCode', { countyCode });
  const rows: Array<{ region_code: string }> = await query.orderBy('s.region_code').getRawMany();
  return rows.map((r) => r.region_code);
}

/**
 * The scheduled run (季度考评) on the first day of each quarter: the quarter just ended, for every county
 * that has a scheme for its year. The payload may carry `now` (tests set the clock) and `countyCode`
 * (one county only; the schedule sends neither). Each county's run is idempotent and resumable, so a
 * re-run after a crash finishes what is left and changes nothing else.
 */
export const quarterlyEvaluationsJob = defineJob({
  name: 'quarterly-evaluations',
  payload: z.object({ now: z.string().datetime({ offset: true }).optional(), countyCode: regionCodeInput(['COUNTY']).optional() }),
  periodOf: (p) => previousQuarter(todayInChina(p.now ? new Date(p.now) : new Date())),
  handler: async (p, context) => {
    const now = p.now ? new Date(p.now) : new Date();
    const closed = previousQuarter(todayInChina(now));
    const runs = [];
    for (const county of await countiesWithScheme(context.dataSource, yearOf(closed), p.countyCode))
      runs.push(await runQuarterlyEvaluation(context.dataSource, county, closed, now));
    return { quarter: closed, runs };
  },
});

/** 01:00 on 1 January, April, July and October, Beijing time. */
export const quarterlyEvaluationsSchedule: ScheduleDefinition = {
  id: 'quarterly-evaluations',
  job: quarterlyEvaluationsJob,
  pattern: '0 1 1 1,4,7,10 *',
  tz: 'Asia/Shanghai',
  payload: {},
};

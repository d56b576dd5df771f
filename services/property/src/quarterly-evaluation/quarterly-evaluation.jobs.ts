import { defineJob, todayInChina, type ScheduleDefinition } from '@gg/shared';
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
 * The scheduled run (季度考评) on the first day of each quarter: the quarter just ended, for every county
 * that has a scheme for its year. The payload may carry `now` (tests set the clock). Each county's
 * run is idempotent and resumable, so a re-run after a crash finishes what is left and changes nothing else.
 */
export const quarterlyEvaluationsJob = defineJob({
  name: 'quarterly-evaluations',
  payload: z.object({ now: z.string().datetime({ offset: true }).optional() }),
  periodOf: (p) => previousQuarter(todayInChina(p.now ? new Date(p.now) : new Date())),
  handler: async (p, context) => {
    const now = p.now ? new Date(p.now) : new Date();
    const closed = previousQuarter(todayInChina(now));
    const counties: Array<{ region_code: string }> = await context.dataSource
      .getRepository(EvaluationScheme)
      .createQueryBuilder('s')
      .select('DISTINCT s.region_code', 'region_code')
      .where('s.year = :year', { year: yearOf(closed) })
      .orderBy('s.region_code')
      .getRawMany();
    const runs = [];
    for (const { region_code } of counties) runs.push(await runQuarterlyEvaluation(context.dataSource, region_code, closed, now));
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

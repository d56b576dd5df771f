import {
  defineJob,
  jobIdentity,
  regionCodeInput,
  runInTransaction,
  todayInChina,
  type Identity,
  type ScheduleDefinition,
} from '@gg/shared';
import { z } from 'zod';
import { previousHalf, quartersOfHalf, yearOf } from '../evaluation/periods.rules';
import { countiesWithScheme } from '../quarterly-evaluation/quarterly-evaluation.jobs';
import { runQuarterlyEvaluation } from '../quarterly-evaluation/quarterly-evaluation.run';
import { latestList, publishListVersion } from './red-black-list.compile';

/** Who the scheduled publication is recorded as. */
function scheduleIdentity(countyCode: string): Identity {
  return jobIdentity({ subject: 'schedule', name: '半年评估', role: 'COUNTY_ADMIN' }, countyCode);
}

/**
 * The half-yearly lists (半年评估) on 1 January and 1 July: the half just ended, for every county with a
 * scheme for its year. Its two quarters are evaluated first (idempotent: done already, they change
 * nothing), then version 1 is published unless one exists, under a lock: running twice publishes once.
 * The payload may carry `now` (tests set the clock) and `countyCode` (one county only; the schedule
 * sends neither).
 */
export const redBlackListsJob = defineJob({
  name: 'red-black-lists',
  payload: z.object({ now: z.string().datetime({ offset: true }).optional(), countyCode: regionCodeInput(['COUNTY']).optional() }),
  periodOf: (p) => previousHalf(todayInChina(p.now ? new Date(p.now) : new Date())),
  handler: async (p, context) => {
    const now = p.now ? new Date(p.now) : new Date();
    const half = previousHalf(todayInChina(now));
    const published: Array<{ countyCode: string; listId: string; created: boolean }> = [];
    for (const countyCode of await countiesWithScheme(context.dataSource, yearOf(half), p.countyCode)) {
      for (const quarter of quartersOfHalf(half)) await runQuarterlyEvaluation(context.dataSource, countyCode, quarter, now);
      const outcome = await runInTransaction(
        { dataSource: context.dataSource, identity: scheduleIdentity(countyCode), operationName: 'red-black-lists' },
        async (ctx) => {
          await ctx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`red-black-list:${countyCode}:${half}`]);
          const existing = await latestList(ctx, countyCode, half);
          if (existing) return { listId: existing.id, created: false };
          const list = await publishListVersion(ctx, countyCode, half, null, null, 'half');
          return { listId: list.id, created: true };
        },
        now,
      );
      published.push({ countyCode, ...outcome });
    }
    return { half, published };
  },
});

/** 03:00 on 1 January and 1 July, Beijing time (after the quarterly run of 01:00). */
export const redBlackListsSchedule: ScheduleDefinition = {
  id: 'red-black-lists',
  job: redBlackListsJob,
  pattern: '0 3 1 1,7 *',
  tz: 'Asia/Shanghai',
  payload: {},
};

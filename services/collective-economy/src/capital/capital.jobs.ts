import {
  defineJob,
  recordForWrite,
  regionCodeInput,
  runInTransaction,
  todayInChina,
  jobIdentity,
  type ScheduleDefinition,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { monthInput } from '../ledger/ledger.inputs';
import { lastDayOf, monthBefore } from '../ledger/ledger.rules';
import { depreciateMonth, enterBooks, isAlreadyPosted, postedValueOf } from './capital.books';
import { Capital } from './capital.entity';
import { historyOf } from './capital.queries';
import { monthsToDepreciate } from './capital.rules';

export interface DepreciationRunResult {
  month: string;
  /** Entries posted by this run (one per asset and month with depreciation to post). */
  posted: number;
  /** Asset months posted already (by an earlier or a concurrent run). */
  alreadyPosted: number;
  /** Asset months whose last day is in closed books: their depreciation is posted with the next open month. */
  blocked: Array<{ capitalId: string; month: string }>;
}

const isConflict = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT';

/** The run writes as the platform, within one community at a time: the asset's. */
const systemCaller = (regionCode: string) =>
  jobIdentity({ subject: 'system:capital-depreciation', name: '固定资产折旧', role: 'COMMUNITY_STAFF' }, regionCode);

/**
 * Posts the depreciation of every fixed asset for every month that has ended up to `month` and is
 * not posted yet (计提折旧): for each asset and month, the register's accumulated depreciation at the
 * month's last day less what the books hold, posted on that day (depreciation expense / accumulated
 * depreciation), each in its own transaction with the asset locked; the unique (asset, month) index
 * decides, so a rerun or two runs at once post a month once. A month in closed books is reported
 * blocked and its depreciation lands in the next open month (the figure is cumulative). An asset
 * registered before the books kept assets is brought into them first, as a registration on its
 * acquisition day (or the first open day after it), then depreciated month by month. `regionCode`
 * limits the run to the assets in that region and below.
 */
export async function postDepreciation(
  dataSource: DataSource,
  month: string,
  options: { regionCode?: string; now?: Date } = {},
): Promise<DepreciationRunResult> {
  const { regionCode, now = new Date() } = options;
  const result: DepreciationRunResult = { month, posted: 0, alreadyPosted: 0, blocked: [] };
  // Only a month that has ended is depreciated: its depreciation counts on its last day.
  if (lastDayOf(month) >= todayInChina(now)) return result;
  const query = dataSource
    .getRepository(Capital)
    .createQueryBuilder('c')
    .where(`c.category = 'ASSET'`)
    .andWhere('c.acquired_on <= :last', { last: lastDayOf(month) });
  if (regionCode) query.andWhere('c.region_code LIKE :prefix', { prefix: `${regionCode}%` });
  const assets = await query.orderBy('c.id').getMany();
  for (const asset of assets) {
    const disposal = (await historyOf(dataSource.manager, asset.id)).find((c) => c.kind === 'DISPOSED');
    let { depreciatedThrough } = await postedValueOf(dataSource.manager, asset.id);
    if (depreciatedThrough === null && !disposal) {
      // Registered before the books kept assets: it enters them first (on its acquisition day, or the first open
      // day after it), and its months since are posted below as any asset's, each the expense of its own month.
      try {
        await runInTransaction(
          { dataSource, identity: systemCaller(asset.regionCode), operationName: 'capital-depreciation' },
          async (ctx) =>
            enterBooks(
              ctx,
              await recordForWrite(ctx.manager, Capital, asset.id, {
                identity: ctx.caller,
                field: 'capitalId',
                label: 'Capital',
                lock: true,
              }),
            ),
          now,
        );
      } catch (error) {
        // A period closed meanwhile: the next run brings it in.
        if (isConflict(error)) {
          result.blocked.push({ capitalId: asset.id, month });
          continue;
        }
        throw error;
      }
      ({ depreciatedThrough } = await postedValueOf(dataSource.manager, asset.id));
    }
    // From the month its depreciation is posted through, not a later change's day: a change posts cost only,
    // and the months before it would otherwise be skipped (their depreciation landing in a later month or year).
    for (const m of monthsToDepreciate(depreciatedThrough, disposal?.effectiveOn ?? null, month)) {
      try {
        const outcome = await runInTransaction(
          { dataSource, identity: systemCaller(asset.regionCode), operationName: 'capital-depreciation' },
          (ctx) => depreciateMonth(ctx, asset.id, m, 'capitalId'),
          now,
        );
        if (outcome === 'BLOCKED') result.blocked.push({ capitalId: asset.id, month: m });
        else if (outcome) result.posted += 1;
      } catch (error) {
        if (isAlreadyPosted(error)) result.alreadyPosted += 1;
        // Closed between the check and the posting: blocked as above.
        else if (isConflict(error)) result.blocked.push({ capitalId: asset.id, month: m });
        else throw error;
      }
    }
  }
  return result;
}

/**
 * The monthly depreciation run: the month just ended (China time) and any earlier month not posted
 * yet; the payload may name the month and a region to limit it to (the schedule sends neither).
 */
export const capitalDepreciationJob = defineJob({
  name: 'capital-depreciation',
  payload: z.object({ month: monthInput.optional(), regionCode: regionCodeInput().optional() }),
  periodOf: (payload) => payload.month ?? monthBefore(todayInChina(new Date()).slice(0, 7)),
  handler: (payload, context) =>
    postDepreciation(context.dataSource, payload.month ?? monthBefore(todayInChina(new Date()).slice(0, 7)), {
      regionCode: payload.regionCode,
    }),
});

/** 01:30 on the first of each month, Beijing time: the month just ended. */
export const capitalDepreciationSchedule: ScheduleDefinition = {
  id: 'capital-depreciation-monthly',
  job: capitalDepreciationJob,
  pattern: '30 1 1 * *',
  tz: 'Asia/Shanghai',
  payload: {},
};

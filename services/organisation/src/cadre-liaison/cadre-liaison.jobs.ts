import { defineJob, type ScheduleDefinition } from '@gg/shared';
import { z } from 'zod';
import { previousYear, yearInput } from '../common/year';
import { compileCadreLiaisonReport } from './cadre-liaison.report';

/**
 * The yearly cadre-liaison compliance report (联系包保): ≥ 3 visits and ≥ 2 problems solved per linked
 * unit. The payload may name the year; the schedule sends none and the run reports on the year just
 * ended (Asia/Shanghai). Idempotent per year: one report row per cadre and year, left alone when
 * unchanged.
 */
export const cadreLiaisonComplianceJob = defineJob({
  name: 'cadre-liaison-compliance',
  payload: z.object({ year: yearInput.optional() }),
  periodOf: (payload) => String(payload.year ?? previousYear()),
  handler: async (payload, context) => compileCadreLiaisonReport(context.dataSource, payload.year ?? previousYear()),
});

/** 02:00 on 1 January, Beijing time: the year just ended. */
export const cadreLiaisonComplianceSchedule: ScheduleDefinition = {
  id: 'cadre-liaison-compliance-yearly',
  job: cadreLiaisonComplianceJob,
  pattern: '0 2 1 1 *',
  tz: 'Asia/Shanghai',
  payload: {},
};

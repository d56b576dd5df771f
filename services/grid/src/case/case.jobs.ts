import { defineJob, type ScheduleDefinition } from '@gg/shared';
import { z } from 'zod';
import { sweepCaseDeadlines } from './case.service';

/**
 * The deadline sweep: escalates overdue cases one level (once per missed deadline), closes resolved
 * cases after their county's quiet period, flags whistles unanswered past their limit. The payload
 * may fix the clock (`now`, an ISO instant) for a replay or a test; the schedule sends none and the
 * run uses the time it starts. Idempotent: a second run at the same instant changes nothing.
 */
export const caseDeadlinesJob = defineJob({
  name: 'case-deadlines',
  payload: z.object({ now: z.string().datetime().optional() }),
  handler: async (payload, context) => sweepCaseDeadlines(context.dataSource, payload.now ? new Date(payload.now) : new Date()),
});

/** Every five minutes: deadlines are in hours, so a case is escalated at most a few minutes late. */
export const caseDeadlinesSchedule: ScheduleDefinition = {
  id: 'case-deadlines-every-5-minutes',
  job: caseDeadlinesJob,
  every: 5 * 60 * 1000,
  payload: {},
};

import { uuidInput } from '@gg/shared';
import { z } from 'zod';
import { caseContentInput } from '../case/case.rules';

export const recordVisitInput = z.object({
  householdId: uuidInput('a household id'),
  // A visit is usually recorded on the doorstep; one recorded later says when it happened.
  visitedAt: z.date().nullish(),
  note: z.string().trim().min(2, 'a note has at least 2 characters').max(2000, 'a note has at most 2000 characters'),
  raiseCase: caseContentInput.nullish(),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, "an idempotency key is 8–100 letters, digits, '-' or '_'")
    .nullish()
    .transform((v) => v ?? null),
});
export type RecordVisitInput = z.infer<typeof recordVisitInput>;

/** Why a visit time is not acceptable at `now`, or undefined: not in the future (a minute of clock skew allowed). */
export function visitTimeProblem(visitedAt: Date, now: Date): string | undefined {
  if (visitedAt.getTime() > now.getTime() + 60_000) return 'a visit cannot be recorded in the future';
  return undefined;
}

import { freeTextInput, instantInput, PAST_INSTANT, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { caseContentInput } from '../case/case.inputs';

export const recordVisitInput = z.object({
  householdId: uuidInput('a household id'),
  // A visit is usually recorded on the doorstep; one recorded later says when it happened.
  visitedAt: instantInput(PAST_INSTANT, { label: 'a visit time' }).nullish(),
  note: freeTextInput({ label: 'a note', max: 2000 }),
  raiseCase: caseContentInput.nullish(),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, "an idempotency key is 8–100 letters, digits, '-' or '_'")
    .nullish()
    .transform((v) => v ?? null),
});
export type RecordVisitInput = z.infer<typeof recordVisitInput>;

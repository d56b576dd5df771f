import { codeInput, freeTextInput, noteInput, optionalText, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { EVALUATOR_KINDS } from '../evaluation/evaluation-scheme.rules';
import { MONTH_PATTERN } from '../evaluation/periods.rules';

/** A month, YYYY-MM, from 2000 on. */
export const monthInput = z
  .string()
  .regex(MONTH_PATTERN, 'a month is YYYY-MM, e.g. 2025-04')
  .refine((m) => m >= '2000-01' && m <= '2100-12', 'a month is between 2000-01 and 2100-12');

const scoreValue = z.number().int('a score is a whole number').min(0, 'a score is 0–100').max(100, 'a score is 0–100');
const evidence = z
  .array(codeInput({ label: 'an evidence reference (a file id or URL)', max: 500 }))
  .max(10, 'at most 10 pieces of evidence')
  .nullish()
  .transform((v) => v ?? []);

export const recordEvaluationScoresInput = z
  .object({
    compoundId: uuidInput('a compound id'),
    month: monthInput,
    evaluatorKind: z.enum(EVALUATOR_KINDS),
    scores: z
      .array(
        z.object({
          criterionKey: codeInput({ label: 'a criterion key', max: 40 }),
          score: scoreValue,
          notes: optionalText(noteInput({ label: 'notes', max: 2000 })),
          evidence,
        }),
      )
      .min(1, 'give at least one score')
      .max(40, 'at most 40 scores'),
  })
  .superRefine((input, ctx) => {
    input.scores.forEach((s, i) => {
      if (input.scores.findIndex((o) => o.criterionKey === s.criterionKey) !== i)
        ctx.addIssue({ code: 'custom', path: ['scores', i, 'criterionKey'], message: `criterion ${s.criterionKey} is scored twice` });
    });
  });
export type RecordEvaluationScoresInput = z.infer<typeof recordEvaluationScoresInput>;

export const correctEvaluationScoreInput = z.object({
  scoreId: uuidInput('a score id'),
  score: scoreValue,
  notes: optionalText(noteInput({ label: 'notes', max: 2000 })),
  evidence,
  reason: freeTextInput({ label: 'a reason', max: 1000 }),
  expectedVersion: z.number().int().min(1).nullish(),
});
export type CorrectEvaluationScoreInput = z.infer<typeof correctEvaluationScoreInput>;

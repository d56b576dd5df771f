import { codeInput, regionCodeInput, thingNameInput } from '@gg/shared';
import { z } from 'zod';
import { countySchemeProblems, DEFAULT_COUNTY_SCHEME, EVALUATOR_KINDS } from '../evaluation/evaluation-scheme.rules';

/** A year a scheme may be defined for. */
export const schemeYearInput = z.number().int('a year is a whole number').min(2000, 'a year is 2000–2100').max(2100, 'a year is 2000–2100');

const points = (what: string, min: number, max: number) =>
  z.number().int(`${what} is a whole number`).min(min, `${what} is ${min}–${max}`).max(max, `${what} is ${min}–${max}`);

const criterionInput = z.object({
  key: codeInput({
    label: 'a criterion key',
    max: 40,
    pattern: /^[A-Z][A-Z0-9_]*$/,
    patternMessage: 'a criterion key is A–Z, 0–9 and _, e.g. GREENING_UPKEEP',
  }),
  name: thingNameInput({ label: 'a criterion name', max: 50 }),
  weight: points('a weight', 1, 100),
});

/**
 * A county's scheme for a year; every part left out takes the default (Liupanshui's 四有一定 with its
 * evaluators, stars at 60/70/80/90, RED the best ten at 90 or more, BLACK below 60, residents' voice 10).
 */
export const defineEvaluationSchemeInput = z
  .object({
    countyCode: regionCodeInput(['COUNTY'], 'an evaluation scheme'),
    year: schemeYearInput,
    criteria: z.array(criterionInput).min(1, 'a scheme has at least one criterion').max(40, 'a scheme has at most 40 criteria').nullish(),
    evaluators: z
      .array(z.object({ kind: z.enum(EVALUATOR_KINDS), weight: points('a weight', 1, 100) }))
      .min(1, 'a scheme has at least one evaluator kind')
      .max(EVALUATOR_KINDS.length)
      .nullish(),
    starThresholds: z
      .array(points('a threshold', 1, 100))
      .length(4, 'four thresholds: the lowest score of 2, 3, 4 and 5 stars')
      .nullish(),
    redRule: z.object({ top: points('the red list size', 1, 1000), minScore: points('a score bar', 0, 100) }).nullish(),
    blackRule: z.object({ belowScore: points('a score bar', 0, 100) }).nullish(),
    residentsVoice: z
      .object({
        weight: points("the residents' voice weight", 0, 50),
        categories: z
          .array(thingNameInput({ label: 'a case category', max: 50 }))
          .max(30, 'at most 30 categories')
          .nullish(),
      })
      .nullish(),
  })
  .transform((input) => {
    const d = DEFAULT_COUNTY_SCHEME;
    return {
      countyCode: input.countyCode,
      year: input.year,
      criteria: input.criteria ?? d.criteria,
      evaluators: input.evaluators ?? d.evaluators,
      starThresholds: (input.starThresholds ?? d.starThresholds) as [number, number, number, number],
      redRule: input.redRule ?? d.redRule,
      blackRule: input.blackRule ?? d.blackRule,
      residentsVoice: {
        weight: input.residentsVoice?.weight ?? d.residentsVoice.weight,
        categories: input.residentsVoice?.categories ?? d.residentsVoice.categories,
      },
    };
  })
  .superRefine((scheme, ctx) => {
    for (const problem of countySchemeProblems(scheme))
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.field.split('.') });
  });
export type DefineEvaluationSchemeInput = z.infer<typeof defineEvaluationSchemeInput>;

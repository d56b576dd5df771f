import type { EvaluatorKind, SchemeRules } from './evaluation-scheme.rules';

/**
 * The quarterly score of a compound as a pure function that explains itself: the inputs it used, the
 * weights, each step of the arithmetic, and every input that is missing. A missing input is never
 * counted as zero: the score is then null and the explanation says what is missing.
 */

/** One evaluator's score of one criterion in one month of the quarter (the current value after corrections). */
export interface ScoreInput {
  evaluatorKind: EvaluatorKind;
  criterionKey: string;
  /** YYYY-MM, a month of the quarter. */
  month: string;
  /** 0–100. */
  score: number;
}

export interface CriterionLine {
  key: string;
  weight: number;
  /** The scores used, in month order. */
  inputs: number[];
  /** Their mean; null when there is none. */
  average: number | null;
  /** weight × average / 100; null when missing. */
  contribution: number | null;
}

export interface EvaluatorLine {
  kind: EvaluatorKind;
  weight: number;
  criteria: CriterionLine[];
  /** Σ of the criteria's contributions; null when any criterion is missing. */
  score: number | null;
  /** weight × score / 100; null when missing. */
  contribution: number | null;
}

export interface QuarterlyScore {
  /** Rounded half up to two decimals, only at the end; null when any input is missing. */
  score: number | null;
  evaluators: EvaluatorLine[];
  missing: Array<{ evaluatorKind: EvaluatorKind; criterionKey: string }>;
  /** The arithmetic in words, e.g. "30% × 85.00 + 30% × 90.00 + … = 86.50". */
  arithmetic: string;
}

/** Half up to two decimals; the small epsilon keeps 84.995 (stored as 84.99499…) rounding up as written. */
export function roundScore(value: number): number {
  return Math.round((value + 1e-9) * 100) / 100;
}

const fixed = (value: number | null) => (value === null ? 'missing' : value.toFixed(2));

/** The quarter's score of one compound under a scheme, from the evaluators' current scores. */
export function quarterlyScore(scheme: SchemeRules, inputs: readonly ScoreInput[]): QuarterlyScore {
  const missing: QuarterlyScore['missing'] = [];
  const evaluators: EvaluatorLine[] = scheme.evaluators.map((evaluator) => {
    const criteria: CriterionLine[] = scheme.criteria.map((criterion) => {
      const used = inputs
        .filter((i) => i.evaluatorKind === evaluator.kind && i.criterionKey === criterion.key)
        .sort((a, b) => a.month.localeCompare(b.month))
        .map((i) => i.score);
      if (used.length === 0) missing.push({ evaluatorKind: evaluator.kind, criterionKey: criterion.key });
      const average = used.length ? used.reduce((s, v) => s + v, 0) / used.length : null;
      return {
        key: criterion.key,
        weight: criterion.weight,
        inputs: used,
        average,
        contribution: average === null ? null : (criterion.weight * average) / 100,
      };
    });
    const complete = criteria.every((c) => c.contribution !== null);
    const score = complete ? criteria.reduce((s, c) => s + c.contribution!, 0) : null;
    return {
      kind: evaluator.kind,
      weight: evaluator.weight,
      criteria,
      score,
      contribution: score === null ? null : (evaluator.weight * score) / 100,
    };
  });
  const complete = missing.length === 0;
  const score = complete ? roundScore(evaluators.reduce((s, e) => s + e.contribution!, 0)) : null;
  const terms = evaluators.map((e) => `${e.weight}% × ${fixed(e.score)} (${e.kind})`).join(' + ');
  const arithmetic = complete ? `${terms} = ${fixed(score)}` : `${terms}: not computed, ${missing.length} input(s) missing`;
  return { score, evaluators, missing, arithmetic };
}

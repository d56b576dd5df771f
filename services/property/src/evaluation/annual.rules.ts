import { starsFor, type SchemeRules } from './evaluation-scheme.rules';
import { roundScore } from './quarterly-score.rules';

/**
 * The annual comprehensive assessment (年度综合考核) of a compound or company: the mean of its four
 * quarterly scores, and its stars (1–5) by the scheme's thresholds. Stars come from the annual score,
 * not the last quarter, so one good quarter cannot buy a star. A quarter without a score leaves the
 * year without one (listed), never counted as zero.
 */
export interface QuarterScore {
  quarter: string;
  score: number | null;
}

export interface AnnualScore {
  score: number | null;
  stars: number | null;
  missingQuarters: string[];
  arithmetic: string;
}

export function annualScore(
  quarters: readonly QuarterScore[],
  allQuarters: readonly string[],
  thresholds: SchemeRules['starThresholds'],
): AnnualScore {
  const byQuarter = allQuarters.map((q) => ({ quarter: q, score: quarters.find((s) => s.quarter === q)?.score ?? null }));
  const missingQuarters = byQuarter.filter((q) => q.score === null).map((q) => q.quarter);
  if (missingQuarters.length)
    return { score: null, stars: null, missingQuarters, arithmetic: `no score for ${missingQuarters.join(', ')}: not assessed` };
  const score = roundScore(byQuarter.reduce((s, q) => s + q.score!, 0) / byQuarter.length);
  const stars = starsFor(score, thresholds);
  return {
    score,
    stars,
    missingQuarters,
    arithmetic: `(${byQuarter.map((q) => q.score!.toFixed(2)).join(' + ')}) ÷ ${byQuarter.length} = ${score.toFixed(2)} → ${stars} star(s) by thresholds ${thresholds.join('/')}`,
  };
}

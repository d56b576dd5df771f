import { starsFor, type SchemeRules } from './evaluation-scheme.rules';
import { roundScore } from './quarterly-score.rules';
import { inQuarterOrder, quartersByVersion, schemeOfQuarters, type QuarterScheme } from './scheme-version.rules';

export type { QuarterScheme } from './scheme-version.rules';

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

// ─── Which scheme version gives the stars ───────────────────────────────────────
// The version is chosen by schemeOfQuarters (scheme-version.rules), the rule the red-and-black list shares.

/** The choice of the stars' version in words, as published with the assessment. */
export function schemeExplanation(
  quarters: readonly QuarterScheme[],
  thresholds: SchemeRules['starThresholds'],
  latestVersion: number,
): string {
  const { scheme, schemesDiffer } = schemeOfQuarters(quarters);
  const ordered = inQuarterOrder(quarters);
  const used = `the stars use version ${scheme.version}'s thresholds ${thresholds.join('/')}`;
  const parts = schemesDiffer
    ? [
        `FLAG: the quarters were scored under different scheme versions (${quartersByVersion(ordered)})`,
        `each quarter's score stands as it was made under its version; ${used}, the last quarter's version (the rules in force at the end of the year)`,
      ]
    : [`All four quarters were scored under scheme version ${scheme.version}`, used];
  if (latestVersion > Math.max(...ordered.map((q) => q.version)))
    parts.push(`version ${latestVersion}, made after the quarters were scored, is not used for this year's scores or stars`);
  return `${parts.join('; ')}.`;
}

/**
 * The words for an assessment published before the versions were recorded with it: its stars used the
 * version current at publication (`used`), which may not be the quarters'; a difference is flagged.
 */
export function legacySchemeExplanation(
  quarters: readonly QuarterScheme[],
  used: { schemeId: string; version: number; thresholds: SchemeRules['starThresholds'] },
): string {
  const ordered = inQuarterOrder(quarters);
  const head = `Published before the scheme versions were recorded with the assessment (read from the quarters' runs): the stars used version ${used.version}'s thresholds ${used.thresholds.join('/')}, the version current at publication`;
  if (ordered.every((q) => q.schemeId === used.schemeId)) return `${head}; all four quarters were scored under it.`;
  return `${head}; FLAG: the quarters were scored under another version (${quartersByVersion(ordered)}): these stars may differ from those the quarters' own thresholds give.`;
}

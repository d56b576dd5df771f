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

// ─── Which scheme version gives the stars ───────────────────────────────────────

/** The scheme version a quarter of the year was scored under (its evaluation run's). */
export interface QuarterScheme {
  quarter: string;
  schemeId: string;
  version: number;
}

/**
 * The version whose star thresholds give an annual assessment's stars: the one the four quarters were
 * scored under. Rules are fixed before the scores are known, so a version made after the quarters were
 * scored (one current at publication but used by no quarter) never grades them: an auditor would see
 * thresholds chosen with the results in hand. When a version changed within the year (a new one after
 * the first was frozen), the quarters differ: the last quarter's version is used, the rules in force at
 * the end of the year, and the difference is flagged. Not refused: completed quarters are never
 * recomputed, so a refusal would leave the year unassessable for good.
 */
export function starSchemeOf(quarters: readonly QuarterScheme[]): { scheme: QuarterScheme; schemesDiffer: boolean } {
  const ordered = [...quarters].sort((a, b) => a.quarter.localeCompare(b.quarter));
  const scheme = ordered.at(-1)!;
  return { scheme, schemesDiffer: ordered.some((q) => q.schemeId !== scheme.schemeId) };
}

/** The choice of the stars' version in words, as published with the assessment. */
export function schemeExplanation(
  quarters: readonly QuarterScheme[],
  thresholds: SchemeRules['starThresholds'],
  latestVersion: number,
): string {
  const { scheme, schemesDiffer } = starSchemeOf(quarters);
  const ordered = [...quarters].sort((a, b) => a.quarter.localeCompare(b.quarter));
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
  const ordered = [...quarters].sort((a, b) => a.quarter.localeCompare(b.quarter));
  const head = `Published before the scheme versions were recorded with the assessment (read from the quarters' runs): the stars used version ${used.version}'s thresholds ${used.thresholds.join('/')}, the version current at publication`;
  if (ordered.every((q) => q.schemeId === used.schemeId)) return `${head}; all four quarters were scored under it.`;
  return `${head}; FLAG: the quarters were scored under another version (${quartersByVersion(ordered)}): these stars may differ from those the quarters' own thresholds give.`;
}

/** The quarters grouped by the version they were scored under: `2025Q1, 2025Q2 under version 1; 2025Q3, 2025Q4 under version 2`. */
function quartersByVersion(ordered: readonly QuarterScheme[]): string {
  const byVersion = new Map<number, string[]>();
  for (const q of ordered) byVersion.set(q.version, [...(byVersion.get(q.version) ?? []), q.quarter]);
  return [...byVersion].map(([version, qs]) => `${qs.join(', ')} under version ${version}`).join('; ');
}

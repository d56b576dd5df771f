import type { BlackRule, RedRule } from './evaluation-scheme.rules';
import { roundScore } from './quarterly-score.rules';
import { inQuarterOrder, quartersByVersion, schemeOfQuarters, type QuarterScheme } from './scheme-version.rules';

/**
 * The half-yearly red-and-black list (红黑榜) of a county's companies. The rule, stated once:
 * - a company's half-year score is the mean of its two quarterly scores (none when either is missing);
 * - BLACK: a serious violation recorded in the half, or a score below the black bar;
 * - RED: of the others scoring at least the red bar, the best `top`; companies tied with the last
 *   place are all listed (a boundary tie never excludes one of two equal companies by chance), and
 *   ranks are shared by equal scores (1, 2, 2, 4);
 * - a company without a score is on neither list unless for a violation.
 */
export interface ListCandidate {
  companyId: string;
  /** The two quarters' scores (null when missing). */
  quarterScores: Array<number | null>;
  seriousViolations: number;
}

export interface ListEntry {
  companyId: string;
  kind: 'RED' | 'BLACK';
  /** Place among the red (shared by equal scores); null for black. */
  rank: number | null;
  score: number | null;
  reason: string;
}

export const LIST_RULE_TEXT =
  'half-year score = mean of the two quarterly scores; BLACK: a serious violation recorded in the half or a score below the black bar; RED: of the others at or above the red bar, the best N, every company tied with the last place included, equal scores sharing a rank';

export function halfScore(quarterScores: ReadonlyArray<number | null>): number | null {
  if (quarterScores.length === 0 || quarterScores.some((s) => s === null)) return null;
  return roundScore(quarterScores.reduce<number>((s, v) => s + v!, 0) / quarterScores.length);
}

/** How a half-year score came about, for an entry's reason: `(85.00 + 86.00) ÷ 2 = 85.50`, or why there is none. */
export function halfArithmetic(quarterScores: ReadonlyArray<number | null>): string {
  const score = halfScore(quarterScores);
  if (score === null) return 'none (a quarter without a score)';
  return `(${quarterScores.map((s) => s!.toFixed(2)).join(' + ')}) ÷ ${quarterScores.length} = ${score.toFixed(2)}`;
}

/**
 * `flag`, when given, ends every entry's reason: the quarters were scored under different scheme versions
 * (mixedSchemesFlag), so each entry says which version's bars placed it.
 */
export function redBlackList(candidates: readonly ListCandidate[], red: RedRule, black: BlackRule, flag?: string): ListEntry[] {
  const scored = candidates.map((c) => ({ ...c, score: halfScore(c.quarterScores) }));
  const blackEntries: ListEntry[] = scored
    .filter((c) => c.seriousViolations > 0 || (c.score !== null && c.score < black.belowScore))
    .map((c) => ({
      companyId: c.companyId,
      kind: 'BLACK',
      rank: null,
      score: c.score,
      reason:
        c.seriousViolations > 0
          ? `${c.seriousViolations} serious violation(s) recorded in the half year; half-year score ${halfArithmetic(c.quarterScores)}`
          : `half-year score ${halfArithmetic(c.quarterScores)} below the black bar ${black.belowScore}`,
    }));
  const blackIds = new Set(blackEntries.map((e) => e.companyId));
  const eligible = scored
    .filter((c) => !blackIds.has(c.companyId) && c.score !== null && c.score >= red.minScore)
    .sort((a, b) => b.score! - a.score! || a.companyId.localeCompare(b.companyId));
  const cut = eligible.length > red.top ? eligible[red.top - 1]!.score! : -1;
  const chosen = eligible.filter((c, i) => i < red.top || c.score === cut);
  const redEntries: ListEntry[] = chosen.map((c) => {
    const rank = 1 + chosen.filter((o) => o.score! > c.score!).length;
    const tied = c.score === cut && chosen.indexOf(c) >= red.top;
    return {
      companyId: c.companyId,
      kind: 'RED',
      rank,
      score: c.score,
      reason: `rank ${rank}, half-year score ${halfArithmetic(c.quarterScores)} ≥ the red bar ${red.minScore}${tied ? `, tied with place ${red.top}` : ''}`,
    };
  });
  const entries = [...redEntries, ...blackEntries.sort((a, b) => a.companyId.localeCompare(b.companyId))];
  return flag ? entries.map((e) => ({ ...e, reason: `${e.reason}; ${flag}` })) : entries;
}

// ─── Which scheme version gives the bars ────────────────────────────────────────
// The version is chosen by schemeOfQuarters (scheme-version.rules), the rule the annual assessment shares.

/** The bars of a version in words: `red bar 80 (best 2), black bar 70`. */
export function barsText(red: RedRule, black: BlackRule): string {
  return `red bar ${red.minScore} (best ${red.top}), black bar ${black.belowScore}`;
}

/** The flag each entry's reason ends with when the half's quarters were scored under different versions; null when they were not. */
export function mixedSchemesFlag(quarters: readonly QuarterScheme[]): string | null {
  const { scheme, schemesDiffer } = schemeOfQuarters(quarters);
  if (!schemesDiffer) return null;
  return `FLAG: the quarters were scored under different scheme versions (${quartersByVersion(quarters)}); the bars are version ${scheme.version}'s, the later quarter's`;
}

/** The choice of the bars' version in words, as published with the list. */
export function listSchemeExplanation(quarters: readonly QuarterScheme[], red: RedRule, black: BlackRule, latestVersion: number): string {
  const { scheme, schemesDiffer } = schemeOfQuarters(quarters);
  const used = `the list uses version ${scheme.version}'s bars: ${barsText(red, black)}`;
  const parts = schemesDiffer
    ? [
        `FLAG: the quarters were scored under different scheme versions (${quartersByVersion(quarters)})`,
        `each quarter's score stands as it was made under its version; ${used}, the later quarter's version (the rules in force at the end of the half year)`,
      ]
    : [`Both quarters were scored under scheme version ${scheme.version}`, used];
  if (latestVersion > Math.max(...quarters.map((q) => q.version)))
    parts.push(`version ${latestVersion}, made after the quarters were scored, is not used for this half year's scores or list`);
  return `${parts.join('; ')}.`;
}

/**
 * The words for a list published before the versions were recorded with it: its bars were the version
 * current at publication (`used`), which may not be the quarters'; a difference is flagged.
 */
export function legacyListSchemeExplanation(
  quarters: readonly QuarterScheme[],
  used: { schemeId: string; version: number; red: RedRule; black: BlackRule },
): string {
  const head = `Published before the scheme versions were recorded with the list (read from the quarters' runs): the list used version ${used.version}'s bars (${barsText(used.red, used.black)}), the version current at publication`;
  if (inQuarterOrder(quarters).every((q) => q.schemeId === used.schemeId)) return `${head}; both quarters were scored under it.`;
  return `${head}; FLAG: the quarters were scored under another version (${quartersByVersion(quarters)}): this list may differ from the one the quarters' own bars give.`;
}

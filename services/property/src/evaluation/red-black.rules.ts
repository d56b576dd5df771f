import type { BlackRule, RedRule } from './evaluation-scheme.rules';
import { roundScore } from './quarterly-score.rules';

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

export function redBlackList(candidates: readonly ListCandidate[], red: RedRule, black: BlackRule): ListEntry[] {
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
  return [...redEntries, ...blackEntries.sort((a, b) => a.companyId.localeCompare(b.companyId))];
}

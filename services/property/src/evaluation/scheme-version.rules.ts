/**
 * Which scheme version grades a period made of quarters (a year's annual assessment, a half year's
 * red-and-black list), stated once for both.
 */

/** The scheme version a quarter was scored under (its evaluation run's). */
export interface QuarterScheme {
  quarter: string;
  schemeId: string;
  version: number;
}

/**
 * The version whose rules (star thresholds, red and black bars) grade a period: the one its quarters
 * were scored under. Rules are fixed before the scores are known, so a version made after the quarters
 * were scored (one current at publication but used by no quarter) never grades them: an auditor would
 * see rules chosen with the results in hand. When a version changed within the period (a new one after
 * the first was frozen), the quarters differ: the last quarter's version is used, the rules in force at
 * the end of the period, and the difference is flagged. Not refused: completed quarters are never
 * recomputed, so a refusal would leave the period ungradable for good.
 */
export function schemeOfQuarters(quarters: readonly QuarterScheme[]): { scheme: QuarterScheme; schemesDiffer: boolean } {
  const ordered = inQuarterOrder(quarters);
  const scheme = ordered.at(-1)!;
  return { scheme, schemesDiffer: ordered.some((q) => q.schemeId !== scheme.schemeId) };
}

/** The quarters in order, the first first. */
export function inQuarterOrder(quarters: readonly QuarterScheme[]): QuarterScheme[] {
  return [...quarters].sort((a, b) => a.quarter.localeCompare(b.quarter));
}

/** The quarters grouped by the version they were scored under: `2025Q1, 2025Q2 under version 1; 2025Q3, 2025Q4 under version 2`. */
export function quartersByVersion(quarters: readonly QuarterScheme[]): string {
  const byVersion = new Map<number, string[]>();
  for (const q of inQuarterOrder(quarters)) byVersion.set(q.version, [...(byVersion.get(q.version) ?? []), q.quarter]);
  return [...byVersion].map(([version, qs]) => `${qs.join(', ')} under version ${version}`).join('; ');
}

import { previousYear } from '../common/year';

/** What a cadre links (Tongzi): 1 street, 1 community and 1 grid. */
export const LIAISON_LEVELS = ['STREET', 'COMMUNITY', 'GRID'] as const;
export type LiaisonLevel = (typeof LIAISON_LEVELS)[number];

export const LIAISON_ACTIVITY_KINDS = ['VISIT', 'PROBLEM_SOLVED'] as const;
export type LiaisonActivityKind = (typeof LIAISON_ACTIVITY_KINDS)[number];

/** Each linked unit, each year: at least 3 visits and at least 2 real problems helped to solve. */
export const MIN_VISITS = 3;
export const MIN_PROBLEMS_SOLVED = 2;

export interface LinkCompliance {
  level: LiaisonLevel;
  regionCode: string;
  gridId: string | null;
  visits: number;
  problemsSolved: number;
  compliant: boolean;
}

export function linkCompliant(visits: number, problemsSolved: number): boolean {
  return visits >= MIN_VISITS && problemsSolved >= MIN_PROBLEMS_SOLVED;
}

/**
 * A cadre is compliant for a year when they link all three units and every link met both minimums.
 * A missing link counts against them: the duty is to link a street, a community and a grid.
 */
export function cadreCompliant(links: Array<Pick<LinkCompliance, 'level' | 'visits' | 'problemsSolved'>>): boolean {
  return LIAISON_LEVELS.every((level) => links.some((l) => l.level === level && linkCompliant(l.visits, l.problemsSolved)));
}

/**
 * Why a year's report cannot be compiled yet, or undefined when it can: the report is final (its rows
 * are what the county is judged by), so only a year that has ended in China (UTC+8) is compiled; the
 * current year's figures are read from the activities as they come in.
 */
export function unfinishedYearProblem(year: number, now: Date): string | undefined {
  const current = previousYear(now) + 1;
  if (year < current) return undefined;
  return `${year} ${year === current ? 'is not over yet' : 'has not begun'}: the report of a year is final and is compiled from 1 January ${year + 1} (China time)`;
}

export { previousYear };

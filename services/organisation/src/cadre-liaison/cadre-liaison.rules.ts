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

export { previousYear } from '../common/year';

import { dateInput, freeTextInput, PAST_DAY, personNameInput, thingNameInput } from '@gg/shared';
import { z } from 'zod';
import { foreignId } from '../party-organisation/party-organisation.rules';

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

/** The year a yearly run reports on when none is given: the previous calendar year in China (UTC+8). */
export function previousYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear() - 1;
}

const CODE_LENGTH: Record<LiaisonLevel, number> = { STREET: 9, COMMUNITY: 12, GRID: 12 };

export function regionCodeProblem(level: LiaisonLevel, regionCode: string): string | undefined {
  const length = CODE_LENGTH[level];
  if (regionCode.length !== length || !/^\d+$/.test(regionCode)) {
    return level === 'GRID' ? 'a grid is linked with its community: a 12-digit code' : `a ${level.toLowerCase()} code has ${length} digits`;
  }
  return undefined;
}

export const registerCadreInput = z.object({
  name: personNameInput(),
  post: thingNameInput({ label: 'a post' }),
  regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, 'a cadre belongs to a county, street or community: 6, 9 or 12 digits'),
});
export type RegisterCadreInput = z.infer<typeof registerCadreInput>;

export const linkCadreInput = z
  .object({
    cadreId: z.uuid('not a valid id'),
    level: z.enum(LIAISON_LEVELS),
    regionCode: z.string(),
    gridId: foreignId('grid').nullish(),
  })
  .superRefine((input, ctx) => {
    const problem = regionCodeProblem(input.level, input.regionCode);
    if (problem) ctx.addIssue({ code: 'custom', path: ['regionCode'], message: problem });
    if (input.level === 'GRID' && !input.gridId) ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'a grid link names its grid' });
    if (input.level !== 'GRID' && input.gridId)
      ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'only a grid link names a grid' });
  });
export type LinkCadreInput = z.infer<typeof linkCadreInput>;

export const recordLiaisonActivityInput = z.object({
  linkId: z.uuid('not a valid id'),
  kind: z.enum(LIAISON_ACTIVITY_KINDS),
  occurredOn: dateInput(PAST_DAY, { label: 'an activity day' }),
  note: freeTextInput({ label: 'a note', max: 1000 }),
});
export type RecordLiaisonActivityInput = z.infer<typeof recordLiaisonActivityInput>;

export const yearInput = z.number().int().min(2000, 'a year from 2000').max(2100, 'a year up to 2100');

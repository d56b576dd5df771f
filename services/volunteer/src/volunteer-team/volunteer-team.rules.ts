import { regionLevelOf, type RegionLevel } from '@gg/shared';

/**
 * Team categories. Liupanshui files its teams under five colours (五彩志愿), Tianzhu under five
 * service lines; both sets are kept as they are so each county reports in its own terms.
 */
export const VOLUNTEER_TEAM_CATEGORIES = [
  'RED',
  'GREEN',
  'BLUE',
  'WHITE',
  'GOLD',
  'ENVIRONMENT',
  'EMPLOYMENT',
  'CARE',
  'SAFETY_FIRE',
  'CULTURE',
  'OTHER',
] as const;
export type VolunteerTeamCategory = (typeof VOLUNTEER_TEAM_CATEGORIES)[number];

export const MAX_SKILLS = 20;
export const MAX_SKILL_LENGTH = 30;

/**
 * Tags are compared trimmed and without regard to Latin letter case, so "CPR" and "cpr " are one
 * skill: matching orders to teams by skill would otherwise count the same skill twice.
 */
export function skillKey(skill: string): string {
  return skill.trim().toLowerCase();
}

/** Index of the first tag repeating an earlier one, or undefined when every tag is distinct. */
export function duplicateSkillIndex(skills: readonly string[]): number | undefined {
  const seen = new Set<string>();
  for (const [index, skill] of skills.entries()) {
    const key = skillKey(skill);
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return undefined;
}

/** The levels that own a team: a community runs it, or a street; higher levels coordinate teams but do not own them. */
export const TEAM_REGION_LEVELS = ['STREET', 'COMMUNITY'] as const satisfies readonly RegionLevel[];

/** A team belongs to a community (12 digits) or a street (9 digits). */
export function isTeamRegionCode(code: string): boolean {
  return (TEAM_REGION_LEVELS as readonly string[]).includes(regionLevelOf(code) ?? '');
}

/**
 * A Party organisation owns a team of its own line: the community or street committee above the
 * team's region, or a grid branch inside it (organisation codes and team codes share one tree).
 */
export function ownerFits(organisationRegion: string, teamRegion: string): boolean {
  return teamRegion.startsWith(organisationRegion) || organisationRegion.startsWith(teamRegion);
}

import { freeTextInput, optionalText, thingNameInput } from '@gg/shared';
import { z } from 'zod';

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

/**
 * A team belongs to a community (12 digits) or a street (9 digits): the level that runs it. Higher
 * levels coordinate teams but do not own them.
 */
export function isTeamRegionCode(code: string): boolean {
  return /^(\d{9}|\d{12})$/.test(code);
}

const skill = thingNameInput({ label: 'a skill tag', min: 1, max: MAX_SKILL_LENGTH });

export const createVolunteerTeamInput = z.object({
  name: thingNameInput(),
  category: z.enum(VOLUNTEER_TEAM_CATEGORIES),
  regionCode: z.string().refine(isTeamRegionCode, 'a team belongs to a street (9 digits) or a community (12 digits)'),
  skills: z
    .array(skill)
    .max(MAX_SKILLS, `a team lists at most ${MAX_SKILLS} skills`)
    .default([])
    .superRefine((skills, ctx) => {
      const index = duplicateSkillIndex(skills);
      if (index !== undefined) ctx.addIssue({ code: 'custom', path: [index], message: `skill "${skills[index]}" is listed twice` });
    }),
  // Left out or null means none; blank is refused like every blank optional text of the graph.
  description: optionalText(freeTextInput({ label: 'a description', min: 1, max: 500 })),
});
export type CreateVolunteerTeamInput = z.infer<typeof createVolunteerTeamInput>;

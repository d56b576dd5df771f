import { freeTextInput, optionalText, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { duplicateSkillIndex, MAX_SKILL_LENGTH, MAX_SKILLS, TEAM_REGION_LEVELS, VOLUNTEER_TEAM_CATEGORIES } from './volunteer-team.rules';

const skill = thingNameInput({ label: 'a skill tag', min: 1, max: MAX_SKILL_LENGTH });

export const createVolunteerTeamInput = z.object({
  name: thingNameInput(),
  category: z.enum(VOLUNTEER_TEAM_CATEGORIES),
  regionCode: regionCodeInput(TEAM_REGION_LEVELS, 'a team'),
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
  // Left out or null: the community (or street) itself owns the team.
  ownerOrganisationId: uuidInput('a Party organisation')
    .nullish()
    .transform((value) => value ?? null),
});
export type CreateVolunteerTeamInput = z.infer<typeof createVolunteerTeamInput>;

/** The filter of the root list; `regionCode` is checked by the query (BAD_USER_INPUT on `regionCode`). */
export interface VolunteerTeamFilter {
  /** Region code prefix: teams of this region and every region below it. */
  regionCode: string;
  category?: (typeof VOLUNTEER_TEAM_CATEGORIES)[number] | null;
}

import { personNameInput, phoneInput, regionCodeInput, residentIdInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { duplicateSkillIndex, MAX_SKILL_LENGTH, MAX_SKILLS } from '../volunteer-team/volunteer-team.rules';
import { AVAILABILITY_PERIODS, TEAM_ROLES } from './volunteer.rules';

/** Skill tags, as a team's: distinct (ignoring Latin case), at most 20. */
const skillList = z
  .array(thingNameInput({ label: 'a skill tag', min: 1, max: MAX_SKILL_LENGTH }))
  .max(MAX_SKILLS, `at most ${MAX_SKILLS} skills`)
  .superRefine((skills, ctx) => {
    const index = duplicateSkillIndex(skills);
    if (index !== undefined) ctx.addIssue({ code: 'custom', path: [index], message: `skill "${skills[index]}" is listed twice` });
  });

const availabilityInput = z
  .array(z.enum(AVAILABILITY_PERIODS))
  .refine((periods) => new Set(periods).size === periods.length, 'a period is listed twice');

export const registerVolunteerInput = z.object({
  regionCode: regionCodeInput(['COMMUNITY'], 'a volunteer'),
  name: personNameInput(),
  residentId: residentIdInput,
  phone: phoneInput.nullish().transform((value) => value ?? null),
  skills: skillList.default([]),
  availability: availabilityInput.default([]),
  homeGridId: uuidInput('a grid')
    .nullish()
    .transform((value) => value ?? null),
  accountSubject: thingNameInput({ label: 'an account subject', min: 1, max: 200 })
    .nullish()
    .transform((value) => value ?? null),
});
export type RegisterVolunteerInput = z.infer<typeof registerVolunteerInput>;

export const addVolunteerToTeamInput = z.object({
  teamId: uuidInput('a volunteer team'),
  volunteerId: uuidInput('a volunteer'),
  role: z.enum(TEAM_ROLES).default('MEMBER'),
});

/** What a profile update changes: a field left out stays as it is; `homeGridId: null` clears the grid. */
export const updateVolunteerProfileInput = z.object({
  volunteerId: uuidInput('a volunteer'),
  skills: skillList.optional(),
  availability: availabilityInput.optional(),
  homeGridId: uuidInput('a grid').nullable().optional(),
});

import { personNameInput, phoneInput, regionCodeInput, residentIdInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { duplicateSkillIndex, MAX_SKILL_LENGTH, MAX_SKILLS } from '../volunteer-team/volunteer-team.rules';
import { AVAILABILITY_PERIODS, TEAM_ROLES } from './volunteer.rules';

/** Skill tags, as a team's: distinct (ignoring Latin case), at most 20. */
export const skillsInput = z
  .array(thingNameInput({ label: 'a skill tag', min: 1, max: MAX_SKILL_LENGTH }))
  .max(MAX_SKILLS, `at most ${MAX_SKILLS} skills`)
  .default([])
  .superRefine((skills, ctx) => {
    const index = duplicateSkillIndex(skills);
    if (index !== undefined) ctx.addIssue({ code: 'custom', path: [index], message: `skill "${skills[index]}" is listed twice` });
  });

export const registerVolunteerInput = z.object({
  regionCode: regionCodeInput(['COMMUNITY'], 'a volunteer'),
  name: personNameInput(),
  residentId: residentIdInput,
  phone: phoneInput.nullish().transform((value) => value ?? null),
  skills: skillsInput,
  availability: z
    .array(z.enum(AVAILABILITY_PERIODS))
    .default([])
    .refine((periods) => new Set(periods).size === periods.length, 'a period is listed twice'),
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

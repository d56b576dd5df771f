import { codeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { duplicateSkillIndex } from '../volunteer-team/volunteer-team.rules';
import { MAX_TAKER_SKILL_LENGTH, MAX_TAKER_SKILLS } from './service-taker.rules';

const skill = thingNameInput({ label: 'a skill tag', min: 1, max: MAX_TAKER_SKILL_LENGTH });

/** Exactly one of a volunteer and a household: the refusal names the field to change. */
export const enrolServiceTakerInput = z
  .object({
    volunteerId: uuidInput('a volunteer id').nullish(),
    householdId: uuidInput('a household id').nullish(),
    accountSubject: codeInput({ label: 'an account subject', max: 200 }),
    skills: z
      .array(skill)
      .max(MAX_TAKER_SKILLS, `a taker lists at most ${MAX_TAKER_SKILLS} skills`)
      .default([])
      .superRefine((skills, ctx) => {
        const index = duplicateSkillIndex(skills);
        if (index !== undefined) ctx.addIssue({ code: 'custom', path: [index], message: `skill "${skills[index]}" is listed twice` });
      }),
  })
  .superRefine((input, ctx) => {
    if (input.volunteerId && input.householdId)
      ctx.addIssue({
        code: 'custom',
        path: ['householdId'],
        message: 'a taker is a volunteer or a household leader: give volunteerId or householdId, not both',
      });
    if (!input.volunteerId && !input.householdId)
      ctx.addIssue({
        code: 'custom',
        path: ['volunteerId'],
        message: "give the volunteer (volunteerId) or the household leader's household (householdId)",
      });
  });
export type EnrolServiceTakerInput = z.infer<typeof enrolServiceTakerInput>;

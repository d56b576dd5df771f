import { personNameInput, phoneInput, residentIdInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { EMPLOYMENTS, HOUSEHOLD_RELATIONS, MAX_MEMBERS, SPECIAL_GROUPS } from './household.rules';

export const householdMemberInput = z.object({
  name: personNameInput(),
  phone: phoneInput.nullish().transform((value) => value ?? null),
  residentId: residentIdInput,
  relation: z.enum(HOUSEHOLD_RELATIONS),
  employment: z.enum(EMPLOYMENTS).nullish(),
});
export type HouseholdMemberInput = z.infer<typeof householdMemberInput>;

export const registerHouseholdInput = z
  .object({
    gridId: uuidInput('a grid id'),
    // An address is one line as it is written on the door plate.
    address: thingNameInput({ label: 'an address', max: 200 }),
    specialGroups: z
      .array(z.enum(SPECIAL_GROUPS))
      .nullish()
      .transform((groups) => groups ?? []),
    members: z
      .array(householdMemberInput)
      .min(1, 'a household has at least one member')
      .max(MAX_MEMBERS, `a household has at most ${MAX_MEMBERS} members`),
  })
  .superRefine((input, ctx) => {
    input.specialGroups.forEach((group, i) => {
      if (input.specialGroups.indexOf(group) !== i)
        ctx.addIssue({ code: 'custom', path: ['specialGroups', i], message: `${group} is listed twice` });
    });
    const heads = input.members.filter((m) => m.relation === 'HEAD').length;
    if (heads !== 1) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: `a household has exactly one HEAD (户主); this one has ${heads}` });
    }
    // One person is in one household, so an ID cannot appear twice in one either. The message names
    // the other member by position, never by number.
    input.members.forEach((member, i) => {
      const first = input.members.findIndex((m) => m.residentId === member.residentId);
      if (first !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', i, 'residentId'],
          message: `the same resident ID number as members.${first}: one person is one member`,
        });
      }
    });
  });
export type RegisterHouseholdInput = z.infer<typeof registerHouseholdInput>;

import {
  dateInput,
  freeTextInput,
  noteInput,
  optionalText,
  PAST_DAY,
  personNameInput,
  phoneInput,
  thingNameInput,
  uuidInput,
} from '@gg/shared';
import { z } from 'zod';
import { EMPLOYMENTS, SPECIAL_GROUPS } from './household.rules';

// Omitted keeps a field as it is; null clears it where it may be empty (a phone, an employment).

export const updateHouseholdInput = z
  .object({
    householdId: uuidInput('a household id'),
    address: thingNameInput({ label: 'an address', max: 200 }).nullish(),
    specialGroups: z.array(z.enum(SPECIAL_GROUPS)).nullish(),
  })
  .superRefine((input, ctx) => {
    input.specialGroups?.forEach((group, i) => {
      if (input.specialGroups!.indexOf(group) !== i)
        ctx.addIssue({ code: 'custom', path: ['specialGroups', i], message: `${group} is listed twice` });
    });
  });
export type UpdateHouseholdInput = z.infer<typeof updateHouseholdInput>;

export const updateHouseholdMemberInput = z.object({
  memberId: uuidInput('a member id'),
  name: personNameInput().nullish(),
  phone: phoneInput.nullish(),
  employment: z.enum(EMPLOYMENTS).nullish(),
});
export type UpdateHouseholdMemberInput = z.infer<typeof updateHouseholdMemberInput>;

export const recordMemberDepartureInput = z.object({
  memberId: uuidInput('a member id'),
  status: z.enum(['MOVED_OUT', 'DECEASED']),
  // A departure is recorded after the fact: a day that has come.
  on: dateInput(PAST_DAY, { label: 'the day' }),
  note: optionalText(noteInput()),
});
export type RecordMemberDepartureInput = z.infer<typeof recordMemberDepartureInput>;

export const moveHouseholdInput = z.object({
  householdId: uuidInput('a household id'),
  gridId: uuidInput('a grid id'),
  // A ten-household unit of the new grid to put it in at once (else it is in no unit after the move).
  unitId: uuidInput('a unit id')
    .nullish()
    .transform((id) => id ?? null),
  reason: freeTextInput({ label: 'a reason', max: 1000 }),
});
export type MoveHouseholdInput = z.infer<typeof moveHouseholdInput>;

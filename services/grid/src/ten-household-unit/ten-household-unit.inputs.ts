import { regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { UNIT_SIZE_LIMIT } from './ten-household-unit.rules';

const uuid = uuidInput;

export const createTenHouseholdUnitInput = z
  .object({
    gridId: uuid('a grid id'),
    name: thingNameInput(),
    leaderStaffId: uuid('a leader staff id')
      .nullish()
      .transform((v) => v ?? null),
    householdIds: z
      .array(uuid('a household id'))
      .max(UNIT_SIZE_LIMIT, `a unit has at most ${UNIT_SIZE_LIMIT} households`)
      .nullish()
      .transform((v) => v ?? []),
  })
  .superRefine((input, ctx) => {
    input.householdIds.forEach((id, i) => {
      if (input.householdIds.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['householdIds', i], message: 'a household is listed twice' });
    });
  });
export type CreateTenHouseholdUnitInput = z.infer<typeof createTenHouseholdUnitInput>;

/**
 * A change to a unit: a new leader (null removes the leader, omitted keeps it), households joining
 * and households leaving. A household may not both join and leave in one change.
 */
export const updateTenHouseholdUnitInput = z
  .object({
    unitId: uuid('a unit id'),
    leaderStaffId: uuid('a leader staff id').nullish(),
    addHouseholdIds: z
      .array(uuid('a household id'))
      .max(UNIT_SIZE_LIMIT, `a unit has at most ${UNIT_SIZE_LIMIT} households`)
      .nullish()
      .transform((v) => v ?? []),
    removeHouseholdIds: z
      .array(uuid('a household id'))
      .max(UNIT_SIZE_LIMIT, `a unit has at most ${UNIT_SIZE_LIMIT} households`)
      .nullish()
      .transform((v) => v ?? []),
  })
  .superRefine((input, ctx) => {
    for (const field of ['addHouseholdIds', 'removeHouseholdIds'] as const) {
      input[field].forEach((id, i) => {
        if (input[field].indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [field, i], message: 'a household is listed twice' });
      });
    }
    input.removeHouseholdIds.forEach((id, i) => {
      if (input.addHouseholdIds.includes(id))
        ctx.addIssue({ code: 'custom', path: ['removeHouseholdIds', i], message: 'a household cannot both join and leave' });
    });
  });
export type UpdateTenHouseholdUnitInput = z.infer<typeof updateTenHouseholdUnitInput>;

/** A county's cap on a unit's households (also the schema of the stored county setting). */
export const tenHouseholdUnitPolicySchema = z.object({
  maxHouseholds: z
    .number()
    .int('maxHouseholds is a whole number')
    .min(1, 'a unit may hold at least one household')
    .max(UNIT_SIZE_LIMIT, `a unit holds at most ${UNIT_SIZE_LIMIT} households (a zone's size)`),
});

export const setTenHouseholdUnitPolicyInput = tenHouseholdUnitPolicySchema.extend({
  countyCode: regionCodeInput(['COUNTY'], 'a county'),
});
export type SetTenHouseholdUnitPolicyInput = z.infer<typeof setTenHouseholdUnitPolicyInput>;

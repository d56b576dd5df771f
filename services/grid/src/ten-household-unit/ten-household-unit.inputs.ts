import { thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { MAX_UNIT_HOUSEHOLDS } from './ten-household-unit.rules';

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
      .max(MAX_UNIT_HOUSEHOLDS, `a unit has at most ${MAX_UNIT_HOUSEHOLDS} households`)
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
      .max(MAX_UNIT_HOUSEHOLDS, `a unit has at most ${MAX_UNIT_HOUSEHOLDS} households`)
      .nullish()
      .transform((v) => v ?? []),
    removeHouseholdIds: z
      .array(uuid('a household id'))
      .max(MAX_UNIT_HOUSEHOLDS, `a unit has at most ${MAX_UNIT_HOUSEHOLDS} households`)
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

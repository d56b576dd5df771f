import { thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';

/** A ten-household unit (十联户) groups about ten neighbouring households; 30 is the most we accept. */
export const MAX_UNIT_HOUSEHOLDS = 30;

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

/** Why a staff member cannot lead a unit of a grid, or undefined: a household leader (联户长) of the same grid. */
export function leaderProblem(unitGridId: string, leader: { gridId: string; role: string; endedAt?: Date | null }): string | undefined {
  if (leader.endedAt) return "the leader's appointment has ended";
  if (leader.gridId !== unitGridId) return 'the leader serves another grid';
  if (leader.role !== 'HOUSEHOLD_LEADER') return 'a unit is led by a HOUSEHOLD_LEADER (联户长)';
  return undefined;
}

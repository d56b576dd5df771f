import { badInput, conflict, defineCommand, isUniqueViolation, WRITERS, type CommandContext, recordForWrite } from '@gg/shared';
import { In, type EntityManager } from 'typeorm';
import { staffForWrite } from '../grid-staff/grid-staff.commands';
import { gridForWrite } from '../grid/grid.commands';
import { householdsForWrite, joinUnit, leaveUnit, unitSize } from '../household/household.commands';
import { TenHouseholdUnit } from './ten-household-unit.entity';
import { createTenHouseholdUnitInput, updateTenHouseholdUnitInput } from './ten-household-unit.inputs';
import { unitCapOf } from './ten-household-unit.policy';
import { leaderProblem } from './ten-household-unit.rules';

/** A unit's leader: a serving household leader (联户长) of the unit's grid, in the caller's scope. */
async function requireLeader(context: CommandContext, gridId: string, staffId: string): Promise<void> {
  const leader = await staffForWrite(context, staffId, 'input.leaderStaffId');
  const problem = leaderProblem(gridId, leader);
  if (problem) throw badInput('input.leaderStaffId', `input.leaderStaffId: ${problem}`);
}

/**
 * Forms a ten-household unit (十联户) in an active grid, with its household leader (联户长, a
 * HOUSEHOLD_LEADER of the grid) and its households (each in the grid and in no other unit).
 */
export const createTenHouseholdUnit = defineCommand({
  name: 'createTenHouseholdUnit',
  input: createTenHouseholdUnitInput,
  roles: WRITERS,
  run: async (input, context) => {
    const grid = await gridForWrite(context, input.gridId, 'input.gridId');
    if (grid.status !== 'ACTIVE') throw conflict(`Grid ${grid.code} was retired`, 'input.gridId');
    if (input.leaderStaffId) await requireLeader(context, grid.id, input.leaderStaffId);
    const cap = await unitCapOf(context.manager, grid.regionCode);
    if (input.householdIds.length > cap)
      throw badInput('input.householdIds', `input.householdIds: a unit of this county has at most ${cap} households`);
    await householdsForWrite(context, input.householdIds, 'input.householdIds');
    let unit: TenHouseholdUnit;
    try {
      unit = await context.manager.transaction((manager) =>
        manager.save(
          manager.create(TenHouseholdUnit, {
            regionCode: grid.regionCode,
            gridId: grid.id,
            name: input.name,
            leaderStaffId: input.leaderStaffId,
          }),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Grid ${grid.code} already has a unit named ${input.name}`, 'input.name');
      throw error;
    }
    // Only households of this grid that are in no unit yet; any other makes the whole unit a CONFLICT.
    if (!(await joinUnit(context.manager, input.householdIds, unit)))
      throw conflict('Every household of a unit is in its grid and in no other unit', 'input.householdIds');
    return unit;
  },
});

/**
 * Changes a unit as the neighbourhood changes: its leader, households joining (of its grid, in no
 * other unit) and leaving. All or nothing; the unit row is locked so two changes cannot together
 * take it past its county's cap (a county setting).
 */
export const updateTenHouseholdUnit = defineCommand({
  name: 'updateTenHouseholdUnit',
  input: updateTenHouseholdUnitInput,
  roles: WRITERS,
  run: async (input, context) => {
    const unit = await recordForWrite(context.manager, TenHouseholdUnit, input.unitId, {
      identity: context.caller,
      field: 'input.unitId',
      label: 'Unit',
      lock: true,
    });
    if (input.leaderStaffId) await requireLeader(context, unit.gridId, input.leaderStaffId);
    await householdsForWrite(context, input.removeHouseholdIds, 'input.removeHouseholdIds');
    await householdsForWrite(context, input.addHouseholdIds, 'input.addHouseholdIds');
    if (!(await leaveUnit(context.manager, input.removeHouseholdIds, unit.id)))
      throw conflict('Only households of the unit can leave it', 'input.removeHouseholdIds');
    if (!(await joinUnit(context.manager, input.addHouseholdIds, unit)))
      throw conflict('Every household joining a unit is in its grid and in no other unit', 'input.addHouseholdIds');
    const size = await unitSize(context.manager, unit.id);
    const cap = await unitCapOf(context.manager, unit.regionCode);
    // Only a change that adds is refused: a unit above a lowered cap may still lose households.
    if (input.addHouseholdIds.length > 0 && size > cap)
      throw conflict(`A unit of this county has at most ${cap} households; this change makes ${size}`, 'input.addHouseholdIds');
    if (input.leaderStaffId !== undefined) {
      unit.leaderStaffId = input.leaderStaffId ?? null;
      await context.manager.update(TenHouseholdUnit, { id: unit.id }, { leaderStaffId: unit.leaderStaffId });
    }
    return unit;
  },
});

// ─── Use cases other aggregates call in their own transaction ─────────────────

/**
 * Puts a household just moved into a grid straight into one of that grid's units (the unit locked,
 * its county's cap kept): a unit of another grid is BAD_USER_INPUT, a full one a CONFLICT, naming `field`.
 */
export async function placeInUnit(
  context: CommandContext,
  unitId: string,
  household: { id: string; gridId: string },
  field: string,
): Promise<TenHouseholdUnit> {
  const unit = await recordForWrite(context.manager, TenHouseholdUnit, unitId, {
    identity: context.caller,
    field,
    label: 'Unit',
    lock: true,
  });
  if (unit.gridId !== household.gridId) throw badInput(field, `${field}: the unit is not one of the grid the household moves to`);
  const cap = await unitCapOf(context.manager, unit.regionCode);
  if ((await unitSize(context.manager, unit.id)) >= cap)
    throw conflict(`Unit ${unit.name} already has ${cap} households, the county's cap`, field);
  if (!(await joinUnit(context.manager, [household.id], unit))) throw conflict('The household could not join the unit', field);
  return unit;
}

/** A unit whose leader left the post has no leader until a new one is named. */
export async function clearLeader(manager: EntityManager, staffId: string): Promise<void> {
  await manager.update(TenHouseholdUnit, { leaderStaffId: staffId }, { leaderStaffId: null });
}

/** Units of retired grids go to the grid that carries on. */
export async function moveUnitsOfGrids(manager: EntityManager, from: readonly string[], to: string): Promise<void> {
  if (from.length) await manager.update(TenHouseholdUnit, { gridId: In([...from]) }, { gridId: to });
}

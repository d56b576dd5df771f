import {
  ADMIN_ROLES,
  badInput,
  conflict,
  coversRegion,
  forbidden,
  isUniqueViolation,
  loaderOf,
  loadScopedChildren,
  notFound,
  requireRole,
  scopedQuery,
  type Identity,
  type SubgraphContext,
  loadScopedById,
} from '@gg/shared';
import { In, IsNull, type DataSource } from 'typeorm';
import { GridStaff } from '../grid-staff/grid-staff.entity';
import { Grid } from '../grid/grid.entity';
import { Household } from '../household/household.entity';
import { TenHouseholdUnit } from './ten-household-unit.entity';
import {
  leaderProblem,
  MAX_UNIT_HOUSEHOLDS,
  type CreateTenHouseholdUnitInput,
  type UpdateTenHouseholdUnitInput,
} from './ten-household-unit.rules';

/** Units of a batch of grids in one statement, by name. */
export function loadUnitsOfGrid(context: SubgraphContext, gridId: string): Promise<TenHouseholdUnit[]> {
  return loadScopedChildren(context, TenHouseholdUnit, gridId, { parentColumn: 'grid_id', parentOf: (u) => u.gridId, orderBy: ['c.name'] });
}

export function loadUnit(context: SubgraphContext, id: string): Promise<TenHouseholdUnit | null> {
  return loadScopedById(context, TenHouseholdUnit, id);
}

/** How many households each unit of a batch has, in one statement (the count is not personal information). */
export function loadUnitHouseholdCount(context: SubgraphContext, unitId: string): Promise<number> {
  return loaderOf<string, number>(context, 'unit-household-count', async (unitIds) => {
    const rows = await scopedQuery(context.dataSource, Household, 'h', context.identity)
      .select('h.unit_id', 'unitId')
      .addSelect('count(*)::int', 'count')
      .andWhere('h.unit_id IN (:...unitIds)', { unitIds })
      .groupBy('h.unit_id')
      .getRawMany<{ unitId: string; count: number }>();
    const byId = new Map(rows.map((r) => [r.unitId, Number(r.count)]));
    return unitIds.map((id) => byId.get(id) ?? 0);
  }).load(unitId);
}

/**
 * Forms a ten-household unit (十联户) in an active grid, with its household leader (联户长, a
 * HOUSEHOLD_LEADER of the grid) and its households (each in the grid and in no other unit).
 */
export async function createTenHouseholdUnit(
  dataSource: DataSource,
  identity: Identity,
  input: CreateTenHouseholdUnitInput,
): Promise<TenHouseholdUnit> {
  requireRole(identity, ADMIN_ROLES, 'form ten-household units');
  const grid = await dataSource.getRepository(Grid).findOneBy({ id: input.gridId });
  if (!grid) throw notFound(`Grid ${input.gridId}`, 'input.gridId');
  if (!coversRegion(identity, grid.regionCode)) throw forbidden(`Grid ${input.gridId} is outside your scope; you may not form units there`);
  if (grid.status !== 'ACTIVE') throw conflict(`Grid ${grid.code} was retired`, 'input.gridId');
  if (input.leaderStaffId) {
    const leader = await dataSource.getRepository(GridStaff).findOneBy({ id: input.leaderStaffId });
    if (!leader) throw notFound(`Grid staff ${input.leaderStaffId}`, 'input.leaderStaffId');
    const problem = leaderProblem(grid.id, leader);
    if (problem) throw badInput('input.leaderStaffId', `input.leaderStaffId: ${problem}`);
  }
  try {
    return await dataSource.transaction(async (manager) => {
      const unit = await manager.save(
        manager.create(TenHouseholdUnit, {
          regionCode: grid.regionCode,
          gridId: grid.id,
          name: input.name,
          leaderStaffId: input.leaderStaffId,
        }),
      );
      if (input.householdIds.length) {
        // Only households of this grid that are in no unit yet; any other makes the whole unit a CONFLICT.
        const moved = await manager.update(
          Household,
          { id: In(input.householdIds), gridId: grid.id, unitId: IsNull() },
          { unitId: unit.id },
        );
        if (moved.affected !== input.householdIds.length)
          throw conflict('Every household of a unit is in its grid and in no other unit', 'input.householdIds');
      }
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Grid ${grid.code} already has a unit named ${input.name}`, 'input.name');
    throw error;
  }
}

/**
 * Changes a unit as the neighbourhood changes: its leader, households joining (of its grid, in no
 * other unit) and leaving. All or nothing; the unit row is locked so two changes cannot together
 * take it past MAX_UNIT_HOUSEHOLDS.
 */
export async function updateTenHouseholdUnit(
  dataSource: DataSource,
  identity: Identity,
  input: UpdateTenHouseholdUnitInput,
): Promise<TenHouseholdUnit> {
  requireRole(identity, ADMIN_ROLES, 'change ten-household units');
  const found = await dataSource.getRepository(TenHouseholdUnit).findOneBy({ id: input.unitId });
  if (!found) throw notFound(`Unit ${input.unitId}`, 'input.unitId');
  if (!coversRegion(identity, found.regionCode)) throw forbidden(`Unit ${input.unitId} is outside your scope`);
  if (input.leaderStaffId) {
    const leader = await dataSource.getRepository(GridStaff).findOneBy({ id: input.leaderStaffId });
    if (!leader) throw notFound(`Grid staff ${input.leaderStaffId}`, 'input.leaderStaffId');
    const problem = leaderProblem(found.gridId, leader);
    if (problem) throw badInput('input.leaderStaffId', `input.leaderStaffId: ${problem}`);
  }
  return dataSource.transaction(async (manager) => {
    const unit = await manager.findOneOrFail(TenHouseholdUnit, { where: { id: input.unitId }, lock: { mode: 'pessimistic_write' } });
    if (input.removeHouseholdIds.length) {
      const left = await manager.update(Household, { id: In(input.removeHouseholdIds), unitId: unit.id }, { unitId: null });
      if (left.affected !== input.removeHouseholdIds.length)
        throw conflict('Only households of the unit can leave it', 'input.removeHouseholdIds');
    }
    if (input.addHouseholdIds.length) {
      const joined = await manager.update(
        Household,
        { id: In(input.addHouseholdIds), gridId: unit.gridId, unitId: IsNull() },
        { unitId: unit.id },
      );
      if (joined.affected !== input.addHouseholdIds.length)
        throw conflict('Every household joining a unit is in its grid and in no other unit', 'input.addHouseholdIds');
    }
    const size = await manager.countBy(Household, { unitId: unit.id });
    if (size > MAX_UNIT_HOUSEHOLDS)
      throw conflict(`A unit has at most ${MAX_UNIT_HOUSEHOLDS} households; this change makes ${size}`, 'input.addHouseholdIds');
    if (input.leaderStaffId !== undefined) {
      unit.leaderStaffId = input.leaderStaffId ?? null;
      await manager.update(TenHouseholdUnit, { id: unit.id }, { leaderStaffId: unit.leaderStaffId });
    }
    return unit;
  });
}

import { parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadStaff } from '../grid-staff/grid-staff.service';
import { loadGrid } from '../grid/grid.service';
import type { TenHouseholdUnit } from './ten-household-unit.entity';
import { createTenHouseholdUnitInput, updateTenHouseholdUnitInput } from './ten-household-unit.rules';
import { createTenHouseholdUnit, loadUnitHouseholdCount, loadUnitsOfGrid, updateTenHouseholdUnit } from './ten-household-unit.service';

export const tenHouseholdUnitResolvers: ResolverGroup = {
  Mutation: {
    createTenHouseholdUnit: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      createTenHouseholdUnit(context.dataSource, context.identity, parseInput(createTenHouseholdUnitInput, args.input)),
    updateTenHouseholdUnit: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      updateTenHouseholdUnit(context.dataSource, context.identity, parseInput(updateTenHouseholdUnitInput, args.input)),
  },
  Grid: {
    tenHouseholdUnits: (grid: { id: string }, _: unknown, context: SubgraphContext) => loadUnitsOfGrid(context, grid.id),
  },
  TenHouseholdUnit: {
    grid: (unit: TenHouseholdUnit, _: unknown, context: SubgraphContext) => loadGrid(context, unit.gridId),
    leader: (unit: TenHouseholdUnit, _: unknown, context: SubgraphContext) =>
      unit.leaderStaffId ? loadStaff(context, unit.leaderStaffId) : null,
    householdCount: (unit: TenHouseholdUnit, _: unknown, context: SubgraphContext) => loadUnitHouseholdCount(context, unit.id),
  },
};

import type { GridResolvers, HouseholdResolvers, QueryResolvers, TenHouseholdUnitResolvers } from '../generated/graphql';
import { loadStaff } from '../grid-staff/grid-staff.queries';
import { loadGrid } from '../grid/grid.queries';
import { householdCountOfUnit } from '../household/household.queries';
import { loadUnitPolicy } from './ten-household-unit.policy';
import { loadUnit, loadUnitsOfGrid } from './ten-household-unit.queries';

export const tenHouseholdUnitResolvers = {
  Query: {
    tenHouseholdUnitPolicy: (_, args, context) => loadUnitPolicy(context, args.countyCode),
  } satisfies QueryResolvers,
  Grid: {
    tenHouseholdUnits: (grid, _, context) => loadUnitsOfGrid(context, grid.id),
  } satisfies GridResolvers,
  Household: {
    unit: (household, _, context) => (household.unitId ? loadUnit(context, household.unitId) : null),
  } satisfies HouseholdResolvers,
  TenHouseholdUnit: {
    grid: (unit, _, context) => loadGrid(context, unit.gridId),
    leader: (unit, _, context) => (unit.leaderStaffId ? loadStaff(context, unit.leaderStaffId) : null),
    householdCount: (unit, _, context) => householdCountOfUnit(context, unit.id),
  } satisfies TenHouseholdUnitResolvers,
};

import {
  ADMIN_ROLES,
  badInput,
  conflict,
  coversRegion,
  forbidden,
  loadScopedChildren,
  notFound,
  requireRole,
  type Identity,
  type SubgraphContext,
  loadScopedById,
} from '@gg/shared';
import { IsNull, type DataSource } from 'typeorm';
import { Grid } from '../grid/grid.entity';
import { GridStaff } from './grid-staff.entity';
import { endProblem, type AppointGridStaffInput, type EndGridStaffAppointmentInput } from './grid-staff.rules';
import { TenHouseholdUnit } from '../ten-household-unit/ten-household-unit.entity';

/** Staff of a batch of grids in one statement, by role then appointment. */
export function loadStaffOfGrid(context: SubgraphContext, gridId: string, includeEnded = false): Promise<GridStaff[]> {
  return loadScopedChildren(context, GridStaff, gridId, {
    parentColumn: 'grid_id',
    parentOf: (s) => s.gridId,
    orderBy: ['c.role', 'c.appointed_at', 'c.id'],
    // Staff whose appointment ended are history: listed only when asked for.
    refine: includeEnded ? undefined : (query) => query.andWhere('c.ended_at IS NULL'),
    variant: includeEnded ? 'with-ended' : 'serving',
  });
}

export function loadStaff(context: SubgraphContext, id: string): Promise<GridStaff | null> {
  return loadScopedById(context, GridStaff, id);
}

/** Appoints a person to a role in an active grid of the caller's scope (administrators). */
export async function appointGridStaff(dataSource: DataSource, identity: Identity, input: AppointGridStaffInput): Promise<GridStaff> {
  requireRole(identity, ADMIN_ROLES, 'appoint grid staff');
  const grid = await dataSource.getRepository(Grid).findOneBy({ id: input.gridId });
  if (!grid) throw notFound(`Grid ${input.gridId}`, 'input.gridId');
  if (!coversRegion(identity, grid.regionCode))
    throw forbidden(`Grid ${input.gridId} is outside your scope; you may not appoint staff there`);
  if (grid.status !== 'ACTIVE') throw conflict(`Grid ${grid.code} was retired; appoint staff to the grid that replaced it`, 'input.gridId');
  return dataSource.transaction((manager) =>
    manager.save(manager.create(GridStaff, { ...input, regionCode: grid.regionCode, gridId: grid.id })),
  );
}

/**
 * Ends an appointment when the person leaves the post. The row stays (history, cases assigned to them);
 * a unit they led has no leader until a new one is named.
 */
export async function endGridStaffAppointment(
  dataSource: DataSource,
  identity: Identity,
  input: EndGridStaffAppointmentInput,
  now: Date,
): Promise<GridStaff> {
  requireRole(identity, ADMIN_ROLES, 'end grid staff appointments');
  const staff = await dataSource.getRepository(GridStaff).findOneBy({ id: input.staffId });
  if (!staff) throw notFound(`Grid staff ${input.staffId}`, 'input.staffId');
  if (!coversRegion(identity, staff.regionCode)) throw forbidden(`Grid staff ${input.staffId} is outside your scope`);
  const endedAt = input.endedAt ?? now;
  const problem = endProblem(staff.appointedAt, endedAt, now);
  if (problem) throw badInput('input.endedAt', `input.endedAt: ${problem}`);
  return dataSource.transaction(async (manager) => {
    // Only a serving appointment ends: of two concurrent ends, the second finds it ended.
    const ended = await manager.update(GridStaff, { id: staff.id, endedAt: IsNull() }, { endedAt });
    if (ended.affected !== 1) throw conflict('This appointment has already ended', 'input.staffId');
    await manager.update(TenHouseholdUnit, { leaderStaffId: staff.id }, { leaderStaffId: null });
    return { ...staff, endedAt };
  });
}

import {
  ADMIN_ROLES,
  conflict,
  coversRegion,
  forbidden,
  loaderOf,
  loadScopedChildren,
  notFound,
  requireRole,
  scopedQuery,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { Grid } from '../grid/grid.entity';
import { isUuid } from '../household/household.rules';
import { GridStaff } from './grid-staff.entity';
import type { AppointGridStaffInput } from './grid-staff.rules';

/** Staff of a batch of grids in one statement, by role then appointment. */
export function loadStaffOfGrid(context: SubgraphContext, gridId: string): Promise<GridStaff[]> {
  return loadScopedChildren(context, GridStaff, gridId, {
    parentColumn: 'grid_id',
    parentOf: (s) => s.gridId,
    orderBy: ['c.role', 'c.appointed_at', 'c.id'],
  });
}

export function loadStaff(context: SubgraphContext, id: string): Promise<GridStaff | null> {
  return loaderOf<string, GridStaff | null>(context, 'grid-staff-by-id', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await scopedQuery(context.dataSource, GridStaff, 's', context.identity).andWhere('s.id IN (:...ids)', { ids: valid }).getMany()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }).load(id);
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

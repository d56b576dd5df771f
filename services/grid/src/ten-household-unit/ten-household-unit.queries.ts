import { loadScopedById, loadScopedChildren, type SubgraphContext } from '@gg/shared';
import { TenHouseholdUnit } from './ten-household-unit.entity';

/** Units of a batch of grids in one statement, by name. */
export function loadUnitsOfGrid(context: SubgraphContext, gridId: string): Promise<TenHouseholdUnit[]> {
  return loadScopedChildren(context, TenHouseholdUnit, gridId, { parentColumn: 'grid_id', parentOf: (u) => u.gridId, orderBy: ['c.name'] });
}

export function loadUnit(context: SubgraphContext, id: string): Promise<TenHouseholdUnit | null> {
  return loadScopedById(context, TenHouseholdUnit, id);
}

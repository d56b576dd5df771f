import { loadScopedById, loadScopedChildren, type SubgraphContext } from '@gg/shared';
import { IsNull, type EntityManager } from 'typeorm';
import { GridStaff } from './grid-staff.entity';

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

/**
 * True when a serving appointment of the grid carries this account subject (the person can act on
 * the grid's cases), read in the caller's transaction.
 */
export async function servesGrid(manager: EntityManager, gridId: string, subject: string): Promise<boolean> {
  return manager.getRepository(GridStaff).existsBy({ gridId, subject, endedAt: IsNull() });
}

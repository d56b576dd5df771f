import { groupByKey, isUuid, loaderOf, loadScopedById, scopedQuery, type SubgraphContext } from '@gg/shared';
import { GridLineage } from './grid-lineage.entity';
import { Grid } from './grid.entity';

/** Grids by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadGrid(context: SubgraphContext, id: string): Promise<Grid | null> {
  return loadScopedById(context, Grid, id);
}

/** Active and retired child grids of a batch of grids, in one statement, by code. */
export function loadChildren(context: SubgraphContext, gridId: string): Promise<Grid[]> {
  return loaderOf<string, Grid[]>(context, 'grid-children', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await scopedQuery(context.dataSource, Grid, 'g', context.identity)
          .andWhere('g.parent_id IN (:...ids)', { ids: valid })
          .orderBy('g.code')
          .getMany()
      : [];
    return groupByKey(ids, rows, (g) => g.parentId!);
  }).load(gridId);
}

/** The merges and splits a batch of grids took part in (as predecessor or successor), oldest first, in one statement. */
export function loadLineage(context: SubgraphContext, gridId: string): Promise<GridLineage[]> {
  return loaderOf<string, GridLineage[]>(context, 'grid-lineage', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await scopedQuery(context.dataSource, GridLineage, 'l', context.identity)
          .andWhere('(l.predecessor_id IN (:...ids) OR l.successor_id IN (:...ids))', { ids: valid })
          .orderBy('l.changed_at')
          .addOrderBy('l.id')
          .getMany()
      : [];
    return ids.map((id) => rows.filter((l) => l.predecessorId === id || l.successorId === id));
  }).load(gridId);
}

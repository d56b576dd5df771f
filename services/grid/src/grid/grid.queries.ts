import {
  groupByKey,
  isUuid,
  loaderOf,
  loadScopedById,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
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

/**
 * Grids in the caller's scope under a region, a page at a time, by grid code then id (codes repeat
 * across counties, so the id makes the order unique and the cursor exact).
 */
export function listGrids(context: SubgraphContext, regionCode: string, args: ConnectionArgs): Promise<Connection<Grid>> {
  const inRegion = regionSubtreeCondition('g.region_code', regionCode, context.identity);
  return paginate(context.dataSource.getRepository(Grid).createQueryBuilder('g').where(inRegion.sql, inRegion.params), args, [
    { column: 'g.code', direction: 'ASC', value: (g) => g.code },
    { column: 'g.id', direction: 'ASC', value: (g) => g.id },
  ]);
}

import { loadInRegionSubtree, pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { Grid } from './grid.entity';
import { loadGridStats } from '../grid-stats/grid-stats.service';
import type { GridLineage } from './grid-lineage.entity';
import { createGridInput, mergeGridsInput, splitGridInput } from './grid.rules';
import { createGrid, listGrids, loadChildren, loadGrid, loadLineage, mergeGrids, splitGrid } from './grid.service';

export const gridResolvers: ResolverGroup = {
  Query: {
    grid: (_: unknown, args: { id: string }, context: SubgraphContext) => loadGrid(context, args.id),
    grids: (_: unknown, args: { regionCode: string; first?: number }, context: SubgraphContext) =>
      listGrids(context.dataSource, context.identity, args.regionCode, pageSize(args.first)),
  },
  Mutation: {
    createGrid: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      createGrid(context.dataSource, context.identity, parseInput(createGridInput, args.input)),
    mergeGrids: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      mergeGrids(context.dataSource, context.identity, parseInput(mergeGridsInput, args.input), new Date()),
    splitGrid: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      splitGrid(context.dataSource, context.identity, parseInput(splitGridInput, args.input), new Date()),
  },
  Grid: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadGrid(context, reference.id),
    // The organisation subgraph owns regions; the key is all this subgraph knows of one.
    region: (grid: Grid) => ({ code: grid.regionCode }),
    // The nominal count set when the grid was drawn; `households` is the ledger (see the household folder).
    householdCount: (grid: Grid) => grid.households,
    parent: (grid: Grid, _: unknown, context: SubgraphContext) => (grid.parentId ? loadGrid(context, grid.parentId) : null),
    children: (grid: Grid, _: unknown, context: SubgraphContext) => loadChildren(context, grid.id),
    lineage: (grid: Grid, _: unknown, context: SubgraphContext) => loadLineage(context, grid.id),
  },
  GridLineageLink: {
    predecessor: (link: GridLineage, _: unknown, context: SubgraphContext) => loadGrid(context, link.predecessorId),
    successor: (link: GridLineage, _: unknown, context: SubgraphContext) => loadGrid(context, link.successorId),
  },
  Region: {
    // Region rows live in the organisation subgraph; the key alone is enough to resolve `grids`.
    __resolveReference: (reference: { code: string }) => reference,
    grids: (region: { code: string }, args: { first?: number }, context: SubgraphContext) =>
      loadInRegionSubtree(context, Grid, region.code, { orderBy: 'code', first: pageSize(args.first) }),
    gridStats: (region: { code: string }, _: unknown, context: SubgraphContext) => loadGridStats(context, region.code, new Date()),
  },
};

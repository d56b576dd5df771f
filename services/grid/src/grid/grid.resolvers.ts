import { loadInRegionSubtree, pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { Grid } from './grid.entity';
import { createGridInput } from './grid.rules';
import { createGrid, listGrids, loadGrid } from './grid.service';

export const gridResolvers: ResolverGroup = {
  Query: {
    grid: (_: unknown, args: { id: string }, context: SubgraphContext) => loadGrid(context, args.id),
    grids: (_: unknown, args: { regionCode: string; first?: number }, context: SubgraphContext) =>
      listGrids(context.dataSource, context.identity, args.regionCode, pageSize(args.first)),
  },
  Mutation: {
    createGrid: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      createGrid(context.dataSource, context.identity, parseInput(createGridInput, args.input)),
  },
  Grid: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadGrid(context, reference.id),
    // The organisation subgraph owns regions; the key is all this subgraph knows of one.
    region: (grid: Grid) => ({ code: grid.regionCode }),
    // The nominal count set when the grid was drawn; `households` is the ledger (see the household folder).
    householdCount: (grid: Grid) => grid.households,
  },
  Region: {
    // Region rows live in the organisation subgraph; the key alone is enough to resolve `grids`.
    __resolveReference: (reference: { code: string }) => reference,
    grids: (region: { code: string }, args: { first?: number }, context: SubgraphContext) =>
      loadInRegionSubtree(context, Grid, region.code, { orderBy: 'code', first: pageSize(args.first) }),
  },
};

import { loadSubtreeConnection } from '@gg/shared';
import type { GridLineageLinkResolvers, GridResolvers, QueryResolvers, RegionResolvers } from '../generated/graphql';
import { Grid } from './grid.entity';
import { loadGridLevels } from './grid-levels';
import { listGrids, loadChildren, loadGrid, loadLineage } from './grid.queries';

export const gridResolvers = {
  Query: {
    gridLevelConfiguration: (_, args, context) => loadGridLevels(context, args.countyCode),
    grid: (_, args, context) => loadGrid(context, args.id),
    grids: (_, args, context) => listGrids(context, args.regionCode, args),
  } satisfies QueryResolvers,
  Grid: {
    __resolveReference: (reference, context) => loadGrid(context, reference.id),
    // The organisation subgraph owns regions; the key is all this subgraph knows of one.
    region: (grid) => ({ code: grid.regionCode }),
    // The nominal count set when the grid was drawn; `households` is the ledger (see the household folder).
    householdCount: (grid) => grid.households,
    parent: (grid, _, context) => (grid.parentId ? loadGrid(context, grid.parentId) : null),
    children: (grid, _, context) => loadChildren(context, grid.id),
    lineage: (grid, _, context) => loadLineage(context, grid.id),
  } satisfies GridResolvers,
  GridLineageLink: {
    predecessor: (link, _, context) => loadGrid(context, link.predecessorId),
    successor: (link, _, context) => loadGrid(context, link.successorId),
  } satisfies GridLineageLinkResolvers,
  Region: {
    // Region rows live in the organisation subgraph; the key alone is enough to resolve `grids`.
    __resolveReference: (reference) => reference,
    grids: (region, args, context) => loadSubtreeConnection(context, Grid, region.code!, { orderBy: 'code', args }),
  } satisfies RegionResolvers,
};

import { defineModule, loadSchema, READERS, STAFF } from '@gg/shared';
import { join } from 'node:path';
import { CreateGrid1763800001000 } from '../migrations/1763800001000-CreateGrid';
import { ExtendGridsStaffUnits1763800001300 } from '../migrations/1763800001300-ExtendGridsStaffUnits';
import { BackfillGridEvents1764500000200 } from '../migrations/1764500000200-BackfillGridEvents';
import { createGrid } from './grid.commands';
import { configureGridLevels } from './grid-levels';
import { GridLineage } from './grid-lineage.entity';
import { Grid } from './grid.entity';
import { gridResolvers } from './grid.resolvers';

/**
 * Grids (网格) of each community with their levels and history. Grids are announced to other
 * services (`GridCreated`, `GridRetired`) and sit in regions the organisation subgraph announced.
 */
export const gridModule = defineModule({
  name: 'grid',
  typeDefs: loadSchema(join(__dirname, 'grid.graphql')),
  resolvers: gridResolvers,
  commands: [createGrid, configureGridLevels],
  access: { 'Query.gridLevelConfiguration': STAFF, 'Query.grid': READERS, 'Query.grids': READERS, 'Region.grids': READERS, Grid: READERS },
  entities: [Grid, GridLineage],
  // The staff and unit tables came with the grid levels in one migration; it stays where it landed.
  migrations: [CreateGrid1763800001000, ExtendGridsStaffUnits1763800001300, BackfillGridEvents1764500000200],
  references: ['REGION'],
});

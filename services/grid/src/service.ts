import { DateTimeScalar, defineService, loadSchema, READERS, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { seedGridDemo } from './demo';
import { Grid } from './grid/grid.entity';
import { gridResolvers } from './grid/grid.resolvers';
import { CreateGrid1763800001000 } from './migrations/1763800001000-CreateGrid';

/** The grid subgraph (网格): grids of each community; ten-household units, staff and cases come next. */
export const gridService = defineService({
  name: 'grid',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    DateTime: DateTimeScalar,
    Query: { ...gridResolvers.Query },
    Mutation: { ...gridResolvers.Mutation },
    Region: gridResolvers.Region!,
    Grid: gridResolvers.Grid!,
  },
  access: {
    'Query.grid': READERS,
    'Query.grids': READERS,
    'Region.grids': READERS,
    Grid: READERS,
    'Mutation.createGrid': WRITERS,
  },
  foreignEntities: ['Region'],
  entities: [Grid],
  migrations: [CreateGrid1763800001000],
  jobs: [],
  schedules: [],
  seedDemo: seedGridDemo,
});

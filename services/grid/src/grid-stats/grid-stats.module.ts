import { defineModule, loadSchema, STAFF } from '@gg/shared';
import { join } from 'node:path';
import { gridStatsResolvers } from './grid-stats.resolvers';

/** The grid figures of a region for dashboards (grids, units, staff, households, cases). */
export const gridStatsModule = defineModule({
  name: 'grid-stats',
  typeDefs: loadSchema(join(__dirname, 'grid-stats.graphql')),
  resolvers: gridStatsResolvers,
  // Aggregates only, no personal information: dashboards read them too.
  access: { 'Region.gridStats': [...STAFF, 'DASHBOARD'] },
});

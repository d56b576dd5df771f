import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { collectiveStatsResolvers } from './collective-stats.resolvers';

/** The collective economy figures of a region for dashboards (organisations, shareholders, capitals, income, overdue rent). */
export const collectiveStatsModule = defineModule({
  name: 'collective-stats',
  typeDefs: loadSchema(join(__dirname, 'collective-stats.graphql')),
  resolvers: collectiveStatsResolvers as ServiceResolvers,
  // Aggregates only, no personal information: dashboards read them too.
  access: { 'Region.collectiveStats': [...STAFF, 'DASHBOARD'], 'CollectiveOrganisation.incomeAgainstTarget': STAFF },
});

import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { volunteerStatsResolvers } from './volunteer-stats.resolvers';

/**
 * The volunteer figures of a region for dashboards (a read model owning no table): teams, volunteers,
 * service orders by state with the average rating and time to accept, time-bank minutes, redemptions,
 * activities and hours served, micro-wishes.
 */
export const volunteerStatsModule = defineModule({
  name: 'volunteer-stats',
  typeDefs: loadSchema(join(__dirname, 'volunteer-stats.graphql')),
  resolvers: volunteerStatsResolvers as ServiceResolvers,
  // Aggregates only, no personal information: dashboards read them too.
  access: { 'Region.volunteerStats': [...STAFF, 'DASHBOARD'] },
});

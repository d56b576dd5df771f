import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { propertyStatsResolvers } from './property-stats.resolvers';

/** The property figures of a region for dashboards (companies, compounds by management mode, owners' committees). */
export const propertyStatsModule = defineModule({
  name: 'property-stats',
  typeDefs: loadSchema(join(__dirname, 'property-stats.graphql')),
  resolvers: propertyStatsResolvers as ServiceResolvers,
  // Aggregates only, no personal information: dashboards and the housing bureau read them too.
  access: { 'Region.propertyStats': [...STAFF, 'DASHBOARD', 'HOUSING_BUREAU'] },
});

import { defineModule, loadSchema, STAFF, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { regionPartyStatsFields } from './party-stats.resolvers';

/** Party figures of a region's subtree for dashboards: a read model over the other aggregates, owning no table. */
export const partyStatsModule = defineModule({
  name: 'party-stats',
  typeDefs: loadSchema(join(__dirname, 'party-stats.graphql')),
  resolvers: { Region: regionPartyStatsFields } as unknown as Resolvers,
  // Aggregates only: dashboards read them, as staff do; no individual records.
  access: { 'Region.partyStats': [...STAFF, 'DASHBOARD'] },
});

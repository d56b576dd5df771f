import { DateScalar, DateTimeScalar, defineService, loadSchema, READERS, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { CollectiveOrganisation } from './collective-organisation/collective-organisation.entity';
import { collectiveOrganisationResolvers } from './collective-organisation/collective-organisation.resolvers';
import { seedCollectiveEconomyDemo } from './demo';
import { CreateCollectiveOrganisation1763800004000 } from './migrations/1763800004000-CreateCollectiveOrganisation';

/** The community collective economy subgraph (社区集体经济): collective organisations of communities. */
export const collectiveEconomyService = defineService({
  name: 'collective-economy',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: { ...collectiveOrganisationResolvers.Query },
    Mutation: { ...collectiveOrganisationResolvers.Mutation },
    Region: collectiveOrganisationResolvers.Region!,
    CollectiveOrganisation: collectiveOrganisationResolvers.CollectiveOrganisation!,
  },
  access: {
    'Query.collectiveOrganisation': READERS,
    'Query.collectiveOrganisations': READERS,
    'Region.collectiveOrganisations': READERS,
    CollectiveOrganisation: READERS,
    'Mutation.createCollectiveOrganisation': WRITERS,
  },
  foreignEntities: ['Region'],
  entities: [CollectiveOrganisation],
  migrations: [CreateCollectiveOrganisation1763800004000],
  jobs: [],
  schedules: [],
  seedDemo: seedCollectiveEconomyDemo,
});

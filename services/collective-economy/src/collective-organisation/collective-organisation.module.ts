import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateCollectiveOrganisation1763800004000 } from '../migrations/1763800004000-CreateCollectiveOrganisation';
import { AnnounceCollectiveOrganisations1764500000500 } from '../migrations/1764500000500-AnnounceCollectiveOrganisations';
import { createCollectiveOrganisation } from './collective-organisation.commands';
import { CollectiveOrganisation } from './collective-organisation.entity';
import { collectiveOrganisationResolvers } from './collective-organisation.resolvers';

/** Collective economy organisations (社区集体经济组织): registered in a known community, announced to the other services. */
export const collectiveOrganisationModule = defineModule({
  name: 'collective-organisation',
  typeDefs: loadSchema(join(__dirname, 'collective-organisation.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: collectiveOrganisationResolvers as ServiceResolvers,
  commands: [createCollectiveOrganisation],
  access: {
    'Query.collectiveOrganisation': READERS,
    'Query.collectiveOrganisations': READERS,
    'Region.collectiveOrganisations': READERS,
    CollectiveOrganisation: READERS,
  },
  entities: [CollectiveOrganisation],
  migrations: [CreateCollectiveOrganisation1763800004000, AnnounceCollectiveOrganisations1764500000500],
  references: ['REGION'],
});

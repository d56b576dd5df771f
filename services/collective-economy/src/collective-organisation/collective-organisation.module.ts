import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { CreateCollectiveOrganisation1763800004000 } from '../migrations/1763800004000-CreateCollectiveOrganisation';
import { AnnounceCollectiveOrganisations1764500000500 } from '../migrations/1764500000500-AnnounceCollectiveOrganisations';
import { CollectiveOrganisationProfile1764700000601 } from '../migrations/1764700000601-CollectiveOrganisationProfile';
import { createCollectiveOrganisation } from './collective-organisation.commands';
import { CollectiveOrganisation } from './collective-organisation.entity';
import { changeCollectiveOrganisationProfile } from './collective-organisation.profile';
import { collectiveOrganisationResolvers } from './collective-organisation.resolvers';

/** Collective economy organisations (社区集体经济组织): registered in a known community, announced to the other services. */
export const collectiveOrganisationModule = defineModule({
  name: 'collective-organisation',
  // The organisation and its profile (founding secretary, income target) with its change.
  typeDefs: {
    kind: Kind.DOCUMENT,
    definitions: ['collective-organisation.graphql', 'collective-organisation.profile.graphql'].flatMap(
      (file) => loadSchema(join(__dirname, file)).definitions,
    ),
  },
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: collectiveOrganisationResolvers as ServiceResolvers,
  commands: [createCollectiveOrganisation, changeCollectiveOrganisationProfile],
  access: {
    'Query.collectiveOrganisation': READERS,
    'Query.collectiveOrganisations': READERS,
    'Region.collectiveOrganisations': READERS,
    CollectiveOrganisation: READERS,
  },
  entities: [CollectiveOrganisation],
  migrations: [
    CreateCollectiveOrganisation1763800004000,
    AnnounceCollectiveOrganisations1764500000500,
    CollectiveOrganisationProfile1764700000601,
  ],
  references: ['REGION', 'PARTY_MEMBER'],
});

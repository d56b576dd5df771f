import { DateTimeScalar, defineService, loadSchema, EVERYONE, READERS, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { seedOrganisationDemo } from './demo';
import { CreateRegion1763800000100 } from './migrations/1763800000100-CreateRegion';
import { CreatePartyOrganisation1763800000200 } from './migrations/1763800000200-CreatePartyOrganisation';
import { PartyOrganisation } from './party-organisation/party-organisation.entity';
import { partyOrganisationResolvers } from './party-organisation/party-organisation.resolvers';
import { Region } from './region/region.entity';
import { regionResolvers } from './region/region.resolvers';

/** The Party organisation subgraph (组织): the region tree and the Party organisation chain. */
export const organisationService = defineService({
  name: 'organisation',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    DateTime: DateTimeScalar,
    Query: { ...regionResolvers.Query, ...partyOrganisationResolvers.Query },
    Mutation: { ...partyOrganisationResolvers.Mutation },
    Region: regionResolvers.Region!,
    PartyOrganisation: partyOrganisationResolvers.PartyOrganisation!,
  },
  access: {
    // The region tree is public reference data: every caller may read it, within their scope and its ancestors.
    'Query.region': EVERYONE,
    'Query.regions': EVERYONE,
    Region: EVERYONE,
    'Query.partyOrganisation': READERS,
    'Region.partyOrganisations': READERS,
    PartyOrganisation: READERS,
    'Mutation.createPartyOrganisation': WRITERS,
  },
  entities: [Region, PartyOrganisation],
  migrations: [CreateRegion1763800000100, CreatePartyOrganisation1763800000200],
  jobs: [],
  schedules: [],
  seedDemo: seedOrganisationDemo,
});

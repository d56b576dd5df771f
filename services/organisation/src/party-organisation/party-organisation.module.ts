import { defineModule, loadSchema, READERS, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreatePartyOrganisation1763800000200 } from '../migrations/1763800000200-CreatePartyOrganisation';
import { ExtendPartyChain1763800000300 } from '../migrations/1763800000300-ExtendPartyChain';
import { OneStreetCommittee1764600000100 } from '../migrations/1764600000100-OneStreetCommittee';
import { BranchAssessment, CentralHouseholdLink, PartyOrganisation } from './party-organisation.entity';
import { partyOrganisationCommands } from './party-organisation.commands';
import {
  partyChainViolationFields,
  partyOrganisationFields,
  partyOrganisationQueries,
  regionOrganisationFields,
} from './party-organisation.resolvers';

/** Party organisations (党组织) along their county's chain, central households and branch standardisation. */
export const partyOrganisationModule = defineModule({
  name: 'party-organisation',
  typeDefs: loadSchema(join(__dirname, 'party-organisation.graphql')),
  resolvers: {
    Query: partyOrganisationQueries,
    PartyOrganisation: partyOrganisationFields,
    Region: regionOrganisationFields,
    PartyChainViolation: partyChainViolationFields,
  } as unknown as Resolvers,
  commands: partyOrganisationCommands,
  access: { 'Query.partyOrganisation': READERS, 'Region.partyOrganisations': READERS, PartyOrganisation: READERS },
  entities: [PartyOrganisation, CentralHouseholdLink, BranchAssessment],
  migrations: [CreatePartyOrganisation1763800000200, ExtendPartyChain1763800000300, OneStreetCommittee1764600000100],
  // Grid branches and building groups name the grid they serve; central households the households.
  references: ['GRID', 'HOUSEHOLD'],
});

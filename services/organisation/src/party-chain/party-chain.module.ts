import { defineModule, loadSchema, READERS, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { partyChainCommands } from './party-chain.commands';
import { PartyChainConfiguration } from './party-chain.entity';
import { partyChainConfigurationFields, partyChainQueries } from './party-chain.resolvers';

/** A county's Party chain (which levels it uses, who may be whose parent): it governs every organisation write. */
export const partyChainModule = defineModule({
  name: 'party-chain',
  typeDefs: loadSchema(join(__dirname, 'party-chain.graphql')),
  resolvers: { Query: partyChainQueries, PartyChainConfiguration: partyChainConfigurationFields } as unknown as Resolvers,
  commands: partyChainCommands,
  access: { 'Query.partyChainConfiguration': READERS },
  entities: [PartyChainConfiguration],
});

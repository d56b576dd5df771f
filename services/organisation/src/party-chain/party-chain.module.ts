import { defineModule, loadSchema, READERS, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { partyChainCommands } from './party-chain.commands';
import { PartyChainToCountySetting1764500000102 } from '../migrations/1764500000102-PartyChainToCountySetting';
import { partyChainConfigurationFields, partyChainQueries } from './party-chain.resolvers';

/** A county's Party chain (which levels it uses, who may be whose parent): it governs every organisation write. */
export const partyChainModule = defineModule({
  name: 'party-chain',
  typeDefs: loadSchema(join(__dirname, 'party-chain.graphql')),
  resolvers: { Query: partyChainQueries, PartyChainConfiguration: partyChainConfigurationFields } as unknown as Resolvers,
  commands: partyChainCommands,
  access: { 'Query.partyChainConfiguration': READERS },
  // The chain is a per-county setting (county_setting table, shared); this moved the configured rows there.
  migrations: [PartyChainToCountySetting1764500000102],
});

import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateTimeBank1764600000500 } from '../migrations/1764600000500-CreateTimeBank';
import { timeBankCommands } from './time-bank.commands';
import { TimeBankAccount, TimeBankEntry, TimeBankTransfer } from './time-bank.entity';
import { timeBankResolvers } from './time-bank.resolvers';

/** The time bank (时间银行): a double-entry ledger of service hours, accounts for Party members. */
export const timeBankModule = defineModule({
  name: 'time-bank',
  typeDefs: loadSchema(join(__dirname, 'time-bank.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: timeBankResolvers as ServiceResolvers,
  commands: timeBankCommands,
  access: {
    'Query.timeBankAccount': READERS,
    'Query.timeBankAccountOfPartyMember': READERS,
    'Query.myTimeBankAccounts': READERS,
  },
  entities: [TimeBankAccount, TimeBankTransfer, TimeBankEntry],
  migrations: [CreateTimeBank1764600000500],
  references: ['PARTY_MEMBER'],
});

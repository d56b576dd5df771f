import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateLedger1764600000600 } from '../migrations/1764600000600-CreateLedger';
import { closeLedgerPeriod, postLedgerEntry, reverseLedgerEntry } from './ledger.commands';
import { LedgerEntry, LedgerLine, LedgerPeriodClose } from './ledger.entity';
import { ledgerResolvers } from './ledger.resolvers';

/** The double-entry ledger of each collective organisation: append-only entries, closed periods, statements. */
export const ledgerModule = defineModule({
  name: 'ledger',
  typeDefs: loadSchema(join(__dirname, 'ledger.graphql')),
  resolvers: ledgerResolvers as ServiceResolvers,
  commands: [postLedgerEntry, reverseLedgerEntry, closeLedgerPeriod],
  // The books are read by staff; a shareholder sees their own dividend statement, not the ledger.
  access: {
    'Query.ledgerEntries': STAFF,
    'Query.trialBalance': STAFF,
    'Query.incomeStatement': STAFF,
    'Query.balanceSheet': STAFF,
    'Query.closedLedgerPeriods': STAFF,
  },
  entities: [LedgerEntry, LedgerLine, LedgerPeriodClose],
  migrations: [CreateLedger1764600000600],
});

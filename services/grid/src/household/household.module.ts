import { defineModule, loadSchema, STAFF } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { KeepHouseholdLedgerCurrent1764600000300 } from '../migrations/1764600000300-KeepHouseholdLedgerCurrent';
import { recordMemberDeparture, updateHousehold, updateHouseholdMember } from './household-ledger.commands';
import { HouseholdLedgerChange } from './household-ledger-change.entity';
import { CreateHouseholdLedger1763800001200 } from '../migrations/1763800001200-CreateHouseholdLedger';
import { HouseholdMember } from './household-member.entity';
import { Household } from './household.entity';
import { registerHousehold } from './household.commands';
import { householdResolvers } from './household.resolvers';

/**
 * The household ledger (台账): households and their members, kept by the gridworkers of each grid.
 * Personal information: staff only, whatever the grid's own readers; a gridworker sees their own grids.
 */
export const householdModule = defineModule({
  name: 'household',
  typeDefs: {
    kind: Kind.DOCUMENT,
    definitions: [
      ...loadSchema(join(__dirname, 'household.graphql')).definitions,
      ...loadSchema(join(__dirname, 'household-ledger.graphql')).definitions,
    ],
  },
  resolvers: householdResolvers,
  commands: [registerHousehold, updateHousehold, updateHouseholdMember, recordMemberDeparture],
  access: {
    'Query.household': STAFF,
    'Query.households': STAFF,
    'Query.householdMemberByResidentId': STAFF,
    // The append-only history of ledger writes is audit material, read by auditors like the log of reads.
    'Query.householdLedgerChanges': ['AUDITOR'],
    'Grid.households': STAFF,
    Household: STAFF,
  },
  entities: [Household, HouseholdMember, HouseholdLedgerChange],
  migrations: [CreateHouseholdLedger1763800001200, KeepHouseholdLedgerCurrent1764600000300],
});

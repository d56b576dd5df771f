import { defineModule, loadSchema, STAFF } from '@gg/shared';
import { join } from 'node:path';
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
  typeDefs: loadSchema(join(__dirname, 'household.graphql')),
  resolvers: householdResolvers,
  commands: [registerHousehold],
  access: {
    'Query.household': STAFF,
    'Query.households': STAFF,
    'Query.householdMemberByResidentId': STAFF,
    'Grid.households': STAFF,
    Household: STAFF,
  },
  entities: [Household, HouseholdMember],
  migrations: [CreateHouseholdLedger1763800001200],
});

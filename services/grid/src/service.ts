import { DateTimeScalar, defineService, loadSchema, READERS, STAFF, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { seedGridDemo } from './demo';
import { Grid } from './grid/grid.entity';
import { gridResolvers } from './grid/grid.resolvers';
import { HouseholdMember } from './household/household-member.entity';
import { Household } from './household/household.entity';
import { householdResolvers } from './household/household.resolvers';
import { CreateGrid1763800001000 } from './migrations/1763800001000-CreateGrid';
import { CreateHouseholdLedger1763800001200 } from './migrations/1763800001200-CreateHouseholdLedger';

/** The grid subgraph (网格): grids of each community and their household ledgers; ten-household units, staff and cases come next. */
export const gridService = defineService({
  name: 'grid',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    DateTime: DateTimeScalar,
    Query: { ...gridResolvers.Query, ...householdResolvers.Query },
    Mutation: { ...gridResolvers.Mutation, ...householdResolvers.Mutation },
    Region: gridResolvers.Region!,
    Grid: { ...gridResolvers.Grid, ...householdResolvers.Grid },
    Household: householdResolvers.Household!,
    HouseholdMember: householdResolvers.HouseholdMember!,
  },
  access: {
    'Query.grid': READERS,
    'Query.grids': READERS,
    'Region.grids': READERS,
    Grid: READERS,
    'Mutation.createGrid': WRITERS,
    // The household ledger is personal information: staff only, whatever the grid's own readers.
    'Query.household': STAFF,
    'Query.households': STAFF,
    'Query.householdMemberByResidentId': STAFF,
    'Grid.households': STAFF,
    Household: STAFF,
    'Mutation.registerHousehold': STAFF,
    'Query.gridPersonalDataAccesses': ['AUDITOR'],
  },
  foreignEntities: ['Region'],
  entities: [Grid, Household, HouseholdMember],
  migrations: [CreateGrid1763800001000, CreateHouseholdLedger1763800001200],
  jobs: [],
  schedules: [],
  seedDemo: seedGridDemo,
});

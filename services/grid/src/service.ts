import { COMMUNITY_MEMBERS, DateTimeScalar, defineService, loadSchema, READERS, STAFF, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { CaseEscalation, CaseEvent, CasePolicyRecord, CaseWhistle, GridCase } from './case/case.entity';
import { caseDeadlinesJob, caseDeadlinesSchedule } from './case/case.jobs';
import { WHISTLE_ROLES } from './case/case.rules';
import { caseResolvers } from './case/case.resolvers';
import { seedGridDemo } from './demo';
import { GridStaff } from './grid-staff/grid-staff.entity';
import { gridStaffResolvers } from './grid-staff/grid-staff.resolvers';
import { GridLineage } from './grid/grid-lineage.entity';
import { Grid } from './grid/grid.entity';
import { gridResolvers } from './grid/grid.resolvers';
import { HouseholdMember } from './household/household-member.entity';
import { Household } from './household/household.entity';
import { householdResolvers } from './household/household.resolvers';
import { CreateGrid1763800001000 } from './migrations/1763800001000-CreateGrid';
import { CreateHouseholdLedger1763800001200 } from './migrations/1763800001200-CreateHouseholdLedger';
import { ExtendGridsStaffUnits1763800001300 } from './migrations/1763800001300-ExtendGridsStaffUnits';
import { CreateCases1763800001400 } from './migrations/1763800001400-CreateCases';
import { EndGridStaffAppointments1763800001500 } from './migrations/1763800001500-EndGridStaffAppointments';
import { TenHouseholdUnit } from './ten-household-unit/ten-household-unit.entity';
import { tenHouseholdUnitResolvers } from './ten-household-unit/ten-household-unit.resolvers';
import { Visit } from './visit/visit.entity';
import { visitResolvers } from './visit/visit.resolvers';

/** Who reports a case and, as its reporter, rates or reopens it: residents, household leaders and staff. */
const REPORTERS = [...STAFF, ...COMMUNITY_MEMBERS];

/**
 * The grid subgraph (网格): grids of each community with their levels and history, ten-household
 * units, staff, household ledgers and visits, and residents' cases from report to close.
 */
export const gridService = defineService({
  name: 'grid',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    DateTime: DateTimeScalar,
    Query: { ...gridResolvers.Query, ...householdResolvers.Query, ...caseResolvers.Query },
    Mutation: {
      ...gridResolvers.Mutation,
      ...householdResolvers.Mutation,
      ...caseResolvers.Mutation,
      ...gridStaffResolvers.Mutation,
      ...tenHouseholdUnitResolvers.Mutation,
      ...visitResolvers.Mutation,
    },
    Region: gridResolvers.Region!,
    Grid: { ...gridResolvers.Grid, ...householdResolvers.Grid, ...gridStaffResolvers.Grid, ...tenHouseholdUnitResolvers.Grid },
    GridLineageLink: gridResolvers.GridLineageLink!,
    Household: householdResolvers.Household!,
    HouseholdMember: householdResolvers.HouseholdMember!,
    GridStaff: gridStaffResolvers.GridStaff!,
    TenHouseholdUnit: tenHouseholdUnitResolvers.TenHouseholdUnit!,
    Visit: visitResolvers.Visit!,
    Case: caseResolvers.Case!,
    CaseWhistle: caseResolvers.CaseWhistle!,
  },
  access: {
    'Query.grid': READERS,
    'Query.grids': READERS,
    'Region.grids': READERS,
    // Aggregates only, no personal information: dashboards read them too.
    'Region.gridStats': [...STAFF, 'DASHBOARD'],
    Grid: READERS,
    'Mutation.createGrid': WRITERS,
    'Mutation.mergeGrids': WRITERS,
    'Mutation.splitGrid': WRITERS,
    // Staff, units and the household ledger are personal information: staff only, whatever the grid's own readers.
    'Grid.staff': STAFF,
    'Grid.tenHouseholdUnits': STAFF,
    'Mutation.appointGridStaff': WRITERS,
    'Mutation.createTenHouseholdUnit': WRITERS,
    'Mutation.updateTenHouseholdUnit': WRITERS,
    'Mutation.endGridStaffAppointment': WRITERS,
    'Query.household': STAFF,
    'Query.households': STAFF,
    'Query.householdMemberByResidentId': STAFF,
    'Grid.households': STAFF,
    Household: STAFF,
    'Mutation.registerHousehold': STAFF,
    'Mutation.recordVisit': STAFF,
    'Query.gridPersonalDataAccesses': ['AUDITOR'],
    // Cases are read by staff; the reporter acts on their own case through the mutations.
    'Query.case': STAFF,
    'Query.cases': STAFF,
    // A reporter follows their own cases; the query returns only theirs.
    'Query.myCases': REPORTERS,
    'Query.casePolicy': STAFF,
    Case: STAFF,
    'Mutation.reportCase': REPORTERS,
    'Mutation.acceptCase': STAFF,
    'Mutation.rejectCase': STAFF,
    'Mutation.assignCase': WRITERS,
    'Mutation.startCase': STAFF,
    'Mutation.resolveCase': STAFF,
    'Mutation.rateCase': REPORTERS,
    'Mutation.reopenCase': REPORTERS,
    'Mutation.escalateCase': STAFF,
    'Mutation.blowWhistle': WHISTLE_ROLES,
    'Mutation.answerWhistle': WRITERS,
    'Mutation.setCasePolicy': ['COUNTY_ADMIN', 'CITY_ADMIN'],
  },
  foreignEntities: ['Region'],
  entities: [
    Grid,
    GridLineage,
    GridStaff,
    TenHouseholdUnit,
    Household,
    HouseholdMember,
    GridCase,
    CaseEvent,
    CaseEscalation,
    CaseWhistle,
    CasePolicyRecord,
    Visit,
  ],
  migrations: [
    CreateGrid1763800001000,
    CreateHouseholdLedger1763800001200,
    ExtendGridsStaffUnits1763800001300,
    CreateCases1763800001400,
    EndGridStaffAppointments1763800001500,
  ],
  jobs: [caseDeadlinesJob],
  schedules: [caseDeadlinesSchedule],
  seedDemo: seedGridDemo,
});

import { CONNECTION_TYPE_DEFS, composeService, DateScalar, DateTimeScalar, loadSchema, personalDataAuditModule } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { caseModule } from './case/case.module';
import { seedGridDemo } from './demo';
import { gridRestructuringModule } from './grid-restructuring/grid-restructuring.module';
import { gridStaffModule } from './grid-staff/grid-staff.module';
import { gridStatsModule } from './grid-stats/grid-stats.module';
import { gridModule } from './grid/grid.module';
import { householdMoveModule } from './household-move/household-move.module';
import { householdModule } from './household/household.module';
import { myWorkModule } from './my-work/my-work.module';
import { tenHouseholdUnitModule } from './ten-household-unit/ten-household-unit.module';
import { visitModule } from './visit/visit.module';
import { whistleListModule } from './whistle-list/whistle-list.module';

const own = loadSchema(join(__dirname, '..', 'schema.graphql'));

/**
 * The grid subgraph (网格): grids of each community with their levels and history, ten-household
 * units, staff, household ledgers and visits, and residents' cases from report to close.
 */
export const gridService = composeService({
  name: 'grid',
  typeDefs: { kind: Kind.DOCUMENT, definitions: [...own.definitions, ...CONNECTION_TYPE_DEFS.definitions] },
  resolvers: { DateTime: DateTimeScalar, Date: DateScalar },
  modules: [
    gridModule,
    gridRestructuringModule,
    gridStaffModule,
    tenHouseholdUnitModule,
    householdModule,
    householdMoveModule,
    visitModule,
    caseModule,
    whistleListModule,
    gridStatsModule,
    myWorkModule,
    personalDataAuditModule('gridPersonalDataAccesses', 'households and their members'),
  ],
  foreignEntities: ['Region'],
  seedDemo: seedGridDemo,
});

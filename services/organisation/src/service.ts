import { composeService, CONNECTION_TYPE_DEFS, DateScalar, DateTimeScalar, loadSchema, personalDataAuditModule } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { assignmentSuggestionModule } from './assignment-suggestion/assignment-suggestion.module';
import { cadreLiaisonModule } from './cadre-liaison/cadre-liaison.module';
import { seedOrganisationDemo } from './demo';
import { departmentModule } from './department/department.module';
import { jointMeetingModule } from './joint-meeting/joint-meeting.module';
import { partyChainModule } from './party-chain/party-chain.module';
import { partyMemberModule } from './party-member/party-member.module';
import { partyOrganisationModule } from './party-organisation/party-organisation.module';
import { partyStatsModule } from './party-stats/party-stats.module';
import { regionModule } from './region/region.module';
import { twoNewModule } from './two-new/two-new.module';

const own = loadSchema(join(__dirname, 'service.graphql'));

/**
 * The Party organisation subgraph (组织): the region tree, the Party chain from street committee to
 * central household, members and double reporting, cadre liaison and joint meetings.
 */
export const organisationService = composeService({
  name: 'organisation',
  typeDefs: { kind: Kind.DOCUMENT, definitions: [...own.definitions, ...CONNECTION_TYPE_DEFS.definitions] },
  resolvers: { DateTime: DateTimeScalar, Date: DateScalar },
  modules: [
    regionModule,
    partyChainModule,
    partyOrganisationModule,
    partyMemberModule,
    assignmentSuggestionModule,
    cadreLiaisonModule,
    jointMeetingModule,
    departmentModule,
    twoNewModule,
    partyStatsModule,
    personalDataAuditModule('organisationPersonalDataAccesses', 'Party members'),
  ],
  seedDemo: seedOrganisationDemo,
});

/** The yearly jobs of this subgraph (run by its worker), and their schedules. */
export const organisationJobs = organisationService.jobs;
export const organisationSchedules = organisationService.schedules;

import { defineModule, loadSchema, STAFF, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreatePartyMember1763800000400 } from '../migrations/1763800000400-CreatePartyMember';
import { DoubleReportHistory1764500000100 } from '../migrations/1764500000100-DoubleReportHistory';
import { BackfillOrganisationEvents1764500000101 } from '../migrations/1764500000101-BackfillOrganisationEvents';
import { doubleReportCommands } from './double-report.commands';
import { partyMemberCommands } from './party-member.commands';
import { DoubleReport, DoubleReportEvent, PartyMember } from './party-member.entity';
import { doubleReportFields, organisationMemberFields, partyMemberFields, partyMemberQueries } from './party-member.resolvers';

/** Party members (党员), their pioneer posts, temporary-branch assignments and double reporting (双报到). */
export const partyMemberModule = defineModule({
  name: 'party-member',
  typeDefs: loadSchema(join(__dirname, 'party-member.graphql')),
  resolvers: {
    Query: partyMemberQueries,
    PartyMember: partyMemberFields,
    DoubleReport: doubleReportFields,
    PartyOrganisation: organisationMemberFields,
  } as unknown as Resolvers,
  commands: [...partyMemberCommands, ...doubleReportCommands],
  // Members are personal information: staff only, whatever the organisation's own readers.
  access: {
    'PartyOrganisation.members': STAFF,
    'Query.partyMember': STAFF,
    'Query.partyMemberByResidentId': STAFF,
    'Query.doubleReports': STAFF,
  },
  entities: [PartyMember, DoubleReport, DoubleReportEvent],
  // The backfill announces regions and organisations too; it runs after the last table it reads exists.
  migrations: [CreatePartyMember1763800000400, DoubleReportHistory1764500000100, BackfillOrganisationEvents1764500000101],
  // A double report is assigned to a grid and a volunteer team of other services.
  references: ['GRID', 'VOLUNTEER_TEAM'],
});

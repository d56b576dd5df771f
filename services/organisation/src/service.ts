import { DateScalar, DateTimeScalar, defineService, loadSchema, EVERYONE, READERS, STAFF, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { cadreLiaisonComplianceJob, cadreLiaisonComplianceSchedule } from './cadre-liaison/cadre-liaison.jobs';
import { Cadre, CadreLiaisonActivity, CadreLiaisonLink, CadreLiaisonReport } from './cadre-liaison/cadre-liaison.entity';
import { cadreLiaisonResolvers } from './cadre-liaison/cadre-liaison.resolvers';
import { seedOrganisationDemo } from './demo';
import { JointMeeting, JointMeetingBody } from './joint-meeting/joint-meeting.entity';
import { jointMeetingResolvers } from './joint-meeting/joint-meeting.resolvers';
import { CreateRegion1763800000100 } from './migrations/1763800000100-CreateRegion';
import { CreatePartyOrganisation1763800000200 } from './migrations/1763800000200-CreatePartyOrganisation';
import { ExtendPartyChain1763800000300 } from './migrations/1763800000300-ExtendPartyChain';
import { CreatePartyMember1763800000400 } from './migrations/1763800000400-CreatePartyMember';
import { CreateCadreLiaison1763800000500 } from './migrations/1763800000500-CreateCadreLiaison';
import { PartyChainConfiguration } from './party-chain/party-chain.entity';
import { partyChainResolvers } from './party-chain/party-chain.resolvers';
import { DoubleReport, PartyMember } from './party-member/party-member.entity';
import { partyMemberResolvers } from './party-member/party-member.resolvers';
import { BranchAssessment, CentralHouseholdLink, PartyOrganisation } from './party-organisation/party-organisation.entity';
import { partyOrganisationResolvers } from './party-organisation/party-organisation.resolvers';
import { Region } from './region/region.entity';
import { regionResolvers } from './region/region.resolvers';
import { TwoNewEntity } from './two-new/two-new.entity';
import { twoNewResolvers } from './two-new/two-new.resolvers';

const groups = [
  regionResolvers,
  partyOrganisationResolvers,
  partyChainResolvers,
  partyMemberResolvers,
  cadreLiaisonResolvers,
  jointMeetingResolvers,
  twoNewResolvers,
];
const rootOf = (type: 'Query' | 'Mutation') => Object.assign({}, ...groups.map((g) => g[type] ?? {}));

/** The yearly jobs of this subgraph (run by its worker), and their schedules. */
export const organisationJobs = [cadreLiaisonComplianceJob];
export const organisationSchedules = [cadreLiaisonComplianceSchedule];

/**
 * The Party organisation subgraph (组织): the region tree, the Party chain from street committee to
 * central household, members and double reporting, cadre liaison and joint meetings.
 */
export const organisationService = defineService({
  name: 'organisation',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query: rootOf('Query'),
    Mutation: rootOf('Mutation'),
    Region: regionResolvers.Region!,
    PartyOrganisation: partyOrganisationResolvers.PartyOrganisation!,
    PartyChainConfiguration: partyChainResolvers.PartyChainConfiguration!,
    PartyChainViolation: partyChainResolvers.PartyChainViolation!,
    PartyMember: partyMemberResolvers.PartyMember!,
    DoubleReport: partyMemberResolvers.DoubleReport!,
    Cadre: cadreLiaisonResolvers.Cadre!,
    CadreLiaisonLink: cadreLiaisonResolvers.CadreLiaisonLink!,
    CadreLiaisonCompliance: cadreLiaisonResolvers.CadreLiaisonCompliance!,
    LinkCompliance: cadreLiaisonResolvers.LinkCompliance!,
    JointMeetingBody: jointMeetingResolvers.JointMeetingBody!,
    TwoNewEntity: twoNewResolvers.TwoNewEntity!,
  },
  access: {
    // The region tree is public reference data: every caller may read it, within their scope and its ancestors.
    'Query.region': EVERYONE,
    'Query.regions': EVERYONE,
    Region: EVERYONE,
    // Counties and cities set up their streets and communities.
    'Mutation.addRegion': ['CITY_ADMIN', 'COUNTY_ADMIN'],
    // Aggregates only: dashboards read them, as staff do; no individual records.
    'Region.partyStats': [...STAFF, 'DASHBOARD'],
    'Query.partyOrganisation': READERS,
    'Region.partyOrganisations': READERS,
    PartyOrganisation: READERS,
    'Query.partyChainConfiguration': READERS,
    'Mutation.createPartyOrganisation': WRITERS,
    'Mutation.movePartyOrganisation': WRITERS,
    'Mutation.dissolveTemporaryBranch': WRITERS,
    'Mutation.linkCentralHouseholds': WRITERS,
    'Mutation.assessBranch': WRITERS,
    // The chain is a county decision.
    'Mutation.configurePartyChain': ['CITY_ADMIN', 'COUNTY_ADMIN'],
    // Members are personal information: staff only, whatever the organisation's own readers.
    'PartyOrganisation.members': STAFF,
    'Query.partyMember': STAFF,
    'Query.partyMemberByResidentId': STAFF,
    'Query.doubleReports': STAFF,
    'Mutation.registerPartyMember': WRITERS,
    'Mutation.claimPioneerPosts': WRITERS,
    'Mutation.assignTemporaryBranch': WRITERS,
    'Mutation.requestDoubleReport': WRITERS,
    'Mutation.confirmDoubleReport': WRITERS,
    'Mutation.assignDoubleReport': WRITERS,
    'Mutation.withdrawDoubleReport': WRITERS,
    'Query.cadres': STAFF,
    'Query.cadreLiaisonReport': STAFF,
    'Query.jointMeetingBodies': STAFF,
    'Query.twoNewEntities': STAFF,
    'Mutation.registerCadre': WRITERS,
    'Mutation.linkCadre': WRITERS,
    'Mutation.recordLiaisonActivity': WRITERS,
    'Mutation.compileCadreLiaisonReport': WRITERS,
    'Mutation.createJointMeetingBody': WRITERS,
    'Mutation.recordJointMeeting': WRITERS,
    'Mutation.registerTwoNewEntity': WRITERS,
    'Query.organisationPersonalDataAccesses': ['AUDITOR'],
  },
  entities: [
    Region,
    PartyOrganisation,
    PartyChainConfiguration,
    CentralHouseholdLink,
    BranchAssessment,
    TwoNewEntity,
    PartyMember,
    DoubleReport,
    Cadre,
    CadreLiaisonLink,
    CadreLiaisonActivity,
    CadreLiaisonReport,
    JointMeetingBody,
    JointMeeting,
  ],
  migrations: [
    CreateRegion1763800000100,
    CreatePartyOrganisation1763800000200,
    ExtendPartyChain1763800000300,
    CreatePartyMember1763800000400,
    CreateCadreLiaison1763800000500,
  ],
  jobs: organisationJobs,
  schedules: organisationSchedules,
  seedDemo: seedOrganisationDemo,
});

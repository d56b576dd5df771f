import { randomInt, randomUUID } from 'node:crypto';
import { gql, tokenFor } from '../helpers';
import { randomResidentId } from './grid';
import type { MatrixPart } from './types';

const YEAR = 2025;
const FOUR_LEVELS = [
  { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
  { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
  { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
  { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['GRID_BRANCH'] },
];

export const organisationMatrix: MatrixPart = {
  async seed({ create, street, community, county, platform }) {
    const organisation = await create('mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }', {
      name: '矩阵测试街道党工委',
      level: 'STREET_WORKING_COMMITTEE',
      regionCode: street,
    });
    const communityOrganisation = await create(
      'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      {
        name: '矩阵测试社区党委',
        level: 'COMMUNITY',
        regionCode: community,
        parentId: organisation.id,
      },
    );
    const memberResidentId = randomResidentId(county);
    const member = await create('mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }', {
      organisationId: communityOrganisation.id,
      name: '陈矩阵',
      residentId: memberResidentId,
      posts: ['政策宣传岗'],
    });
    const report = await create('mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }', {
      memberId: member.id,
      communityCode: community,
      workUnit: '矩阵测试局',
      certificateNo: 'FWZ-MATRIX',
      letterNo: 'BDH-MATRIX',
    });
    const cadre = await create('mutation ($i: RegisterCadreInput!) { registerCadre(input: $i) { id } }', {
      name: '周矩阵',
      post: '社区联系领导',
      regionCode: community,
    });
    const link = await create('mutation ($i: LinkCadreInput!) { linkCadre(input: $i) { id } }', {
      cadreId: cadre.id,
      level: 'COMMUNITY',
      regionCode: community,
    });
    const compile = await gql(
      platform,
      await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [county] }),
      'mutation ($c: ID!, $y: Int!) { compileCadreLiaisonReport(regionCode: $c, year: $y) { cadres } }',
      {
        c: community,
        y: YEAR,
      },
    );
    if (compile.errors) throw new Error(JSON.stringify(compile.errors));
    const body = await create('mutation ($i: CreateJointMeetingBodyInput!) { createJointMeetingBody(input: $i) { id } }', {
      name: '矩阵测试联席会议',
      regionCode: community,
      memberUnits: ['矩阵测试局'],
    });
    const twoNew = await create('mutation ($i: RegisterTwoNewEntityInput!) { registerTwoNewEntity(input: $i) { id } }', {
      name: '矩阵测试企业',
      kind: 'NON_PUBLIC_ENTERPRISE',
      regionCode: community,
    });
    // One whole read by the community's staff, so the audit log of the county holds a record.
    const reveal = await gql(
      platform,
      await tokenFor({ roles: ['COMMUNITY_STAFF'], regions: [community] }),
      'query ($id: ID!) { partyMember(id: $id) { name(reveal: true) } }',
      {
        id: member.id,
      },
    );
    if (reveal.errors) throw new Error(JSON.stringify(reveal.errors));
    // A department of the county (a fresh name each run: names are unique in a county).
    const department = await create('mutation ($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }', {
      countyCode: county,
      name: `矩阵测试住建局${randomInt(0, 1e9)}`,
      kind: 'HOUSING',
    });
    return {
      departmentId: department.id!,
      partyOrganisationId: organisation.id!,
      communityOrganisationId: communityOrganisation.id!,
      partyMemberId: member.id!,
      memberResidentId,
      doubleReportId: report.id!,
      cadreId: cadre.id!,
      cadreLinkId: link.id!,
      jointMeetingBodyId: body.id!,
      twoNewEntityId: twoNew.id!,
    };
  },
  secret: ['memberResidentId'],
  queries: {
    region: { query: 'query ($c: ID!) { region(code: $c) { code name children { code } } }', variables: (a) => ({ c: a.street }) },
    regions: { query: '{ regions { code name } }', variables: () => ({}) },
    partyOrganisation: {
      query: 'query ($id: ID!) { partyOrganisation(id: $id) { id name } }',
      variables: (a) => ({ id: a.communityOrganisationId }),
    },
    partyChainConfiguration: {
      query: 'query ($c: ID!) { partyChainConfiguration(countyCode: $c) { county { code } isDefault } }',
      variables: (a) => ({ c: a.county }),
    },
    partyMember: { query: 'query ($id: ID!) { partyMember(id: $id) { id name } }', variables: (a) => ({ id: a.partyMemberId }) },
    partyMemberByResidentId: {
      query: 'query ($r: String!) { partyMemberByResidentId(residentId: $r) { id name } }',
      variables: (a) => ({ r: a.memberResidentId }),
    },
    doubleReports: {
      query: 'query ($c: ID!) { doubleReports(regionCode: $c) { edges { node { id status } } } }',
      variables: (a) => ({ c: a.community }),
    },
    doubleReportSuggestions: {
      query:
        'query ($id: ID!) { doubleReportSuggestions(id: $id) { grids { rank grid { id } } volunteerTeams { rank volunteerTeam { id } } } }',
      variables: (a) => ({ id: a.doubleReportId }),
    },
    cadres: { query: 'query ($c: ID!) { cadres(regionCode: $c) { edges { node { id name } } } }', variables: (a) => ({ c: a.community }) },
    cadreLiaisonReport: {
      query: 'query ($c: ID!, $y: Int!) { cadreLiaisonReport(regionCode: $c, year: $y) { edges { node { cadre { id } compliant } } } }',
      variables: (a) => ({ c: a.community, y: YEAR }),
    },
    jointMeetingBodies: {
      query: 'query ($c: ID!) { jointMeetingBodies(regionCode: $c) { edges { node { id name } } } }',
      variables: (a) => ({ c: a.community }),
    },
    twoNewEntities: {
      query: 'query ($c: ID!) { twoNewEntities(regionCode: $c) { edges { node { id name } } } }',
      variables: (a) => ({ c: a.community }),
    },
    departments: {
      query: 'query ($c: ID!) { departments(countyCode: $c) { edges { node { id name kind } } } }',
      variables: (a) => ({ c: a.county }),
    },
    department: { query: 'query ($id: ID!) { department(id: $id) { id name } }', variables: (a) => ({ id: a.departmentId }) },
    organisationPersonalDataAccesses: {
      query: 'query ($c: ID!) { organisationPersonalDataAccesses(regionCode: $c) { edges { node { id regionCode recordId } } } }',
      variables: (a) => ({ c: a.community }),
    },
  },
  mutations: {
    addRegion: {
      query: 'mutation ($i: AddRegionInput!) { addRegion(input: $i) { code } }',
      variables: (a) => ({ i: { code: `${a.street}${String(randomInt(100, 1000))}`, name: '越权新增社区' } }),
    },
    createPartyOrganisation: {
      query: 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: a.street } }),
    },
    movePartyOrganisation: {
      query: 'mutation ($i: MovePartyOrganisationInput!) { movePartyOrganisation(input: $i) { id } }',
      variables: (a) => ({ i: { id: a.communityOrganisationId, parentId: a.partyOrganisationId } }),
    },
    dissolveTemporaryBranch: {
      query: 'mutation ($i: DissolveTemporaryBranchInput!) { dissolveTemporaryBranch(input: $i) { id } }',
      variables: (a) => ({ i: { id: a.communityOrganisationId, dissolvedOn: '2026-01-01' } }),
    },
    linkCentralHouseholds: {
      query: 'mutation ($i: LinkCentralHouseholdsInput!) { linkCentralHouseholds(input: $i) { id } }',
      variables: (a) => ({ i: { organisationId: a.communityOrganisationId, householdIds: [randomUUID()] } }),
    },
    assessBranch: {
      query: 'mutation ($i: AssessBranchInput!) { assessBranch(input: $i) { year } }',
      variables: (a) => ({ i: { organisationId: a.communityOrganisationId, year: YEAR, passed: true } }),
    },
    configurePartyChain: {
      query: 'mutation ($i: ConfigurePartyChainInput!) { configurePartyChain(input: $i) { applied } }',
      variables: (a) => ({ i: { countyCode: a.county, links: FOUR_LEVELS } }),
    },
    registerPartyMember: {
      query: 'mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }',
      variables: (a) => ({ i: { organisationId: a.communityOrganisationId, name: '越权党员', residentId: randomResidentId(a.county!) } }),
    },
    claimPioneerPosts: {
      query: 'mutation ($i: ClaimPioneerPostsInput!) { claimPioneerPosts(input: $i) { id } }',
      variables: (a) => ({ i: { memberId: a.partyMemberId, posts: ['越权岗'], serviceCommitments: ['越权服务'] } }),
    },
    assignTemporaryBranch: {
      query: 'mutation ($i: AssignTemporaryBranchInput!) { assignTemporaryBranch(input: $i) { id } }',
      variables: (a) => ({ i: { memberId: a.partyMemberId, branchId: a.communityOrganisationId } }),
    },
    requestDoubleReport: {
      query: 'mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }',
      variables: (a) => ({
        i: { memberId: a.partyMemberId, communityCode: a.community, workUnit: '越权单位', certificateNo: 'X-1', letterNo: 'X-2' },
      }),
    },
    confirmDoubleReport: {
      query: 'mutation ($id: ID!) { confirmDoubleReport(id: $id) { id } }',
      variables: (a) => ({ id: a.doubleReportId }),
    },
    assignDoubleReport: {
      query: 'mutation ($i: AssignDoubleReportInput!) { assignDoubleReport(input: $i) { id } }',
      variables: (a) => ({ i: { id: a.doubleReportId, gridId: randomUUID() } }),
    },
    withdrawDoubleReport: {
      query: 'mutation ($i: WithdrawDoubleReportInput!) { withdrawDoubleReport(input: $i) { id } }',
      variables: (a) => ({ i: { id: a.doubleReportId, reason: '越权撤回' } }),
    },
    registerCadre: {
      query: 'mutation ($i: RegisterCadreInput!) { registerCadre(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权干部', post: '越权岗位', regionCode: a.community } }),
    },
    linkCadre: {
      query: 'mutation ($i: LinkCadreInput!) { linkCadre(input: $i) { id } }',
      variables: (a) => ({ i: { cadreId: a.cadreId, level: 'STREET', regionCode: a.street } }),
    },
    recordLiaisonActivity: {
      query: 'mutation ($i: RecordLiaisonActivityInput!) { recordLiaisonActivity(input: $i) { id } }',
      variables: (a) => ({ i: { linkId: a.cadreLinkId, kind: 'VISIT', occurredOn: '2025-05-01', note: '越权走访' } }),
    },
    compileCadreLiaisonReport: {
      query: 'mutation ($c: ID!, $y: Int!) { compileCadreLiaisonReport(regionCode: $c, year: $y) { changed } }',
      variables: (a) => ({ c: a.community, y: YEAR }),
    },
    createJointMeetingBody: {
      query: 'mutation ($i: CreateJointMeetingBodyInput!) { createJointMeetingBody(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权联席会议', regionCode: a.community, memberUnits: ['越权单位'] } }),
    },
    recordJointMeeting: {
      query: 'mutation ($i: RecordJointMeetingInput!) { recordJointMeeting(input: $i) { id } }',
      variables: (a) => ({ i: { bodyId: a.jointMeetingBodyId, heldOn: '2025-05-01', problemsTabled: 1, problemsSolved: 1 } }),
    },
    createDepartment: {
      query: 'mutation ($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }',
      variables: (a) => ({ i: { countyCode: a.county, name: `越权部门${randomInt(0, 1e9)}`, kind: 'CIVIL_AFFAIRS' } }),
    },
    registerTwoNewEntity: {
      query: 'mutation ($i: RegisterTwoNewEntityInput!) { registerTwoNewEntity(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权企业', kind: 'SOCIAL_ORGANISATION', regionCode: a.community } }),
    },
  },
};

import { queryCounterOf } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { PartyMember } from '../src/party-member/party-member.entity';
import { organisationService } from '../src/service';
import { announce, randomResidentId, seedStreet, uuid } from './helpers';

const CREATE = `mutation ($input: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterPartyMemberInput!) { registerPartyMember(input: $input) { id name phone residentId posts } }`;

describe('Party members and double reporting', () => {
  let sg: TestSubgraph;
  let street: string;
  let community: string;
  let community2: string;
  let branch: string;
  const admin = testIdentity({ regionScopes: ['520201'] });

  async function must<T>(query: string, variables: Record<string, unknown>, identity = admin): Promise<T> {
    const result = await sg.query<T>(query, variables, identity);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  async function registerMember(overrides: Record<string, unknown> = {}): Promise<string> {
    const data = await must<{ registerPartyMember: { id: string } }>(REGISTER, {
      input: { organisationId: branch, name: '王建国', phone: '13812341234', residentId: randomResidentId('520201'), ...overrides },
    });
    return data.registerPartyMember.id;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(organisationService);
    ({ street, community, community2 } = await seedStreet(sg, '520201'));
    const top = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      input: { name: '街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street },
    });
    const comm = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      input: { name: '社区党委', level: 'COMMUNITY', regionCode: community, parentId: top.createPartyOrganisation.id },
    });
    branch = (
      await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
        input: { name: '网格党支部', level: 'GRID_BRANCH', regionCode: community, parentId: comm.createPartyOrganisation.id },
      })
    ).createPartyOrganisation.id;
  });
  afterAll(() => sg.stop());

  it('masks personal fields, reveals them to community staff only, and audits every whole read', async () => {
    const residentId = randomResidentId('520201');
    const id = await registerMember({ residentId });
    const stored = await sg.dataSource.getRepository(PartyMember).findOneByOrFail({ id });
    expect(JSON.stringify(stored)).not.toContain(residentId);

    const READ = `query ($id: ID!, $r: Boolean) { partyMember(id: $id) { name(reveal: $r) phone(reveal: $r) residentId(reveal: $r) } }`;
    const masked = await must<{ partyMember: { name: string; phone: string; residentId: string } }>(READ, { id, r: false });
    expect(masked.partyMember).toEqual({ name: '王**', phone: '138****1234', residentId: `520201**********${residentId.slice(16)}` });
    const county = await sg.query(READ, { id, r: true }, admin);
    expect(county.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community] });
    const whole = await must<{ partyMember: { name: string; residentId: string } }>(READ, { id, r: true }, staff);
    expect(whole.partyMember).toMatchObject({ name: '王建国', residentId });
    // Another community's staff do not see the member at all.
    const other = await must<{ partyMember: null }>(
      READ,
      { id, r: false },
      testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community2] }),
    );
    expect(other.partyMember).toBeNull();
    // Residents may read the organisation but not its members.
    const resident = await sg.query(
      'query ($id: ID!) { partyOrganisation(id: $id) { members { edges { node { id } } } } }',
      { id: branch },
      testIdentity({ roles: ['RESIDENT'] }),
    );
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const AUDIT = `query ($c: ID!) { organisationPersonalDataAccesses(regionCode: $c, first: 500) { edges { node { recordId field outcome subject } } } }`;
    const log = await must<{
      organisationPersonalDataAccesses: { edges: Array<{ node: { recordId: string; field: string; outcome: string; subject: string } }> };
    }>(AUDIT, { c: community }, testIdentity({ roles: ['AUDITOR'], regionScopes: ['520201'] }));
    const mine = log.organisationPersonalDataAccesses.edges.map((e) => e.node).filter((a) => a.recordId === id);
    expect(
      mine
        .filter((a) => a.outcome === 'SUCCESS' && a.subject === staff.subject)
        .map((a) => a.field)
        .sort(),
    ).toEqual(['name', 'phone', 'residentId']);
    expect(mine.some((a) => a.outcome === 'FAILURE' && a.subject === admin.subject)).toBe(true);
    const elsewhere = await must<{ organisationPersonalDataAccesses: { edges: unknown[] } }>(
      AUDIT,
      { c: community },
      testIdentity({ roles: ['AUDITOR'], regionScopes: ['520322'] }),
    );
    expect(elsewhere.organisationPersonalDataAccesses.edges).toEqual([]);
    expect((await sg.query(AUDIT, { c: community })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps one person one member, and finds a member by resident ID', async () => {
    const residentId = randomResidentId('520201');
    const id = await registerMember({ residentId });
    const twice = await sg.query(REGISTER, { input: { organisationId: branch, name: '王建国', residentId } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.residentId' });
    expect(twice.errors?.[0]?.message).not.toContain(residentId);
    const found = await must<{ partyMemberByResidentId: { id: string } }>(
      'query ($r: String!) { partyMemberByResidentId(residentId: $r) { id } }',
      { r: residentId },
    );
    expect(found.partyMemberByResidentId.id).toBe(id);
  });

  it('takes 1–2 pioneer posts and service commitments; more is refused and changes nothing', async () => {
    const tooMany = await sg.query(REGISTER, {
      input: {
        organisationId: branch,
        name: '赵先锋',
        residentId: randomResidentId('520201'),
        posts: ['政策宣传岗', '矛盾调解岗', '文明劝导岗'],
      },
    });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.posts' });
    const id = await registerMember();
    const CLAIM = `mutation ($input: ClaimPioneerPostsInput!) { claimPioneerPosts(input: $input) { posts serviceCommitments identityShown } }`;
    const ok = await must<{ claimPioneerPosts: object }>(CLAIM, {
      input: { memberId: id, posts: ['政策宣传岗', '矛盾调解岗'], serviceCommitments: ['帮扶独居老人'], identityShown: true },
    });
    expect(ok.claimPioneerPosts).toEqual({
      posts: ['政策宣传岗', '矛盾调解岗'],
      serviceCommitments: ['帮扶独居老人'],
      identityShown: true,
    });
    const three = await sg.query(CLAIM, {
      input: { memberId: id, posts: ['政策宣传岗'], serviceCommitments: ['环境整治', '帮扶独居老人', '关爱儿童'] },
    });
    expect(three.errors?.[0]?.extensions).toMatchObject({ field: 'input.serviceCommitments' });
    const none = await sg.query(CLAIM, { input: { memberId: id, posts: [], serviceCommitments: ['环境整治'] } });
    expect(none.errors?.[0]?.extensions).toMatchObject({ field: 'input.posts' });
    expect((await sg.dataSource.getRepository(PartyMember).findOneByOrFail({ id })).posts).toEqual(['政策宣传岗', '矛盾调解岗']);
  });

  it('keeps members of a dissolved temporary branch in their regular organisation', async () => {
    const comm = await must<{ partyOrganisation: { parent: { id: string } } }>(
      'query ($id: ID!) { partyOrganisation(id: $id) { parent { id } } }',
      { id: branch },
    );
    const temporary = (
      await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
        input: {
          name: '疫情防控临时党支部',
          level: 'GRID_BRANCH',
          kind: 'TEMPORARY',
          regionCode: community,
          parentId: comm.partyOrganisation.parent.id,
          activation: { reason: '疫情防控', activatedOn: '2026-01-05' },
        },
      })
    ).createPartyOrganisation.id;
    const intoTemporary = await sg.query(REGISTER, {
      input: { organisationId: temporary, name: '临时', residentId: randomResidentId('520201') },
    });
    expect(intoTemporary.errors?.[0]?.extensions).toMatchObject({ field: 'input.organisationId' });
    const id = await registerMember();
    const ASSIGN = `mutation ($input: AssignTemporaryBranchInput!) { assignTemporaryBranch(input: $input) { temporaryBranch { id } } }`;
    await must(ASSIGN, { input: { memberId: id, branchId: temporary } });
    await must(`mutation ($input: DissolveTemporaryBranchInput!) { dissolveTemporaryBranch(input: $input) { id } }`, {
      input: { id: temporary, dissolvedOn: '2026-02-01' },
    });
    const after = await must<{ partyMember: { organisation: { id: string }; temporaryBranch: { temporary: { active: boolean } } } }>(
      'query ($id: ID!) { partyMember(id: $id) { organisation { id } temporaryBranch { temporary { active } } } }',
      { id },
    );
    expect(after.partyMember).toEqual({ organisation: { id: branch }, temporaryBranch: { temporary: { active: false } } });
    const members = await must<{ partyOrganisation: { members: { edges: Array<{ node: { id: string } }> } } }>(
      'query ($id: ID!) { partyOrganisation(id: $id) { members(first: 500) { edges { node { id } } } } }',
      { id: branch },
    );
    expect(members.partyOrganisation.members.edges.map((m) => m.node.id)).toContain(id);
    const late = await sg.query(ASSIGN, { input: { memberId: await registerMember(), branchId: temporary } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ field: 'input.branchId' });
  });

  it('moves a double report REQUESTED → CONFIRMED → ASSIGNED, or WITHDRAWN, and nothing else', async () => {
    const member = await registerMember();
    const REQUEST = `mutation ($input: RequestDoubleReportInput!) { requestDoubleReport(input: $input) { id status community { code } } }`;
    const input = {
      memberId: member,
      communityCode: community2,
      workUnit: '区住建局',
      certificateNo: 'FWZ-2026-001',
      letterNo: 'BDH-2026-001',
      skills: ['水电维修'],
    };
    const requested = await must<{ requestDoubleReport: { id: string; status: string } }>(REQUEST, { input });
    const id = requested.requestDoubleReport.id;
    expect(requested.requestDoubleReport.status).toBe('REQUESTED');
    expect((await sg.query(REQUEST, { input })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.memberId' });

    const ASSIGN = `mutation ($input: AssignDoubleReportInput!) { assignDoubleReport(input: $input) { status grid { id } volunteerTeam { id } } }`;
    // The grid and the team are other services' records: announced by their events, learnt by catching up.
    const gridId = uuid();
    const teamId = uuid();
    await announce(sg, 'GridCreated', { id: gridId, regionCode: community2 });
    await announce(sg, 'VolunteerTeamCreated', { id: teamId, regionCode: community2 });
    // A step the lifecycle does not allow from the report's status is a CONFLICT (the state machine's rule).
    expect((await sg.query(ASSIGN, { input: { id, gridId, volunteerTeamId: teamId } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Only the community reported to (or above it) handles the report.
    const otherStaff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community] });
    expect(
      (await sg.query('mutation ($id: ID!) { confirmDoubleReport(id: $id) { status } }', { id }, otherStaff)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const staff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community2] });
    await must('mutation ($id: ID!) { confirmDoubleReport(id: $id) { status } }', { id }, staff);
    expect(
      (await sg.query('mutation ($id: ID!) { confirmDoubleReport(id: $id) { status } }', { id }, staff)).errors?.[0]?.extensions?.code,
    ).toBe('CONFLICT');
    expect((await sg.query(ASSIGN, { input: { id, gridId: 'G-1' } }, staff)).errors?.[0]?.extensions).toMatchObject({
      field: 'input.gridId',
    });
    const assigned = await must<{ assignDoubleReport: object }>(ASSIGN, { input: { id, gridId, volunteerTeamId: teamId } }, staff);
    expect(assigned.assignDoubleReport).toEqual({ status: 'ASSIGNED', grid: { id: gridId }, volunteerTeam: { id: teamId } });

    const WITHDRAW = `mutation ($input: WithdrawDoubleReportInput!) { withdrawDoubleReport(input: $input) { status withdrawalReason } }`;
    await must(WITHDRAW, { input: { id, reason: '搬离本社区' } }, staff);
    expect((await sg.query(WITHDRAW, { input: { id, reason: '再次撤回' } }, staff)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Withdrawn, the member may report again.
    await must(REQUEST, { input: { ...input, certificateNo: 'FWZ-2026-002' } });
    const list = await must<{ doubleReports: { edges: Array<{ node: { status: string } }> } }>(
      'query ($c: ID!) { doubleReports(regionCode: $c) { edges { node { status } } } }',
      { c: community2 },
      staff,
    );
    expect(list.doubleReports.edges.map((r) => r.node.status).sort()).toEqual(['REQUESTED', 'WITHDRAWN']);
  });

  it('gives Region.partyStats for a batch of regions in one statement, within the caller scope', async () => {
    const member = await registerMember();
    await must(`mutation ($input: RequestDoubleReportInput!) { requestDoubleReport(input: $input) { id } }`, {
      input: { memberId: member, communityCode: community, workUnit: '区财政局', certificateNo: 'FWZ-1', letterNo: 'BDH-1' },
    });
    await must(`mutation ($input: RegisterTwoNewEntityInput!) { registerTwoNewEntity(input: $input) { id } }`, {
      input: { name: '快递驿站', kind: 'NON_PUBLIC_ENTERPRISE', regionCode: community, partyOrganisationId: branch },
    });
    await must(`mutation ($input: RegisterTwoNewEntityInput!) { registerTwoNewEntity(input: $input) { id } }`, {
      input: { name: '社工服务中心', kind: 'SOCIAL_ORGANISATION', regionCode: community },
    });
    const body = await must<{ createJointMeetingBody: { id: string } }>(
      `mutation ($input: CreateJointMeetingBodyInput!) { createJointMeetingBody(input: $input) { id } }`,
      { input: { name: '街道联席会议', regionCode: street, memberUnits: ['区住建局', '区民政局'] } },
    );
    const MEET = `mutation ($input: RecordJointMeetingInput!) { recordJointMeeting(input: $input) { id } }`;
    await must(MEET, { input: { bodyId: body.createJointMeetingBody.id, heldOn: '2025-03-01', problemsTabled: 5, problemsSolved: 4 } });
    await must(MEET, { input: { bodyId: body.createJointMeetingBody.id, heldOn: '2025-09-01', problemsTabled: 3, problemsSolved: 3 } });
    expect(
      (
        await sg.query(MEET, {
          input: { bodyId: body.createJointMeetingBody.id, heldOn: '2025-10-01', problemsTabled: 1, problemsSolved: 2 },
        })
      ).errors?.[0]?.extensions,
    ).toMatchObject({
      field: 'input.problemsSolved',
    });

    const STATS = `query ($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { code partyStats(year: 2025) {
      organisationsByLevel { level count } activeTemporaryBranches members inServiceMembersReported
      twoNewCoverage { registered covered rate } jointMeetings { meetings problemsTabled problemsSolved } } } } }`;
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    type Stats = {
      code: string;
      partyStats: {
        members: number;
        inServiceMembersReported: number;
        twoNewCoverage: object;
        jointMeetings: object;
        organisationsByLevel: Array<{ level: string; count: number }>;
      };
    };
    const result = await must<{ _entities: Stats[] }>(
      STATS,
      { codes: [street, community, community2].map((code) => ({ __typename: 'Region', code })) },
      testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520201'] }),
    );
    expect(counter.count - before).toBe(2); // the regions, then the figures of all three
    const [ofStreet, ofCommunity, ofCommunity2] = result._entities;
    const members = await sg.dataSource.getRepository(PartyMember).countBy({ regionCode: community });
    expect(ofStreet!.partyStats.members).toBe(members);
    expect(ofCommunity!.partyStats.twoNewCoverage).toEqual({ registered: 2, covered: 1, rate: 0.5 });
    expect(ofStreet!.partyStats.jointMeetings).toEqual({ meetings: 2, problemsTabled: 8, problemsSolved: 7 });
    expect(ofCommunity!.partyStats.jointMeetings).toEqual({ meetings: 0, problemsTabled: 0, problemsSolved: 0 });
    expect(ofCommunity!.partyStats.inServiceMembersReported).toBe(1);
    expect(ofCommunity2!.partyStats.members).toBe(0);
    expect(ofStreet!.partyStats.organisationsByLevel.find((l) => l.level === 'STREET_WORKING_COMMITTEE')!.count).toBe(1);

    // A dashboard of another county sees nothing of these; a community's staff only their community.
    const other = await must<{ _entities: Stats[] }>(
      STATS,
      { codes: [{ __typename: 'Region', code: '520201' }] },
      testIdentity({ roles: ['DASHBOARD'], regionScopes: [community2] }),
    );
    expect(other._entities[0]!.partyStats.members).toBe(0);
    expect(other._entities[0]!.partyStats.jointMeetings).toEqual({ meetings: 0, problemsTabled: 0, problemsSolved: 0 });
    const resident = await sg.query(STATS, { codes: [{ __typename: 'Region', code: street }] }, testIdentity({ roles: ['RESIDENT'] }));
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

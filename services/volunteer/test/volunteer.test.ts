import { appendToOutbox, createDataSource, DoubleReportAssigned, eventMessage } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, TEST_DATABASE_URL, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { volunteerService } from '../src/service';

const CREATE_TEAM = `mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }`;
const VOLUNTEERS = `query ($t: ID!, $first: Int, $after: String) { teamVolunteers(teamId: $t, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id partyMemberId gridId source joinedAt teams { role team { id } } } }
} }`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{
    node: { id: string; partyMemberId: string; gridId: string; source: string; teams: Array<{ role: string; team: { id: string } }> };
  }>;
}

describe('volunteer subgraph: a double report assigned to a team makes the member its volunteer (双报到 → 志愿者)', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let community: string;

  /** Publishes DoubleReportAssigned as the organisation service does (in its outbox), then lets this service catch up. */
  async function assign(
    payload: { memberId: string; volunteerTeamId: string | null; doubleReportId?: string; gridId?: string },
    times = 1,
  ) {
    const message = eventMessage(DoubleReportAssigned, {
      doubleReportId: payload.doubleReportId ?? randomUUID(),
      memberId: payload.memberId,
      regionCode: community,
      gridId: payload.gridId ?? randomUUID(),
      volunteerTeamId: payload.volunteerTeamId,
    });
    await organisation.transaction((m) =>
      appendToOutbox(
        m,
        Array.from({ length: times }, () => message),
      ),
    );
    await sg.catchUp();
  }
  const volunteersOf = async (teamId: string, identity = testIdentity(), first?: number) =>
    (await sg.query<{ teamVolunteers: Page }>(VOLUNTEERS, { t: teamId, first }, identity)).data!.teamVolunteers;

  beforeAll(async () => {
    sg = await startTestSubgraph(volunteerService);
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
    community = (await claimTestStreet(organisation, '520201', [{ name: '双报到测试社区' }])).communities[0]!;
    await sg.catchUp();
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  async function team(name: string): Promise<string> {
    const created = await sg.query<{ createVolunteerTeam: { id: string } }>(CREATE_TEAM, {
      i: { name, category: 'RED', regionCode: community },
    });
    expect(created.errors).toBeUndefined();
    return created.data!.createVolunteerTeam.id;
  }

  it('adds the member to the team once, however often the event is delivered, with the grid of the report', async () => {
    const teamId = await team('双报到红色宣讲队');
    const memberId = randomUUID();
    const gridId = randomUUID();
    const doubleReportId = randomUUID();
    await assign({ memberId, volunteerTeamId: teamId, gridId, doubleReportId }, 3);
    // An operator's retry or a replay delivers it once more, later.
    await assign({ memberId, volunteerTeamId: teamId, gridId, doubleReportId });
    const page = await volunteersOf(teamId);
    expect(page.totalCount).toBe(1);
    expect(page.edges[0]!.node).toMatchObject({
      partyMemberId: memberId,
      gridId,
      source: 'DOUBLE_REPORT',
      teams: [{ role: 'MEMBER', team: { id: teamId } }],
    });
  });

  it('makes a member assigned to two teams of the community one volunteer in both (the same Volunteer as a registration)', async () => {
    const first = await team('双报到文明劝导队');
    const second = await team('双报到助老服务队');
    const memberId = randomUUID();
    await assign({ memberId, volunteerTeamId: first });
    await assign({ memberId, volunteerTeamId: second });
    const [a, b] = [await volunteersOf(first), await volunteersOf(second)];
    expect(a.edges[0]!.node.id).toBe(b.edges[0]!.node.id);
    expect(a.edges[0]!.node.teams.map((t) => t.team.id).sort()).toEqual([first, second].sort());
  });

  it('credits a Party member volunteer’s attendance to their member account, the same way as a registered volunteer’s', async () => {
    const teamId = await team('双报到助学服务队');
    const memberId = randomUUID();
    await assign({ memberId, volunteerTeamId: teamId });
    const volunteerId = (await volunteersOf(teamId)).edges[0]!.node.id;
    const now = Date.now();
    const activity = await sg.query<{ createActivity: { id: string } }>(
      'mutation ($i: CreateActivityInput!) { createActivity(input: $i) { id } }',
      {
        i: {
          regionCode: community,
          title: '周末课业辅导',
          place: '社区书屋',
          startsAt: new Date(now - 4 * 3600_000).toISOString(),
          endsAt: new Date(now - 2 * 3600_000).toISOString(),
          capacity: 2,
        },
      },
    );
    const activityId = activity.data!.createActivity.id;
    await sg.query('mutation ($i: SignUpForActivityInput!) { signUpForActivity(input: $i) { id } }', { i: { activityId, volunteerId } });
    const confirmed = await sg.query('mutation ($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) { minutesServed } }', {
      i: {
        activityId,
        volunteerId,
        arrivedAt: new Date(now - 4 * 3600_000).toISOString(),
        leftAt: new Date(now - 2 * 3600_000).toISOString(),
      },
    });
    expect(confirmed.errors).toBeUndefined();
    const account = await sg.query<{ volunteer: { timeBankAccount: Record<string, unknown> } }>(
      'query ($id: ID!) { volunteer(id: $id) { source timeBankAccount { holderKind partyMemberId balanceMinutes } } }',
      { id: volunteerId },
    );
    expect(account.data!.volunteer).toEqual({
      source: 'DOUBLE_REPORT',
      timeBankAccount: { holderKind: 'PARTY_MEMBER', partyMemberId: memberId, balanceMinutes: 120 },
    });
  });

  it('lists a team’s volunteers in joining order, pages them, and adds none for a report without a team', async () => {
    const teamId = await team('双报到关爱服务队');
    const members = [randomUUID(), randomUUID(), randomUUID()];
    for (const memberId of members) await assign({ memberId, volunteerTeamId: teamId });
    await assign({ memberId: randomUUID(), volunteerTeamId: null });
    const all = await volunteersOf(teamId);
    expect(all.edges.map((e) => e.node.partyMemberId)).toEqual(members);
    const first = await volunteersOf(teamId, testIdentity(), 2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await sg.query<{ teamVolunteers: Page }>(VOLUNTEERS, { t: teamId, after: first.pageInfo.endCursor });
    expect(rest.data!.teamVolunteers.edges.map((e) => e.node.partyMemberId)).toEqual([members[2]]);
  });

  it('shows a team’s volunteers only within the caller’s scope, and refuses a malformed team id', async () => {
    const teamId = await team('双报到平安巡逻队');
    await assign({ memberId: randomUUID(), volunteerTeamId: teamId });
    expect((await volunteersOf(teamId)).totalCount).toBe(1);
    expect((await volunteersOf(teamId, testIdentity({ regionScopes: ['520322'] }))).totalCount).toBe(0);
    const bad = await sg.query(VOLUNTEERS, { t: 'not-an-id' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'teamId' });
  });
});

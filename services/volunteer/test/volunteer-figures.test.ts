import { createDataSource, residentIdCheckCharacter, tableOf } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, TEST_DATABASE_URL, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { activityFigures } from '../src/activity/activity.figures';
import { wishFigures } from '../src/micro-wish/micro-wish.figures';
import { volunteerService } from '../src/service';

const HOUR = 3600 * 1000;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

function residentId(): string {
  const first17 = `5202011980${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

describe('volunteer figures for dashboards: activities and hours, wishes posted, claimed, fulfilled', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let street: string;
  let communities: string[];
  const admin = testIdentity({ regionScopes: ['520201'] });

  beforeAll(async () => {
    sg = await startTestSubgraph(volunteerService);
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
    ({ street, communities } = await claimTestStreet(organisation, '520201', [{ name: '数据测试社区一' }, { name: '数据测试社区二' }]));
    await sg.catchUp();
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  async function run<T>(mutation: string, input: Record<string, unknown>): Promise<T> {
    const result = await sg.query<Record<string, T>>(mutation, { i: input }, admin);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }

  it('counts activities, sign-ups, attendances and the hours served under a region, and nothing of other regions', async () => {
    const [first, second] = communities as [string, string];
    const volunteer = async (community: string) =>
      (
        await run<{ id: string }>('mutation ($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }', {
          regionCode: community,
          name: '刘志愿',
          residentId: residentId(),
        })
      ).id;
    const activity = async (community: string, hoursAgo: number) =>
      (
        await run<{ id: string }>('mutation ($i: CreateActivityInput!) { createActivity(input: $i) { id } }', {
          regionCode: community,
          title: '社区服务',
          place: '社区广场',
          startsAt: at(-hoursAgo * HOUR),
          endsAt: at(-(hoursAgo - 2) * HOUR),
          capacity: 5,
        })
      ).id;
    const signUp = (activityId: string, volunteerId: string) =>
      run('mutation ($i: SignUpForActivityInput!) { signUpForActivity(input: $i) { id } }', { activityId, volunteerId });
    const confirm = (activityId: string, volunteerId: string, hoursAgo: number, minutes: number) =>
      run('mutation ($i: ConfirmAttendanceInput!) { confirmAttendance(input: $i) { id } }', {
        activityId,
        volunteerId,
        arrivedAt: at(-hoursAgo * HOUR),
        leftAt: at(-hoursAgo * HOUR + minutes * 60_000),
      });
    const [a, b, c] = [await volunteer(first), await volunteer(first), await volunteer(second)];
    const morning = await activity(first, 10);
    const evening = await activity(second, 5);
    await signUp(morning, a);
    await signUp(morning, b);
    await signUp(evening, c);
    await confirm(morning, a, 10, 90);
    await confirm(evening, c, 5, 60);

    expect(await activityFigures(sg.dataSource.manager, street)).toEqual({
      activities: 2,
      signUps: 3,
      attendances: 2,
      minutesServed: 150,
      hoursServed: 2.5,
    });
    expect(await activityFigures(sg.dataSource.manager, first)).toMatchObject({
      activities: 1,
      signUps: 2,
      attendances: 1,
      minutesServed: 90,
    });
    expect(await activityFigures(sg.dataSource.manager, `${street.slice(0, 6)}999`)).toEqual({
      activities: 0,
      signUps: 0,
      attendances: 0,
      minutesServed: 0,
      hoursServed: 0,
    });
  });

  it('holds and counts Zhongshan’s 9,637 claimed wishes (seeded in SQL), by figures and by the list’s totalCount', async () => {
    const community = communities[1]!;
    const wishes = tableOf(sg.dataSource, 'micro_wish');
    // 637 with a standing claim, 1,000 fulfilled, 8,000 confirmed: 9,637 claimed; 250 still on the wall.
    await sg.dataSource.query(
      `INSERT INTO ${wishes} (region_code, title, status, poster_subject, posted_at, claimant_kind, claimant_subject, claimed_at, claim_expires_at, fulfilled_at, evidence, confirmed_at, version)
       SELECT $1, '心愿 ' || n, s.status, 'resident-' || n, now() - interval '30 days',
              CASE WHEN s.status = 'ON_WALL' THEN NULL ELSE 'PARTY_MEMBER' END,
              CASE WHEN s.status = 'ON_WALL' THEN NULL ELSE 'member-' || (n % 500) END,
              CASE WHEN s.status = 'ON_WALL' THEN NULL ELSE now() - interval '20 days' END,
              CASE WHEN s.status = 'CLAIMED' THEN now() + interval '7 days' END,
              CASE WHEN s.status IN ('FULFILLED', 'CONFIRMED') THEN now() - interval '10 days' END,
              CASE WHEN s.status IN ('FULFILLED', 'CONFIRMED') THEN '已圆梦' END,
              CASE WHEN s.status = 'CONFIRMED' THEN now() - interval '5 days' END,
              1
       FROM generate_series(1, 9887) n
       CROSS JOIN LATERAL (SELECT CASE WHEN n <= 637 THEN 'CLAIMED' WHEN n <= 1637 THEN 'FULFILLED' WHEN n <= 9637 THEN 'CONFIRMED' ELSE 'ON_WALL' END AS status) s`,
      [community],
    );
    expect(await wishFigures(sg.dataSource.manager, community)).toEqual({
      posted: 9887,
      onWall: 250,
      claimed: 9637,
      fulfilled: 9000,
      confirmed: 8000,
    });
    const list = await sg.query<{ microWishes: { totalCount: number; edges: unknown[] } }>(
      'query ($c: ID!) { microWishes(regionCode: $c, statuses: [CLAIMED, FULFILLED, CONFIRMED], first: 10) { totalCount edges { node { id } } } }',
      { c: street },
      admin,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.microWishes).toMatchObject({ totalCount: 9637 });
    expect(list.data!.microWishes.edges).toHaveLength(10);
    // Outside the scope, none of them.
    const other = await sg.query<{ microWishes: { totalCount: number } }>(
      'query ($c: ID!) { microWishes(regionCode: $c) { totalCount } }',
      { c: street },
      testIdentity({ regionScopes: ['520322'] }),
    );
    expect(other.data!.microWishes.totalCount).toBe(0);
  });

  it('answers Region.volunteerStats with teams by category, activities and wishes, one statement per figure for a batch of regions, within the caller’s scope', async () => {
    const [first, second] = communities as [string, string];
    const team = (regionCode: string, category: string, name: string) =>
      run('mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }', {
        name,
        category,
        regionCode,
      });
    await team(first, 'WHITE', '白色健康一队');
    await team(first, 'WHITE', '白色健康二队');
    await team(second, 'GOLD', '金色休闲队');
    const STATS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { volunteerStats {
      teams teamsByCategory { category count }
      activities { activities signUps attendances minutesServed hoursServed } wishes { posted onWall claimed fulfilled confirmed } } } } }`;
    interface Stats {
      teams: number;
      teamsByCategory: Array<{ category: string; count: number }>;
      activities: Record<string, number>;
      wishes: Record<string, number>;
    }
    const statsOf = async (codes: string[], identity: ReturnType<typeof testIdentity>) => {
      const result = await sg.query<{ _entities: Array<{ volunteerStats: Stats }> }>(
        STATS,
        { r: codes.map((code) => ({ __typename: 'Region', code })) },
        identity,
      );
      expect(result.errors).toBeUndefined();
      return result.data!._entities.map((e) => e.volunteerStats);
    };
    const none = {
      teams: 0,
      teamsByCategory: [],
      activities: { activities: 0, signUps: 0, attendances: 0, minutesServed: 0, hoursServed: 0 },
      wishes: { posted: 0, onWall: 0, claimed: 0, fulfilled: 0, confirmed: 0 },
    };

    const query = jest.spyOn(sg.dataSource.manager, 'query');
    try {
      const dashboard = testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520201'] });
      expect(await statsOf([street, first, second], dashboard)).toEqual([
        {
          teams: 3,
          teamsByCategory: [
            { category: 'WHITE', count: 2 },
            { category: 'GOLD', count: 1 },
          ],
          activities: { activities: 2, signUps: 3, attendances: 2, minutesServed: 150, hoursServed: 2.5 },
          wishes: { posted: 9887, onWall: 250, claimed: 9637, fulfilled: 9000, confirmed: 8000 },
        },
        {
          teams: 2,
          teamsByCategory: [{ category: 'WHITE', count: 2 }],
          activities: { activities: 1, signUps: 2, attendances: 1, minutesServed: 90, hoursServed: 1.5 },
          wishes: none.wishes,
        },
        {
          teams: 1,
          teamsByCategory: [{ category: 'GOLD', count: 1 }],
          activities: { activities: 1, signUps: 1, attendances: 1, minutesServed: 60, hoursServed: 1 },
          wishes: { posted: 9887, onWall: 250, claimed: 9637, fulfilled: 9000, confirmed: 8000 },
        },
      ]);
      // Three regions, one statement each for the activities and for the wishes.
      const statements = query.mock.calls.map(([sql]) => String(sql));
      expect(statements.filter((sql) => sql.includes('activity_sign_up'))).toHaveLength(1);
      expect(statements.filter((sql) => sql.includes('micro_wish'))).toHaveLength(1);
    } finally {
      query.mockRestore();
    }

    // Staff of the first community asking for the whole street count their community only; another county, nothing.
    const firstStaff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [first] });
    expect(await statsOf([street], firstStaff)).toEqual([
      {
        teams: 2,
        teamsByCategory: [{ category: 'WHITE', count: 2 }],
        activities: { activities: 1, signUps: 2, attendances: 1, minutesServed: 90, hoursServed: 1.5 },
        wishes: none.wishes,
      },
    ]);
    expect(await statsOf([street], testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520322'] }))).toEqual([none]);
  });
});

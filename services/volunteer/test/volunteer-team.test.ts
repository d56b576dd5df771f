import { createDataSource, queryCounterOf } from '@gg/shared';
import {
  claimTestStreet,
  startTestSubgraph,
  testIdentity,
  pendingSchemaChanges,
  TEST_DATABASE_URL,
  type TestSubgraph,
} from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { VolunteerTeam } from '../src/volunteer-team/volunteer-team.entity';
import { volunteerService } from '../src/service';

const CREATE = `mutation ($input: CreateVolunteerTeamInput!) {
  createVolunteerTeam(input: $input) { id name category skills description region { code } createdAt }
}`;
const BY_ID = `query ($id: ID!) { volunteerTeam(id: $id) { id name category skills description region { code } } }`;
const LIST = `query ($regionCode: ID!, $category: VolunteerTeamCategory, $first: Int, $after: String) {
  volunteerTeams(regionCode: $regionCode, category: $category, first: $first, after: $after) {
    edges { cursor node { id name } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;
const REGION_TEAMS = `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Region {
  code volunteerTeams(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } totalCount }
} } }`;
// Without totalCount: a page is one statement; the count is a second one, run only when asked for.
const REGION_TEAM_NAMES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code volunteerTeams { edges { node { id name } } } } } }`;

interface Page {
  edges: Array<{ cursor?: string; node: { id: string; name: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
type RegionPages = { _entities: Array<{ code: string; volunteerTeams: Page }> };
const ids = (page: Page) => page.edges.map((e) => e.node.id);
const names = (page: Page) => page.edges.map((e) => e.node.name);
const TEAM_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on VolunteerTeam { id name } } }`;

interface Team {
  id: string;
  name: string;
  category: string;
  skills: string[];
  description: string | null;
  region: { code: string };
  createdAt: string;
}

/** Tongzi county staff: a caller whose scope does not reach Zhongshan. */
const tongzi = () => testIdentity({ regionScopes: ['520322'] });

describe('volunteer subgraph: volunteer teams', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let street: string;
  let community: string;
  let otherCommunity: string;

  async function create(input: Record<string, unknown>): Promise<Team> {
    const result = await sg.query<{ createVolunteerTeam: Team }>(CREATE, { input: { category: 'RED', regionCode: community, ...input } });
    expect(result.errors).toBeUndefined();
    return result.data!.createVolunteerTeam;
  }

  // Teams under this file's street and the few codes its bad inputs name: other test files write
  // teams elsewhere at the same time, so a whole-table count would not be this test's.
  const countOwn = () =>
    sg.dataSource
      .getRepository(VolunteerTeam)
      .createQueryBuilder('t')
      .where('t.region_code LIKE :street OR t.region_code = ANY(:named)', {
        street: `${street}%`,
        named: ['520201', '5202010010', '52020100100x', '520322001001'],
      })
      .getCount();

  /** A new street with communities, registered as the organisation service does, and known here once caught up. */
  async function registerStreet(communities = 2): Promise<{ street: string; communities: string[] }> {
    const claimed = await claimTestStreet(
      organisation,
      '520201',
      Array.from({ length: communities }, (_, i) => ({ name: `测试社区${i + 1}` })),
    );
    await sg.catchUp();
    return claimed;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(volunteerService);
    // The organisation service's schema, as claimTestStreet needs it (regions and their RegionAdded events).
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
    const registered = await registerStreet();
    street = registered.street;
    [community, otherCommunity] = registered.communities as [string, string];
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('creates a team and reads it back by id and through its region', async () => {
    const team = await create({ name: ' 测试红色宣讲志愿服务队 ', skills: [' 理论宣讲', '课后辅导 '], description: '党员宣讲党史。' });
    expect(team).toMatchObject({
      name: '测试红色宣讲志愿服务队',
      category: 'RED',
      skills: ['理论宣讲', '课后辅导'],
      description: '党员宣讲党史。',
      region: { code: community },
    });
    expect(new Date(team.createdAt).getTime()).not.toBeNaN();

    const byId = await sg.query<{ volunteerTeam: Team }>(BY_ID, { id: team.id });
    expect(byId.data!.volunteerTeam).toEqual({
      id: team.id,
      name: team.name,
      category: 'RED',
      skills: team.skills,
      description: team.description,
      region: { code: community },
    });

    const viaRegion = await sg.query<RegionPages>(REGION_TEAMS, {
      r: [community, street].map((code) => ({ __typename: 'Region', code })),
    });
    expect(viaRegion.errors).toBeUndefined();
    for (const region of viaRegion.data!._entities) expect(ids(region.volunteerTeams)).toContain(team.id);
  });

  it('lists teams under a region prefix, filtered by category, ordered by name, in both the query and the Region field', async () => {
    const {
      street: street2,
      communities: [c1, c2],
    } = await registerStreet();
    // Latin letters decide the order, so the expectation holds under any database collation.
    const b = await create({ name: '测试B队', category: 'WHITE', regionCode: c1 });
    const a = await create({ name: '测试A队', category: 'GREEN', regionCode: street2 });
    const c = await create({ name: '测试C队', category: 'WHITE', regionCode: c2 });
    const byName = [a.id, b.id, c.id];

    const all = await sg.query<{ volunteerTeams: Page }>(LIST, { regionCode: street2 });
    expect(ids(all.data!.volunteerTeams)).toEqual(byName);
    expect(all.data!.volunteerTeams.totalCount).toBe(3);
    const white = await sg.query<{ volunteerTeams: Page }>(LIST, { regionCode: street2, category: 'WHITE' });
    expect(ids(white.data!.volunteerTeams)).toEqual([b.id, c.id]);
    expect(white.data!.volunteerTeams.totalCount).toBe(2);
    const firstTwo = await sg.query<{ volunteerTeams: Page }>(LIST, { regionCode: street2, first: 2 });
    expect(ids(firstTwo.data!.volunteerTeams)).toEqual(byName.slice(0, 2));
    expect(firstTwo.data!.volunteerTeams.pageInfo.hasNextPage).toBe(true);

    const viaRegion = await sg.query<RegionPages>(REGION_TEAMS, { r: [{ __typename: 'Region', code: street2 }] });
    expect(ids(viaRegion.data!._entities[0]!.volunteerTeams)).toEqual(byName);
    expect(viaRegion.data!._entities[0]!.volunteerTeams.totalCount).toBe(3);

    const badPrefix = await sg.query(LIST, { regionCode: '52%' });
    expect(badPrefix.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const badFirst = await sg.query(LIST, { regionCode: street2, first: 0 });
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await sg.query(LIST, { regionCode: street2, after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses invalid input with the field named and writes nothing', async () => {
    const before = await countOwn();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x' }, 'input.name'],
      [{ name: '队'.repeat(101) }, 'input.name'],
      [{ name: '县级志愿服务队', regionCode: '520201' }, 'input.regionCode'],
      [{ name: '十位代码志愿服务队', regionCode: '5202010010' }, 'input.regionCode'],
      [{ name: '坏代码志愿服务队', regionCode: '52020100100x' }, 'input.regionCode'],
      [{ name: '重复技能志愿服务队', skills: ['急救', 'CPR', ' cpr'] }, 'input.skills.2'],
      [{ name: '空技能志愿服务队', skills: ['急救', '   '] }, 'input.skills.1'],
      [{ name: '长技能志愿服务队', skills: ['技'.repeat(31)] }, 'input.skills.0'],
      [{ name: '技能太多志愿服务队', skills: Array.from({ length: 21 }, (_, i) => `技能${i}`) }, 'input.skills'],
      [{ name: '长描述志愿服务队', description: '述'.repeat(501) }, 'input.description'],
    ];
    for (const [input, field] of cases) {
      const result = await sg.query(CREATE, { input: { category: 'CARE', regionCode: community, ...input } });
      expect({ field, extensions: result.errors?.[0]?.extensions }).toMatchObject({ field, extensions: { code: 'BAD_USER_INPUT', field } });
    }
    expect(await countOwn()).toBe(before);
  });

  it('refuses a second team of the same name in a region, and allows it in another', async () => {
    await create({ name: '同名志愿服务队' });
    const before = await countOwn();
    const duplicate = await sg.query(CREATE, { input: { name: ' 同名志愿服务队', category: 'BLUE', regionCode: community } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(await countOwn()).toBe(before);
    await create({ name: '同名志愿服务队', regionCode: otherCommunity });
  });

  it('refuses a write outside the caller scope and a role that may not write', async () => {
    const before = await countOwn();
    const outside = await sg.query(CREATE, { input: { name: '桐梓志愿服务队', category: 'OTHER', regionCode: '520322001001' } });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const resident = await sg.query(
      CREATE,
      { input: { name: '居民建的志愿服务队', category: 'OTHER', regionCode: community } },
      testIdentity({ roles: ['RESIDENT'] }),
    );
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const volunteer = await sg.query(
      CREATE,
      { input: { name: '志愿者建的志愿服务队', category: 'OTHER', regionCode: community } },
      testIdentity({ roles: ['VOLUNTEER'] }),
    );
    expect(volunteer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countOwn()).toBe(before);
  });

  it('hides a team from a caller scoped to another county: by id, in lists and through _entities', async () => {
    const team = await create({ name: '保密测试志愿服务队', regionCode: street });

    const byId = await sg.query<{ volunteerTeam: Team | null }>(BY_ID, { id: team.id }, tongzi());
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.volunteerTeam).toBeNull();

    const list = await sg.query<{ volunteerTeams: Page }>(LIST, { regionCode: '52', first: 500 }, tongzi());
    expect(list.errors).toBeUndefined();
    expect(ids(list.data!.volunteerTeams)).not.toContain(team.id);
    const zhongshanList = await sg.query<{ volunteerTeams: Page }>(LIST, { regionCode: street }, tongzi());
    expect(zhongshanList.data!.volunteerTeams.edges).toEqual([]);
    expect(zhongshanList.data!.volunteerTeams.totalCount).toBe(0);

    const entities = await sg.query<{ _entities: Array<{ id: string } | null> }>(
      TEAM_ENTITIES,
      { r: [{ __typename: 'VolunteerTeam', id: team.id }] },
      tongzi(),
    );
    expect(entities.data!._entities).toEqual([null]);

    const viaRegion = await sg.query<RegionPages>(
      REGION_TEAMS,
      { r: [street, '52'].map((code) => ({ __typename: 'Region', code })) },
      tongzi(),
    );
    expect(viaRegion.data!._entities.map((r) => ids(r.volunteerTeams))).toEqual([[], expect.not.arrayContaining([team.id])]);

    // The same request as a Zhongshan caller does see it, so the checks above can fail.
    const own = await sg.query<{ volunteerTeam: Team | null }>(BY_ID, { id: team.id });
    expect(own.data!.volunteerTeam?.id).toBe(team.id);
  });

  it('resolves team references in one statement per batch', async () => {
    const teams = [await create({ name: '批量一队' }), await create({ name: '批量二队' }), await create({ name: '批量三队' })];
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{ _entities: Array<{ id: string; name: string } | null> }>(TEAM_ENTITIES, {
      r: [...teams.map((t) => t.id), '00000000-0000-4000-8000-00000000ffff', 'not-a-uuid'].map((id) => ({
        __typename: 'VolunteerTeam',
        id,
      })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => e?.name ?? null)).toEqual(['批量一队', '批量二队', '批量三队', null, null]);
    expect(counter.count - before).toBe(1);
  });

  it('resolves the Region field for several regions in one statement', async () => {
    const {
      street: street3,
      communities: [c1, c2],
    } = await registerStreet();
    await create({ name: '测试A社区队', regionCode: c1 });
    await create({ name: '测试B社区队', regionCode: c2 });
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<RegionPages>(REGION_TEAM_NAMES, { r: [c1, c2, street3].map((code) => ({ __typename: 'Region', code })) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((r) => names(r.volunteerTeams))).toEqual([
      ['测试A社区队'],
      ['测试B社区队'],
      ['测试A社区队', '测试B社区队'],
    ]);
    expect(counter.count - before).toBe(1);
  });
});

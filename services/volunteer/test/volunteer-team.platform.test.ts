import { createDataSource, OutboxMessage } from '@gg/shared';
import { claimTestStreet, randomRegionCode, startTestSubgraph, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { AnnounceVolunteerTeams1764500000300 } from '../src/migrations/1764500000300-AnnounceVolunteerTeams';
import { VolunteerTeam } from '../src/volunteer-team/volunteer-team.entity';
import { volunteerService } from '../src/service';

const CREATE = `mutation ($input: CreateVolunteerTeamInput!) {
  createVolunteerTeam(input: $input) { id name category skills description region { code } createdAt }
}`;
const LIST = `query ($regionCode: ID!, $category: VolunteerTeamCategory, $first: Int, $after: String) {
  volunteerTeams(regionCode: $regionCode, category: $category, first: $first, after: $after) {
    edges { cursor node { id name } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;
const REGION_TEAMS = `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Region {
  code volunteerTeams(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } totalCount }
} } }`;

interface Page {
  edges: Array<{ cursor?: string; node: { id: string; name: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
type RegionPages = { _entities: Array<{ code: string; volunteerTeams: Page }> };
const ids = (page: Page) => page.edges.map((e) => e.node.id);

interface Team {
  id: string;
  name: string;
  category: string;
  skills: string[];
  description: string | null;
  region: { code: string };
  createdAt: string;
}

describe('volunteer teams on the platform: region references, events, pages', () => {
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

  it('pages through every team exactly once while teams are added between pages, in the query and the Region field', async () => {
    const {
      street: s,
      communities: [c],
    } = await registerStreet(1);
    const original = new Set<string>();
    for (const letter of ['B', 'D', 'F', 'H', 'J', 'L']) original.add((await create({ name: `分页${letter}队`, regionCode: c })).id);

    async function walk(page: (after: string | null) => Promise<Page>, round: string): Promise<string[]> {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; ; i++) {
        const current = await page(after);
        seen.push(...ids(current));
        if (!current.pageInfo.hasNextPage) return seen;
        after = current.pageInfo.endCursor;
        // One before the cursor (never to be shown) and one after it (shown once, later).
        await create({ name: `分页${round}A${i}队`, regionCode: c });
        await create({ name: `分页${round}Z${i}队`, regionCode: c });
      }
    }

    const viaQuery = await walk(
      async (after) => (await sg.query<{ volunteerTeams: Page }>(LIST, { regionCode: s, first: 2, after })).data!.volunteerTeams,
      '1',
    );
    expect(new Set(viaQuery).size).toBe(viaQuery.length);
    for (const id of original) expect(viaQuery).toContain(id);

    const viaRegion = await walk(
      async (after) =>
        (await sg.query<RegionPages>(REGION_TEAMS, { r: [{ __typename: 'Region', code: s }], first: 2, after })).data!._entities[0]!
          .volunteerTeams,
      '2',
    );
    expect(new Set(viaRegion).size).toBe(viaRegion.length);
    for (const id of original) expect(viaRegion).toContain(id);
  });

  it('refuses a well-formed region code nobody registered, naming the field, and writes nothing', async () => {
    const before = await countOwn();
    const unknownStreet = randomRegionCode('520201', 9);
    for (const regionCode of [unknownStreet, `${street}999`]) {
      const result = await sg.query(CREATE, { input: { name: '无名地区志愿服务队', category: 'RED', regionCode } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    }
    expect(await countOwn()).toBe(before);
    expect(await sg.dataSource.getRepository(VolunteerTeam).countBy({ regionCode: unknownStreet })).toBe(0);
  });

  it('announces a created team with VolunteerTeamCreated in its own transaction', async () => {
    const team = await create({ name: '事件测试志愿服务队' });
    const events = await sg.dataSource.getRepository(OutboxMessage).findBy({ name: 'VolunteerTeamCreated', aggregateId: team.id });
    expect(events.map((e) => e.payload)).toEqual([{ id: team.id, regionCode: community }]);
    // A refused create announces nothing.
    await sg.query(CREATE, { input: { name: '事件测试志愿服务队', category: 'RED', regionCode: community } });
    expect(await sg.dataSource.getRepository(OutboxMessage).countBy({ name: 'VolunteerTeamCreated', aggregateId: team.id })).toBe(1);
  });

  it('backfills VolunteerTeamCreated for teams that existed before the outbox, once', async () => {
    const old = await sg.dataSource
      .getRepository(VolunteerTeam)
      .save({ name: '老志愿服务队', category: 'OTHER', regionCode: otherCommunity, skills: [] });
    const count = () => sg.dataSource.getRepository(OutboxMessage).findBy({ name: 'VolunteerTeamCreated', aggregateId: old.id });
    expect(await count()).toEqual([]);
    for (let run = 0; run < 2; run++) {
      const runner = sg.dataSource.createQueryRunner();
      await runner.startTransaction();
      await new AnnounceVolunteerTeams1764500000300().up(runner);
      await runner.commitTransaction();
      await runner.release();
    }
    expect((await count()).map((e) => e.payload)).toEqual([{ id: old.id, regionCode: otherCommunity }]);
  });
});

import { createDataSource, OutboxMessage } from '@gg/shared';
import { claimTestStreet, randomRegionCode, startTestSubgraph, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { CollectiveOrganisation } from '../src/collective-organisation/collective-organisation.entity';
import { AnnounceCollectiveOrganisations1764500000500 } from '../src/migrations/1764500000500-AnnounceCollectiveOrganisations';
import { collectiveEconomyService } from '../src/service';

const FIELDS = 'id name foundedOn businessLines registeredCapitalFen region { code } createdAt';
const CREATE = `mutation ($input: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $input) { ${FIELDS} } }`;
const LIST = `query ($code: ID!, $first: Int, $after: String) {
  collectiveOrganisations(regionCode: $code, first: $first, after: $after) {
    edges { cursor node { id name } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;
// Without totalCount: a page is one statement; the count is a second one, run only when asked for.
const ENTITIES = `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) {
  ... on CollectiveOrganisation { id name }
  ... on Region { code collectiveOrganisations(first: $first, after: $after) { edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }
} }`;

interface Page<T = { id: string; name: string }> {
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}
const nodes = <T>(page: Page<T>) => page.edges.map((e) => e.node);

interface Organisation {
  id: string;
  name: string;
  foundedOn: string;
  businessLines: string[];
  registeredCapitalFen: string;
  region: { code: string };
  createdAt: string;
}

describe('collective organisations on the platform: region references, events, pages', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let street: string;
  let community: string;
  let otherCommunity: string;

  async function create(input: Record<string, unknown>): Promise<Organisation> {
    const result = await sg.query<{ createCollectiveOrganisation: Organisation }>(CREATE, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.createCollectiveOrganisation;
  }

  const countIn = (regionCode: string) => sg.dataSource.getRepository(CollectiveOrganisation).countBy({ regionCode });

  /** A new street with communities, registered as the organisation service does, and known here once caught up. */
  async function registerStreet(county = '520201', communities = 2): Promise<{ street: string; communities: string[] }> {
    const claimed = await claimTestStreet(
      organisation,
      county,
      Array.from({ length: communities }, (_, i) => ({ name: `测试社区${i + 1}` })),
    );
    await sg.catchUp();
    return claimed;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(collectiveEconomyService);
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

  it('pages through every organisation exactly once while organisations are added between pages, in the query and the Region field', async () => {
    const {
      street: s,
      communities: [c],
    } = await registerStreet('520201', 1);
    const original: string[] = [];
    let added = 0;
    for (const letter of ['B', 'D', 'F', 'H', 'J'])
      original.push((await create({ name: `分页${letter}合作社`, regionCode: c, foundedOn: '2022-05-01' })).id);
    async function walk(page: (after: string | null) => Promise<Page<{ id: string }>>, round: string): Promise<string[]> {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; ; i++) {
        const current = await page(after);
        seen.push(...nodes(current).map((o) => o.id));
        if (!current.pageInfo.hasNextPage) return seen;
        after = current.pageInfo.endCursor;
        // One before the cursor (never to be shown) and one after it (shown once, later).
        for (const mark of ['A', 'Z']) {
          await create({ name: `分页${round}${mark}${i}合作社`, regionCode: c, foundedOn: '2022-05-01' });
          added += 1;
        }
      }
    }
    const viaQuery = await walk(
      async (after) =>
        (await sg.query<{ collectiveOrganisations: Page }>(LIST, { code: s, first: 2, after })).data!.collectiveOrganisations,
      '1',
    );
    const viaRegion = await walk(
      async (after) =>
        (
          await sg.query<{ _entities: Array<{ collectiveOrganisations: Page<Organisation> }> }>(ENTITIES, {
            r: [{ __typename: 'Region', code: s }],
            first: 2,
            after,
          })
        ).data!._entities[0]!.collectiveOrganisations,
      '2',
    );
    for (const seen of [viaQuery, viaRegion]) {
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(original));
    }
    const total = await sg.query<{ collectiveOrganisations: Page }>(LIST, { code: s, first: 1 });
    expect(total.data!.collectiveOrganisations.totalCount).toBe(original.length + added);
  });

  it('refuses a well-formed community code nobody registered, naming the field, and writes nothing', async () => {
    for (const regionCode of [randomRegionCode(randomRegionCode('520201', 9), 12), `${street}999`]) {
      const result = await sg.query(CREATE, { input: { name: '无名社区合作社', regionCode, foundedOn: '2022-01-01' } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
      expect(await countIn(regionCode)).toBe(0);
    }
  });

  it('announces a created organisation with CollectiveOrganisationCreated, and backfills organisations created before the outbox', async () => {
    const eventsOf = (id: string) =>
      sg.dataSource.getRepository(OutboxMessage).findBy({ name: 'CollectiveOrganisationCreated', aggregateId: id });
    const created = await create({ name: '事件测试合作社', regionCode: community, foundedOn: '2022-01-01' });
    expect((await eventsOf(created.id)).map((e) => e.payload)).toEqual([{ id: created.id, regionCode: community }]);

    const old = await sg.dataSource
      .getRepository(CollectiveOrganisation)
      .save({ name: '老合作社', regionCode: otherCommunity, foundedOn: '2010-01-01', businessLines: [], registeredCapitalFen: '0' });
    expect(await eventsOf(old.id)).toEqual([]);
    for (let run = 0; run < 2; run++) {
      const runner = sg.dataSource.createQueryRunner();
      await runner.startTransaction();
      await new AnnounceCollectiveOrganisations1764500000500().up(runner);
      await runner.commitTransaction();
      await runner.release();
    }
    expect((await eventsOf(old.id)).map((e) => e.payload)).toEqual([{ id: old.id, regionCode: otherCommunity }]);
    expect(await eventsOf(created.id)).toHaveLength(1);
  });
});

import { createDataSource, queryCounterOf, tableOf } from '@gg/shared';
import {
  claimTestStreet,
  pendingSchemaChanges,
  randomRegionCode,
  startTestSubgraph,
  testIdentity,
  TEST_DATABASE_URL,
  type TestSubgraph,
} from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { CollectiveOrganisation } from '../src/collective-organisation/collective-organisation.entity';
import { collectiveEconomyService } from '../src/service';

const FIELDS = 'id name foundedOn businessLines registeredCapitalFen region { code } createdAt';
const CREATE = `mutation ($input: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $input) { ${FIELDS} } }`;
const BY_ID = `query ($id: ID!) { collectiveOrganisation(id: $id) { ${FIELDS} } }`;
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

/** Another county's administrator (Tongzi), who must not see anything in Zhongshan. */
const tongzi = () => testIdentity({ regionScopes: ['520322'] });

describe('collective-economy subgraph', () => {
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

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('creates an organisation and reads it back by id, in the list and through its region', async () => {
    const created = await create({
      name: '康友家政',
      regionCode: community,
      foundedOn: '2023-04-18',
      businessLines: ['HOUSEKEEPING', 'ESTATE_AGENCY', 'LABOUR_EXPORT', 'PROPERTY_MANAGEMENT'],
      registeredCapitalFen: '36000000',
    });
    expect(created).toMatchObject({
      name: '康友家政',
      foundedOn: '2023-04-18',
      businessLines: ['HOUSEKEEPING', 'ESTATE_AGENCY', 'LABOUR_EXPORT', 'PROPERTY_MANAGEMENT'],
      registeredCapitalFen: '36000000',
      region: { code: community },
    });
    expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);

    const byId = await sg.query<{ collectiveOrganisation: Organisation }>(BY_ID, { id: created.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.collectiveOrganisation).toEqual(created);

    const list = await sg.query<{ collectiveOrganisations: Page }>(LIST, { code: street });
    expect(nodes(list.data!.collectiveOrganisations).map((o) => o.id)).toContain(created.id);

    // The Region field reads by raw SQL, a different path from the lookup: it must give the same values.
    const viaRegion = await sg.query<{ _entities: Array<{ collectiveOrganisations: Page<Organisation> }> }>(ENTITIES, {
      r: [{ __typename: 'Region', code: community }],
    });
    expect(viaRegion.errors).toBeUndefined();
    expect(nodes(viaRegion.data!._entities[0]!.collectiveOrganisations)).toEqual([created]);
  });

  it('defaults to no business lines and zero capital, and keeps money as a string of exact digits', async () => {
    const plain = await create({ name: '凉都便民服务社', regionCode: otherCommunity, foundedOn: '2020-01-01' });
    expect(plain).toMatchObject({ businessLines: [], registeredCapitalFen: '0' });
    const largest = await create({
      name: '凉都资产经营公司',
      regionCode: otherCommunity,
      foundedOn: '2020-01-01',
      registeredCapitalFen: '999999999999999',
    });
    expect(largest.registeredCapitalFen).toBe('999999999999999');
    const padded = await create({
      name: '凉都劳务合作社',
      regionCode: otherCommunity,
      foundedOn: '2020-01-01',
      registeredCapitalFen: '0012345',
    });
    expect(padded.registeredCapitalFen).toBe('12345');
    const stored = await sg.dataSource.query(
      `SELECT registered_capital_fen::text AS fen FROM ${tableOf(sg.dataSource, 'collective_organisation')} WHERE id = $1`,
      [padded.id],
    );
    expect(stored).toEqual([{ fen: '12345' }]);
  });

  it('lists a subtree in name order, up to first, the same through the Region field', async () => {
    const {
      communities: [community2],
    } = await registerStreet('520201', 1);
    for (const name of ['第3合作社', '第1合作社', '第2合作社']) await create({ name, regionCode: community2, foundedOn: '2022-05-01' });
    const names = async (first?: number) =>
      nodes((await sg.query<{ collectiveOrganisations: Page }>(LIST, { code: community2, first })).data!.collectiveOrganisations).map(
        (o) => o.name,
      );
    expect(await names()).toEqual(['第1合作社', '第2合作社', '第3合作社']);
    expect(await names(2)).toEqual(['第1合作社', '第2合作社']);
    const viaRegion = await sg.query<{ _entities: Array<{ collectiveOrganisations: Page<Organisation> }> }>(ENTITIES, {
      r: [{ __typename: 'Region', code: community2 }],
    });
    expect(nodes(viaRegion.data!._entities[0]!.collectiveOrganisations).map((o) => o.name)).toEqual([
      '第1合作社',
      '第2合作社',
      '第3合作社',
    ]);
  });

  it('refuses invalid input with the field named and writes nothing', async () => {
    const valid = { name: '明湖家政服务社', regionCode: community, foundedOn: '2023-01-01' };
    const before = await countIn(community);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, name: 'x' }, 'input.name'],
      [{ ...valid, name: '家'.repeat(101) }, 'input.name'],
      [{ ...valid, regionCode: street }, 'input.regionCode'],
      [{ ...valid, foundedOn: '2999-01-01' }, 'input.foundedOn'],
      [{ ...valid, businessLines: ['HOUSEKEEPING', 'HOUSEKEEPING'] }, 'input.businessLines'],
      [{ ...valid, businessLines: Array(11).fill('OTHER') }, 'input.businessLines'],
      [{ ...valid, registeredCapitalFen: '12.50' }, 'input.registeredCapitalFen'],
      [{ ...valid, registeredCapitalFen: '-100' }, 'input.registeredCapitalFen'],
      [{ ...valid, registeredCapitalFen: '1000000000000000' }, 'input.registeredCapitalFen'],
    ];
    for (const [input, field] of cases) {
      const result = await sg.query(CREATE, { input });
      expect({ field, extensions: result.errors?.[0]?.extensions }).toEqual({
        field,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      });
    }
    // Rejected by the GraphQL layer before any resolver runs (Date scalar, enum): no field to name there.
    for (const input of [
      { ...valid, foundedOn: '2023-02-30' },
      { ...valid, businessLines: ['FARMING'] },
    ]) {
      const result = await sg.query(CREATE, { input });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await countIn(community)).toBe(before);
  });

  it('refuses a second organisation of the same name in a community, not in another', async () => {
    await create({ name: '城南物业服务中心', regionCode: community, foundedOn: '2019-06-30' });
    const before = await countIn(community);
    const duplicate = await sg.query(CREATE, { input: { name: ' 城南物业服务中心 ', regionCode: community, foundedOn: '2020-06-30' } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(await countIn(community)).toBe(before);
    await create({ name: '城南物业服务中心', regionCode: otherCommunity, foundedOn: '2019-06-30' });
  });

  it('refuses a write outside the caller scope and a role that may not write', async () => {
    const tongziCommunity = randomRegionCode('520322001', 12);
    const outside = await sg.query(CREATE, { input: { name: '鞍山社区服务社', regionCode: tongziCommunity, foundedOn: '2021-01-01' } });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countIn(tongziCommunity)).toBe(0);
    const before = await countIn(community);
    const resident = await sg.query(
      CREATE,
      { input: { name: '居民建的合作社', regionCode: community, foundedOn: '2021-01-01' } },
      testIdentity({ roles: ['RESIDENT'] }),
    );
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countIn(community)).toBe(before);
  });

  it('hides records from a caller scoped to another county: by id, in the list and through _entities', async () => {
    const created = await create({ name: '钟山区隐私测试合作社', regionCode: community, foundedOn: '2021-01-01' });

    const byId = await sg.query<{ collectiveOrganisation: Organisation | null }>(BY_ID, { id: created.id }, tongzi());
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.collectiveOrganisation).toBeNull();

    for (const code of [community, street, '520201', '52']) {
      const list = await sg.query<{ collectiveOrganisations: Page }>(LIST, { code, first: 500 }, tongzi());
      expect(list.errors).toBeUndefined();
      expect(nodes(list.data!.collectiveOrganisations).map((o) => o.id)).not.toContain(created.id);
    }

    const entities = await sg.query<{ _entities: Array<{ id?: string; collectiveOrganisations?: Page<Organisation> } | null> }>(
      ENTITIES,
      {
        r: [
          { __typename: 'CollectiveOrganisation', id: created.id },
          { __typename: 'Region', code: community },
          { __typename: 'Region', code: '52' },
        ],
      },
      tongzi(),
    );
    expect(entities.data!._entities[0]).toBeNull();
    expect(entities.data!._entities[1]!.collectiveOrganisations!.edges).toEqual([]);
    expect(nodes(entities.data!._entities[2]!.collectiveOrganisations!).map((o) => o.id)).not.toContain(created.id);

    // The same queries as the owner's county do see it, so the checks above are not vacuous.
    const own = await sg.query<{ _entities: Array<{ id?: string } | null> }>(ENTITIES, {
      r: [{ __typename: 'CollectiveOrganisation', id: created.id }],
    });
    expect(own.data!._entities[0]!.id).toBe(created.id);
  });

  it('refuses a list for a malformed region code or page size', async () => {
    const bad = await sg.query(LIST, { code: '52x' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const tooMany = await sg.query(LIST, { code: '520201', first: 501 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await sg.query(LIST, { code: '520201', after: 'garbage' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('resolves references in one statement per batch', async () => {
    const a = await create({ name: '批量甲合作社', regionCode: community, foundedOn: '2021-01-01' });
    const b = await create({ name: '批量乙合作社', regionCode: otherCommunity, foundedOn: '2021-01-01' });
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{ _entities: Array<{ id: string; name: string } | null> }>(ENTITIES, {
      r: [a.id, b.id, '00000000-0000-4000-8000-00000000ffff', 'not-a-uuid'].map((id) => ({ __typename: 'CollectiveOrganisation', id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => e?.name ?? null)).toEqual(['批量甲合作社', '批量乙合作社', null, null]);
    expect(counter.count - before).toBe(1);

    const regions = queryCounterOf(sg.dataSource).count;
    const viaRegions = await sg.query<{ _entities: Array<{ collectiveOrganisations: Page<Organisation> }> }>(ENTITIES, {
      r: [community, otherCommunity, street].map((code) => ({ __typename: 'Region', code })),
      first: 500,
    });
    expect(viaRegions.errors).toBeUndefined();
    expect(nodes(viaRegions.data!._entities[2]!.collectiveOrganisations).map((o) => o.name)).toEqual(
      expect.arrayContaining(['批量甲合作社', '批量乙合作社']),
    );
    expect(counter.count - regions).toBe(1);
  });
});

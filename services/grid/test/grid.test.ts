import { queryCounterOf } from '@gg/shared';
import { pendingSchemaChanges, startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { Grid } from '../src/grid/grid.entity';
import { gridService } from '../src/service';
import { nodes, registerCommunities, type Page } from './fixtures';

const GRID_FIELDS = 'id code name kind dedicatedType householdCount serviceRadiusMinutes region { code } createdAt';
const CREATE = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { ${GRID_FIELDS} } }`;
const BY_ID = `query ($id: ID!) { grid(id: $id) { ${GRID_FIELDS} } }`;
const LIST = `query ($regionCode: ID!, $first: Int, $after: String) {
  grids(regionCode: $regionCode, first: $first, after: $after) { edges { cursor node { id code } } pageInfo { hasNextPage endCursor } totalCount }
}`;
const REGION_GRIDS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code grids { edges { node { id code } } } } } }`;
const GRID_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { id code } } }`;

interface GridResult {
  id: string;
  code: string;
  name: string;
  kind: string;
  dedicatedType: string | null;
  householdCount: number | null;
  serviceRadiusMinutes: number | null;
  region: { code: string };
  createdAt: string;
}

/** A unified code no other test run has used. */
function freshCode(prefix = 'T'): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

describe('grid subgraph', () => {
  let sg: TestSubgraph;
  let community: string;
  let neighbour: string;

  async function create(input: Record<string, unknown>, identity = testIdentity()): Promise<GridResult> {
    const result = await sg.query<{ createGrid: GridResult }>(CREATE, { input }, identity);
    expect(result.errors).toBeUndefined();
    return result.data!.createGrid;
  }

  // Grids under this file's street (and the one Tongzi community a test aims at): other test files
  // write grids elsewhere at the same time, so a whole-table count would not be this test's.
  const countGrids = () =>
    sg.dataSource
      .getRepository(Grid)
      .createQueryBuilder('g')
      .where('g.region_code LIKE :street OR g.region_code = :tongzi', { street: `${community.slice(0, 9)}%`, tongzi: '520322001001' })
      .getCount();

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    [community, neighbour] = (await registerCommunities(sg)).communities as [string, string];
  });
  afterAll(() => sg.stop());

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('creates a grid and reads it back by id, in the list and through the Region field', async () => {
    const code = freshCode();
    const created = await create({
      code,
      name: '测试社区第一网格',
      kind: 'COMPREHENSIVE',
      regionCode: community,
      households: 268,
      serviceRadiusMinutes: 15,
    });
    expect(created).toMatchObject({
      code,
      name: '测试社区第一网格',
      kind: 'COMPREHENSIVE',
      dedicatedType: null,
      householdCount: 268,
      serviceRadiusMinutes: 15,
      region: { code: community },
    });
    expect(new Date(created.createdAt).getTime()).not.toBeNaN();

    const stored = await sg.dataSource.getRepository(Grid).findOneByOrFail({ id: created.id });
    expect(stored.countyCode).toBe('520201');

    const byId = await sg.query<{ grid: GridResult }>(BY_ID, { id: created.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.grid).toEqual(created);

    const list = await sg.query<{ grids: Page<{ id: string }> }>(LIST, { regionCode: community });
    expect(nodes(list.data!.grids).map((g) => g.id)).toContain(created.id);

    const street = community.slice(0, 9);
    const viaRegion = await sg.query<{ _entities: Array<{ code: string; grids: Page<{ id: string }> }> }>(REGION_GRIDS, {
      r: [community, street, neighbour].map((code) => ({ __typename: 'Region', code })),
    });
    expect(viaRegion.errors).toBeUndefined();
    const [inCommunity, inStreet, inNeighbour] = viaRegion.data!._entities;
    expect(nodes(inCommunity!.grids).map((g) => g.id)).toContain(created.id);
    expect(nodes(inStreet!.grids).map((g) => g.id)).toContain(created.id);
    expect(nodes(inNeighbour!.grids).map((g) => g.id)).not.toContain(created.id);
  });

  it('creates a dedicated grid with its type', async () => {
    const created = await create({
      code: freshCode('ZS'),
      name: '测试社区商务楼宇专属网格',
      kind: 'DEDICATED',
      dedicatedType: 'BUSINESS_BUILDING',
      regionCode: community,
    });
    expect(created).toMatchObject({
      kind: 'DEDICATED',
      dedicatedType: 'BUSINESS_BUILDING',
      householdCount: null,
      serviceRadiusMinutes: null,
    });
  });

  it('lists grids ordered by code, up to first', async () => {
    const [region] = (await registerCommunities(sg, '520201', 1)).communities as [string];
    const stem = freshCode('ORD');
    for (const suffix of ['C', 'A', 'B'])
      await create({ code: `${stem}-${suffix}`, name: `排序网格${suffix}`, kind: 'COMPREHENSIVE', regionCode: region });
    const all = await sg.query<{ grids: Page<{ code: string }> }>(LIST, { regionCode: region });
    expect(nodes(all.data!.grids).map((g) => g.code)).toEqual([`${stem}-A`, `${stem}-B`, `${stem}-C`]);
    const two = await sg.query<{ grids: Page<{ code: string }> }>(LIST, { regionCode: region, first: 2 });
    expect(nodes(two.data!.grids).map((g) => g.code)).toEqual([`${stem}-A`, `${stem}-B`]);
    const viaRegion = await sg.query<{ _entities: Array<{ grids: Page<{ code: string }> }> }>(REGION_GRIDS, {
      r: [{ __typename: 'Region', code: region }],
    });
    expect(nodes(viaRegion.data!._entities[0]!.grids).map((g) => g.code)).toEqual([`${stem}-A`, `${stem}-B`, `${stem}-C`]);
  });

  it('refuses bad list arguments with the argument named', async () => {
    const badCode = await sg.query(LIST, { regionCode: '52x' });
    expect(badCode.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const badFirst = await sg.query(LIST, { regionCode: '520201', first: 0 });
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses invalid input with the field named and writes nothing', async () => {
    const valid = { code: freshCode(), name: '校验网格', kind: 'COMPREHENSIVE', regionCode: community };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, code: 'mh-01' }, 'input.code'],
      [{ ...valid, code: 'X'.repeat(33) }, 'input.code'],
      [{ ...valid, name: '网' }, 'input.name'],
      [{ ...valid, kind: 'DEDICATED' }, 'input.dedicatedType'],
      [{ ...valid, dedicatedType: 'MARKET' }, 'input.dedicatedType'],
      [{ ...valid, regionCode: community.slice(0, 9) }, 'input.regionCode'],
      [{ ...valid, households: 5001 }, 'input.households'],
      [{ ...valid, households: -1 }, 'input.households'],
      [{ ...valid, serviceRadiusMinutes: 20 }, 'input.serviceRadiusMinutes'],
    ];
    const before = await countGrids();
    for (const [input, field] of cases) {
      const result = await sg.query(CREATE, { input });
      expect({ field, extensions: result.errors?.[0]?.extensions }).toMatchObject({ field, extensions: { code: 'BAD_USER_INPUT', field } });
    }
    expect(await countGrids()).toBe(before);
  });

  it('refuses a second grid with the same code in the county, allows it in another county', async () => {
    const code = freshCode('DUP');
    await create({ code, name: '重复代码网格一', kind: 'COMPREHENSIVE', regionCode: community });
    const before = await countGrids();
    const duplicate = await sg.query(CREATE, { input: { code, name: '重复代码网格二', kind: 'COMPREHENSIVE', regionCode: neighbour } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    expect(await countGrids()).toBe(before);

    const [tongzi] = (await registerCommunities(sg, '520322', 1)).communities as [string];
    const elsewhere = await create(
      { code, name: '桐梓同码网格', kind: 'COMPREHENSIVE', regionCode: tongzi },
      testIdentity({ regionScopes: ['520322'] }),
    );
    expect(elsewhere.code).toBe(code);
  });

  it('refuses a write outside the caller scope and a role that may not write', async () => {
    const before = await countGrids();
    const outside = await sg.query(CREATE, {
      input: { code: freshCode(), name: '桐梓越权网格', kind: 'COMPREHENSIVE', regionCode: '520322001001' },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const resident = await sg.query(
      CREATE,
      { input: { code: freshCode(), name: '居民建的网格', kind: 'COMPREHENSIVE', regionCode: community } },
      testIdentity({ roles: ['RESIDENT'] }),
    );
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countGrids()).toBe(before);
  });

  it('hides a grid from a caller scoped to another county', async () => {
    const grid = await create({ code: freshCode(), name: '钟山可见网格', kind: 'COMPREHENSIVE', regionCode: community });
    const tongzi = testIdentity({ regionScopes: ['520322'] });

    const byId = await sg.query<{ grid: GridResult | null }>(BY_ID, { id: grid.id }, tongzi);
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.grid).toBeNull();

    const list = await sg.query<{ grids: Page<{ id: string }> }>(LIST, { regionCode: '520201' }, tongzi);
    expect(list.errors).toBeUndefined();
    expect(nodes(list.data!.grids)).toEqual([]);

    const entities = await sg.query<{ _entities: Array<{ id: string } | null> }>(
      GRID_ENTITIES,
      { r: [{ __typename: 'Grid', id: grid.id }] },
      tongzi,
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([null]);

    const viaRegion = await sg.query<{ _entities: Array<{ grids: Page<{ id: string }> }> }>(
      REGION_GRIDS,
      { r: [{ __typename: 'Region', code: community }] },
      tongzi,
    );
    expect(nodes(viaRegion.data!._entities[0]!.grids)).toEqual([]);

    // The same grid stays visible to its own county, so the nulls above come from the scope.
    const own = await sg.query<{ _entities: Array<{ id: string } | null> }>(GRID_ENTITIES, { r: [{ __typename: 'Grid', id: grid.id }] });
    expect(own.data!._entities).toEqual([{ id: grid.id, code: grid.code }]);
  });

  it('resolves grid references in one statement per batch', async () => {
    const grids = [];
    for (const n of [1, 2, 3])
      grids.push(await create({ code: freshCode(), name: `批量网格${n}`, kind: 'COMPREHENSIVE', regionCode: community }));
    const missing = randomUUID();
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{ _entities: Array<{ id: string; code: string } | null> }>(GRID_ENTITIES, {
      r: [...grids.map((g) => g.id), missing, 'not-a-uuid'].map((id) => ({ __typename: 'Grid', id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([...grids.map((g) => ({ id: g.id, code: g.code })), null, null]);
    expect(counter.count - before).toBe(1);
  });

  it('resolves the grids of several regions in one statement', async () => {
    await create({ code: freshCode(), name: '邻居社区网格', kind: 'COMPREHENSIVE', regionCode: neighbour });
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{ _entities: Array<{ code: string; grids: Page<{ id: string }> }> }>(REGION_GRIDS, {
      r: [community, neighbour, community.slice(0, 9), '520201'].map((code) => ({ __typename: 'Region', code })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.every((r) => r.grids.edges.length > 0)).toBe(true);
    expect(counter.count - before).toBe(1);
  });
});

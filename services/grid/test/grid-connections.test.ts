import type { Identity, SubgraphContext } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { reportCase } from '../src/case/case.commands';
import { seedGridDemo, ZHONGSHAN_CASES } from '../src/demo';
import { gridService } from '../src/service';
import { nodes, registerCommunities, type Page } from './fixtures';

const CASES = `query ($regionCode: ID!, $first: Int, $after: String) {
  cases(regionCode: $regionCode, first: $first, after: $after) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }
  }
}`;
const GRIDS = `query ($regionCode: ID!, $first: Int, $after: String) {
  grids(regionCode: $regionCode, first: $first, after: $after) { totalCount edges { node { id code } } pageInfo { hasNextPage endCursor } }
}`;
const REGION_GRIDS = `query ($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on Region { grids(first: $first, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } } }
}`;

/** Every long list pages as a Relay connection, by a unique key, with cursors that hold while records are added. */
describe('grid connections', () => {
  let sg: TestSubgraph;
  const zhongshan = testIdentity({ roles: ['COUNTY_ADMIN'], regionScopes: ['520201'] });

  const contextOf = (identity: Identity): SubgraphContext => ({
    identity,
    dataSource: sg.dataSource,
    operationName: undefined,
    loaders: new Map(),
  });

  async function page<T>(query: string, variables: Record<string, unknown>, identity: Identity = zhongshan): Promise<Page<T>> {
    const result = await sg.query<Record<string, Page<T>>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    await seedGridDemo(sg.dataSource);
  });
  afterAll(() => sg.stop());

  it('walks all 4,695 demo cases of Zhongshan page by page, each exactly once, while new cases arrive between pages', async () => {
    const demo = new Set(
      (
        (await sg.dataSource.query(`SELECT md5('gg-demo-zhongshan-case-' || n)::uuid::text AS id FROM generate_series(1, $1::int) n`, [
          ZHONGSHAN_CASES.collected,
        ])) as Array<{ id: string }>
      ).map((r) => r.id),
    );
    // New cases go to a grid of their own in Zhongshan: the demo community keeps exactly its published figures.
    const [community] = (await registerCommunities(sg, '520201', 1)).communities as [string];
    const created = await sg.query<{ createGrid: { id: string } }>(
      `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }`,
      {
        input: { code: `PC-${randomUUID().slice(0, 8).toUpperCase()}`, name: '翻页案件网格', kind: 'COMPREHENSIVE', regionCode: community },
      },
    );
    const gridId = created.data!.createGrid.id;
    const reporter = testIdentity({ roles: ['RESIDENT'], regionScopes: [community] });
    const report = (at: Date) =>
      reportCase.execute(
        contextOf(reporter),
        { gridId, channel: 'MINI_PROGRAM', category: '翻页测试', description: '翻页期间新上报的案件', severity: 'SMALL' },
        at,
      );
    const seen = new Map<string, number>();
    const addedBehind: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const current: Page<{ id: string }> = await page(CASES, { regionCode: '520201', first: 500, after });
      for (const { id } of nodes(current)) seen.set(id, (seen.get(id) ?? 0) + 1);
      pages += 1;
      expect(current.totalCount).toBeGreaterThanOrEqual(ZHONGSHAN_CASES.collected);
      // New cases meanwhile: one newest of all (before the cursor: never shown on a later page, never
      // shifting one) and one older than every demo case (after the cursor: shown once, at the end).
      await report(new Date());
      addedBehind.push((await report(new Date(`2024-12-${String(pages).padStart(2, '0')}T08:00:00+08:00`))).id);
      after = current.pageInfo!.hasNextPage ? current.pageInfo!.endCursor : null;
    } while (after);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(ZHONGSHAN_CASES.collected / 500));
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect([...demo].filter((id) => seen.get(id) !== 1)).toEqual([]);
    // Each case added behind the cursor appears once; the last one came after the last page.
    expect(addedBehind.slice(0, -1).map((id) => seen.get(id))).toEqual(addedBehind.slice(0, -1).map(() => 1));
  }, 120_000);

  it('pages grids by code, and Region.grids the same way', async () => {
    const { communities } = await registerCommunities(sg, '520201', 1);
    const community = communities[0]!;
    const stem = `PG-${randomUUID().slice(0, 6).toUpperCase()}`;
    for (const n of [5, 3, 1, 4, 2])
      await sg.query(`mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }`, {
        input: { code: `${stem}-${n}`, name: `翻页网格${n}`, kind: 'COMPREHENSIVE', regionCode: community },
      });
    const codes: string[] = [];
    let after: string | null = null;
    do {
      const current: Page<{ code: string }> = await page(GRIDS, { regionCode: community, first: 2, after });
      expect(current.totalCount).toBe(5);
      codes.push(...nodes(current).map((g) => g.code));
      after = current.pageInfo!.hasNextPage ? current.pageInfo!.endCursor : null;
    } while (after);
    expect(codes).toEqual([1, 2, 3, 4, 5].map((n) => `${stem}-${n}`));

    const first = await sg.query<{ _entities: Array<{ grids: Page<{ code: string }> }> }>(
      REGION_GRIDS,
      { r: [{ __typename: 'Region', code: community }], first: 3 },
      zhongshan,
    );
    const rest = await sg.query<{ _entities: Array<{ grids: Page<{ code: string }> }> }>(
      REGION_GRIDS,
      { r: [{ __typename: 'Region', code: community }], first: 3, after: first.data!._entities[0]!.grids.pageInfo!.endCursor },
      zhongshan,
    );
    expect([...nodes(first.data!._entities[0]!.grids), ...nodes(rest.data!._entities[0]!.grids)].map((g) => g.code)).toEqual(codes);
    expect(rest.data!._entities[0]!.grids.pageInfo!.hasNextPage).toBe(false);
  });

  it('refuses a cursor that this list did not make', async () => {
    const result = await sg.query(CASES, { regionCode: '520201', after: 'not-a-cursor' }, zhongshan);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

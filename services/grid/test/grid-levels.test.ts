import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { Identity } from '@gg/shared';
import { randomInt, randomUUID } from 'node:crypto';
import { gridService } from '../src/service';
import { registerCommunities } from './fixtures';

const CREATE = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id level regionCode: region { code } parent { id } } }`;
const CONFIGURE = `mutation ($input: ConfigureGridLevelsInput!) { configureGridLevels(input: $input) { countyCode isDefault levels { level name regionLevels } } }`;
const CONFIGURATION = `query ($c: ID!) { gridLevelConfiguration(countyCode: $c) { countyCode isDefault levels { level name regionLevels } } }`;
const MERGE = 'mutation ($input: MergeGridsInput!) { mergeGrids(input: $input) { id level region { code } } }';
const SPLIT = 'mutation ($input: SplitGridInput!) { splitGrid(input: $input) { id level region { code } } }';

/** Jianhu's three levels: street grids at a street, then community and unit grids inside communities. */
const JIANHU = [
  { level: 1, name: '街道网格', regionLevels: ['STREET'] },
  { level: 2, name: '社区网格', regionLevels: ['COMMUNITY'] },
  { level: 3, name: '单元网格', regionLevels: ['COMMUNITY'] },
];

interface Created {
  id: string;
  level: number;
  regionCode: { code: string };
  parent: { id: string } | null;
}

const code = () => `L-${randomUUID().slice(0, 8).toUpperCase()}`;

describe("grid levels come from the county's configuration", () => {
  let sg: TestSubgraph;

  async function ok<T>(query: string, variables: Record<string, unknown>, identity: Identity): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  async function fails(query: string, variables: Record<string, unknown>, identity: Identity) {
    const result = await sg.query(query, variables, identity);
    expect(result.data?.[Object.keys(result.data ?? {})[0]!] ?? null).toBeNull();
    return result.errors?.[0]?.extensions;
  }
  /** A made-up county of its own (its own settings), with one street of two communities. */
  async function county(): Promise<{ county: string; street: string; communities: string[]; admin: Identity }> {
    const countyCode = `59${String(randomInt(1000, 10000))}`;
    const { street, communities } = await registerCommunities(sg, countyCode, 2);
    return { county: countyCode, street, communities, admin: testIdentity({ regionScopes: [countyCode] }) };
  }
  const gridInput = (regionCode: string, extra: Record<string, unknown> = {}) => ({
    input: { code: code(), name: '层级测试网格', kind: 'COMPREHENSIVE', regionCode, ...extra },
  });

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
  });
  afterAll(() => sg.stop());

  it("keeps Tongzi's big, medium, small and micro grids inside communities by default, and no street grid", async () => {
    const c = await county();
    expect(await ok(CONFIGURATION, { c: c.county }, c.admin)).toMatchObject({
      isDefault: true,
      levels: [
        { level: 1, name: '大网格', regionLevels: ['COMMUNITY'] },
        { level: 2, name: '中网格' },
        { level: 3, name: '小网格' },
        { level: 4, name: '微网格' },
      ],
    });
    let parent: Created | null = null;
    for (const level of [1, 2, 3, 4]) {
      const created: Created = await ok<Created>(CREATE, gridInput(c.communities[0]!, parent ? { parentId: parent.id } : {}), c.admin);
      expect(created.level).toBe(level);
      parent = created;
    }
    // Nothing below a micro grid, and no grid at a street, unless the county says so.
    expect(await fails(CREATE, gridInput(c.communities[0]!, { parentId: parent!.id }), c.admin)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
    });
    expect(await fails(CREATE, gridInput(c.street), c.admin)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
  });

  it('lets Jianhu draw street-level grids at a street, community grids under them, and merge or split them', async () => {
    const c = await county();
    expect(await ok(CONFIGURE, { input: { countyCode: c.county, levels: JIANHU } }, c.admin)).toMatchObject({
      countyCode: c.county,
      isDefault: false,
      levels: JIANHU,
    });
    expect(await ok(CONFIGURATION, { c: c.county }, c.admin)).toMatchObject({ isDefault: false, levels: JIANHU });

    const streetGrid = await ok<Created>(CREATE, gridInput(c.street), c.admin);
    expect(streetGrid).toMatchObject({ level: 1, regionCode: { code: c.street }, parent: null });
    const communityGrid = await ok<Created>(CREATE, gridInput(c.communities[0]!, { parentId: streetGrid.id }), c.admin);
    expect(communityGrid).toMatchObject({ level: 2, parent: { id: streetGrid.id } });
    const unitGrid = await ok<Created>(CREATE, gridInput(c.communities[0]!, { parentId: communityGrid.id }), c.admin);
    expect(unitGrid.level).toBe(3);

    // A street level sits at a street, the others in communities, and there is no fourth level.
    expect(await fails(CREATE, gridInput(c.communities[1]!), c.admin)).toMatchObject({ field: 'input.regionCode' });
    expect(await fails(CREATE, gridInput(c.street, { level: 2, parentId: streetGrid.id }), c.admin)).toMatchObject({
      field: 'input.regionCode',
    });
    expect(await fails(CREATE, gridInput(c.communities[0]!, { level: 4, parentId: unitGrid.id }), c.admin)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.level',
    });
    expect(await fails(CREATE, gridInput(c.communities[0]!, { parentId: unitGrid.id }), c.admin)).toMatchObject({
      field: 'input.parentId',
    });

    // Street grids merge and split at their street.
    const other = await ok<Created>(CREATE, gridInput(c.street), c.admin);
    const merged = await ok<Created & { region: { code: string } }>(
      MERGE,
      { input: { gridIds: [streetGrid.id, other.id], code: code(), name: '合并街道网格', reason: '街道网格调整' } },
      c.admin,
    );
    expect(merged).toMatchObject({ level: 1, region: { code: c.street } });
    const parts = await ok<Array<{ level: number; region: { code: string } }>>(
      SPLIT,
      {
        input: {
          gridId: merged.id,
          reason: '街道网格拆分',
          parts: [
            { code: code(), name: '拆分一' },
            { code: code(), name: '拆分二' },
          ],
        },
      },
      c.admin,
    );
    expect(parts).toEqual([
      expect.objectContaining({ level: 1, region: { code: c.street } }),
      expect.objectContaining({ level: 1, region: { code: c.street } }),
    ]);

    // Going back to the default would leave the street grids nowhere: refused while they are active.
    const back = JIANHU.map((l) => ({ ...l, regionLevels: ['COMMUNITY'] }));
    expect(await fails(CONFIGURE, { input: { countyCode: c.county, levels: back } }, c.admin)).toMatchObject({
      code: 'CONFLICT',
      field: 'input.levels',
    });
    expect(await ok(CONFIGURATION, { c: c.county }, c.admin)).toMatchObject({ levels: JIANHU });
  });

  it('refuses levels with gaps, other callers, and counties out of scope', async () => {
    const c = await county();
    const gap = [JIANHU[0], { ...JIANHU[2]! }];
    expect(await fails(CONFIGURE, { input: { countyCode: c.county, levels: gap } }, c.admin)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.levels.1.level',
    });
    const streetStaff = testIdentity({ roles: ['STREET_STAFF'], regionScopes: [c.street] });
    expect(await fails(CONFIGURE, { input: { countyCode: c.county, levels: JIANHU } }, streetStaff)).toMatchObject({ code: 'FORBIDDEN' });
    // Street staff work under their county's levels, so they read them; another county's admin does not.
    expect(await ok(CONFIGURATION, { c: c.county }, streetStaff)).toMatchObject({ isDefault: true });
    const elsewhere = testIdentity({ regionScopes: ['520322'] });
    expect(await ok(CONFIGURATION, { c: c.county }, elsewhere)).toBeNull();
    expect(await fails(CONFIGURE, { input: { countyCode: c.county, levels: JIANHU } }, elsewhere)).toMatchObject({ code: 'FORBIDDEN' });
  });
});

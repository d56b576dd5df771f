import { queryCounterOf } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt } from 'node:crypto';
import { Region } from '../src/region/region.entity';
import { organisationService } from '../src/service';
import { knownGrid, knownHouseholds, seedStreet, uuid } from './helpers';

const CREATE = `mutation ($input: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $input) { id level kind parent { id } } }`;
const MOVE = `mutation ($input: MovePartyOrganisationInput!) { movePartyOrganisation(input: $input) { id parent { id } } }`;

type Created = { createPartyOrganisation: { id: string } };

describe('the Party chain', () => {
  let sg: TestSubgraph;
  const admin = (scope: string) => testIdentity({ regionScopes: [scope] });

  async function create(input: Record<string, unknown>, identity = admin(String(input.regionCode).slice(0, 6))): Promise<string> {
    const result = await sg.query<Created>(CREATE, { input }, identity);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.createPartyOrganisation.id;
  }
  async function refused(input: Record<string, unknown>) {
    const result = await sg.query(CREATE, { input }, admin(String(input.regionCode).slice(0, 6)));
    return result.errors?.[0]?.extensions;
  }

  /** A street working committee, a community organisation and a grid branch in a county. */
  async function chainIn(county: string) {
    const { street, community, community2 } = await seedStreet(sg, county);
    const top = await create({ name: '街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    const comm = await create({ name: '社区党委', level: 'COMMUNITY', regionCode: community, parentId: top });
    const branch = await create({
      name: '网格党支部',
      level: 'GRID_BRANCH',
      regionCode: community,
      parentId: comm,
      gridId: await knownGrid(sg, community),
    });
    return { street, community, community2, top, comm, branch };
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(organisationService);
  });
  afterAll(() => sg.stop());

  it('follows each county shape: five levels (Sansui), four (Zhongshan), three (Jianhu)', async () => {
    const sansui = await chainIn('522624');
    const group = await create({ name: '1栋党小组', level: 'BUILDING_GROUP', regionCode: sansui.community, parentId: sansui.branch });
    await create({ name: '党员中心户张家', level: 'CENTRAL_HOUSEHOLD', regionCode: sansui.community, parentId: group });
    expect(
      await refused({ name: '越级中心户', level: 'CENTRAL_HOUSEHOLD', regionCode: sansui.community, parentId: sansui.branch }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
      rule: 'PARENT_LEVEL',
    });

    const zhongshan = await chainIn('520201');
    await create({ name: '党员中心户李家', level: 'CENTRAL_HOUSEHOLD', regionCode: zhongshan.community, parentId: zhongshan.branch });
    expect(
      await refused({ name: '楼栋党小组', level: 'BUILDING_GROUP', regionCode: zhongshan.community, parentId: zhongshan.branch }),
    ).toMatchObject({
      field: 'input.level',
      rule: 'LEVEL_NOT_IN_CHAIN',
    });

    const jianhu = await chainIn('320925');
    expect(
      await refused({ name: '中心户', level: 'CENTRAL_HOUSEHOLD', regionCode: jianhu.community, parentId: jianhu.branch }),
    ).toMatchObject({
      rule: 'LEVEL_NOT_IN_CHAIN',
    });
    // A functional branch may attach to the street directly (outside the strict chain); a regular one may not.
    await create({ name: '功能型党支部', level: 'GRID_BRANCH', kind: 'FUNCTIONAL', regionCode: jianhu.community, parentId: jianhu.top });
    expect(await refused({ name: '小区党支部', level: 'GRID_BRANCH', regionCode: jianhu.community, parentId: jianhu.top })).toMatchObject({
      rule: 'PARENT_LEVEL',
    });
  });

  it('refuses a region outside the parent, a grid on the wrong level, a county-less region', async () => {
    const c = await chainIn('520201');
    expect(await refused({ name: '别社区支部', level: 'GRID_BRANCH', regionCode: c.community2, parentId: c.comm })).toMatchObject({
      rule: 'REGION_OUTSIDE_PARENT',
    });
    expect(
      await refused({ name: '社区党委二', level: 'COMMUNITY', regionCode: c.community, parentId: c.top, gridId: uuid() }),
    ).toMatchObject({
      field: 'input.gridId',
    });
    expect(
      await refused({ name: '网格党支部', level: 'GRID_BRANCH', regionCode: c.community, parentId: c.comm, gridId: 'grid-7' }),
    ).toMatchObject({
      field: 'input.gridId',
    });
  });

  it('moves a subtree in one go and refuses a cycle', async () => {
    const c = await chainIn('520201');
    const household = await create({ name: '中心户', level: 'CENTRAL_HOUSEHOLD', regionCode: c.community, parentId: c.branch });
    const comm2 = await create({ name: '社区党委二', level: 'COMMUNITY', regionCode: c.community, parentId: c.top });
    const moved = await sg.query(MOVE, { input: { id: c.branch, parentId: comm2 } });
    expect(moved.errors).toBeUndefined();
    const tree = await sg.query<{ partyOrganisation: { descendants: { edges: Array<{ node: { id: string } }> } } }>(
      'query ($id: ID!) { partyOrganisation(id: $id) { descendants { edges { node { id } } } } }',
      { id: comm2 },
    );
    expect(tree.data!.partyOrganisation.descendants.edges.map((d) => d.node.id)).toEqual([c.branch, household]);

    const cycle = await sg.query(MOVE, { input: { id: c.comm, parentId: c.comm } });
    expect(cycle.errors?.[0]?.extensions).toMatchObject({ rule: 'CYCLE' });
    // A top committee cannot go under its own grandchild: a cycle, whatever the levels.
    const deep = await sg.query(MOVE, { input: { id: c.top, parentId: household } });
    expect(deep.errors?.[0]?.extensions).toMatchObject({ rule: 'CYCLE' });
    const wrongLevel = await sg.query(MOVE, { input: { id: household, parentId: comm2 } });
    expect(wrongLevel.errors?.[0]?.extensions).toMatchObject({ rule: 'PARENT_LEVEL' });
    const outside = await sg.query(MOVE, { input: { id: household, parentId: c.branch } }, testIdentity({ regionScopes: ['520322'] }));
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts a subtree per level and lists it in one statement per batch, scoped', async () => {
    const c = await chainIn('520201');
    await create({ name: '中心户一', level: 'CENTRAL_HOUSEHOLD', regionCode: c.community, parentId: c.branch });
    await create({ name: '中心户二', level: 'CENTRAL_HOUSEHOLD', regionCode: c.community, parentId: c.branch });
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{
      partyOrganisation: {
        subtreeCounts: Array<{ level: string; count: number }>;
        children: Array<{ subtreeCounts: Array<{ count: number }> }>;
      };
    }>(
      'query ($id: ID!) { partyOrganisation(id: $id) { subtreeCounts { level count } children { subtreeCounts { count } descendants { edges { node { id } } } } } }',
      { id: c.top },
    );
    expect(result.errors).toBeUndefined();
    const counts = Object.fromEntries(result.data!.partyOrganisation.subtreeCounts.map((x) => [x.level, x.count]));
    expect(counts).toEqual({ STREET_WORKING_COMMITTEE: 0, COMMUNITY: 1, GRID_BRANCH: 1, BUILDING_GROUP: 0, CENTRAL_HOUSEHOLD: 2 });
    // The organisation, its counts, its children, then the children's counts and descendants: one
    // statement each, however many children there are.
    expect(counter.count - before).toBe(5);
    // A community's staff see their own community's part only.
    const other = await sg.query<{ partyOrganisation: { subtreeCounts: Array<{ count: number }> } | null }>(
      'query ($id: ID!) { partyOrganisation(id: $id) { subtreeCounts { count } } }',
      { id: c.top },
      testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [c.community2] }),
    );
    expect(other.data!.partyOrganisation).toBeNull();
  });

  describe('configuration', () => {
    let county: string;
    const CONFIGURE = `mutation ($input: ConfigurePartyChainInput!) {
      configurePartyChain(input: $input) { applied configuration { isDefault links { level parentLevels } } violations { rule organisation { id } } }
    }`;
    const FOUR = [
      { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
      { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
      { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
      { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['GRID_BRANCH'] },
    ];

    beforeAll(async () => {
      // A county of its own, so changing its chain disturbs no other test.
      county = `5203${randomInt(50, 100)}`;
      await sg.dataSource.getRepository(Region).upsert({ code: county, name: '测试县', level: 'COUNTY', parentCode: '5203' }, ['code']);
    });

    it('defaults to five levels, and refuses a change that would leave organisations invalid', async () => {
      const read = await sg.query<{ partyChainConfiguration: { isDefault: boolean; links: unknown[] } }>(
        'query ($c: ID!) { partyChainConfiguration(countyCode: $c) { isDefault links { level } } }',
        { c: county },
        admin(county),
      );
      expect(read.data!.partyChainConfiguration).toMatchObject({ isDefault: true });
      expect(read.data!.partyChainConfiguration.links).toHaveLength(5);

      const c = await chainIn(county);
      const group = await create({ name: '楼栋党小组', level: 'BUILDING_GROUP', regionCode: c.community, parentId: c.branch });
      const dry = await sg.query<{
        configurePartyChain: { applied: boolean; violations: Array<{ rule: string; organisation: { id: string } }> };
      }>(CONFIGURE, { input: { countyCode: county, links: FOUR, dryRun: true } }, admin(county));
      expect(dry.data!.configurePartyChain).toMatchObject({
        applied: false,
        violations: [{ rule: 'LEVEL_NOT_IN_CHAIN', organisation: { id: group } }],
      });
      const refusedChange = await sg.query(CONFIGURE, { input: { countyCode: county, links: FOUR } }, admin(county));
      expect(refusedChange.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.links' });
      expect(refusedChange.errors?.[0]?.message).toContain('楼栋党小组');
      const still = await sg.query<{ partyChainConfiguration: { isDefault: boolean } }>(
        'query ($c: ID!) { partyChainConfiguration(countyCode: $c) { isDefault } }',
        { c: county },
        admin(county),
      );
      expect(still.data!.partyChainConfiguration.isDefault).toBe(true);

      // Move the group's work away (here: dissolve by moving nothing; the group is the only breaker), then apply.
      await sg.dataSource.query(`DELETE FROM organisation.party_organisation WHERE id = $1`, [group]);
      const applied = await sg.query<{ configurePartyChain: { applied: boolean } }>(
        CONFIGURE,
        { input: { countyCode: county, links: FOUR } },
        admin(county),
      );
      expect(applied.data!.configurePartyChain.applied).toBe(true);
      expect(await refused({ name: '新楼栋党小组', level: 'BUILDING_GROUP', regionCode: c.community, parentId: c.branch })).toMatchObject({
        rule: 'LEVEL_NOT_IN_CHAIN',
      });
    });

    it('is a county decision: street staff and other counties are refused, bad chains named', async () => {
      const street = await sg.query(
        CONFIGURE,
        { input: { countyCode: county, links: FOUR } },
        testIdentity({ roles: ['STREET_STAFF'], regionScopes: [county] }),
      );
      expect(street.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const other = await sg.query(CONFIGURE, { input: { countyCode: county, links: FOUR } }, admin('520322'));
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const bad = await sg.query(
        CONFIGURE,
        {
          input: {
            countyCode: county,
            links: [
              { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
              { level: 'COMMUNITY', parentLevels: ['GRID_BRANCH'] },
            ],
          },
        },
        admin(county),
      );
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.links.1.parentLevels.0' });
    });
  });

  describe('temporary branches and central households', () => {
    it('activates with a reason, dissolves after, and takes no children once dissolved', async () => {
      const c = await chainIn('520201');
      expect(
        await refused({ name: '防汛临时党支部', level: 'GRID_BRANCH', kind: 'TEMPORARY', regionCode: c.community, parentId: c.comm }),
      ).toMatchObject({
        field: 'input.activation',
      });
      const branch = await create({
        name: '防汛临时党支部',
        level: 'GRID_BRANCH',
        kind: 'TEMPORARY',
        regionCode: c.community,
        parentId: c.comm,
        activation: { reason: '防汛抢险', activatedOn: '2026-06-20' },
      });
      const DISSOLVE = `mutation ($input: DissolveTemporaryBranchInput!) { dissolveTemporaryBranch(input: $input) { temporary { active dissolvedOn reason } } }`;
      const early = await sg.query(DISSOLVE, { input: { id: branch, dissolvedOn: '2026-06-01' } });
      expect(early.errors?.[0]?.extensions).toMatchObject({ field: 'input.dissolvedOn' });
      const done = await sg.query<{ dissolveTemporaryBranch: { temporary: object } }>(DISSOLVE, {
        input: { id: branch, dissolvedOn: '2026-07-10', note: '汛期结束' },
      });
      expect(done.data!.dissolveTemporaryBranch.temporary).toEqual({ active: false, dissolvedOn: '2026-07-10', reason: '防汛抢险' });
      const again = await sg.query(DISSOLVE, { input: { id: branch, dissolvedOn: '2026-07-11' } });
      expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const regular = await sg.query(DISSOLVE, { input: { id: c.branch, dissolvedOn: '2026-07-11' } });
      expect(regular.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await refused({ name: '中心户', level: 'CENTRAL_HOUSEHOLD', regionCode: c.community, parentId: branch })).toMatchObject({
        rule: 'PARENT_DISSOLVED',
      });
    });

    it('links at most 30 households, each to one central household', async () => {
      const c = await chainIn('520201');
      const first = await create({ name: '中心户一', level: 'CENTRAL_HOUSEHOLD', regionCode: c.community, parentId: c.branch });
      const second = await create({ name: '中心户二', level: 'CENTRAL_HOUSEHOLD', regionCode: c.community, parentId: c.branch });
      const LINK = `mutation ($input: LinkCentralHouseholdsInput!) { linkCentralHouseholds(input: $input) { id households { id } } }`;
      const households = await knownHouseholds(sg, c.community, 12);
      const linked = await sg.query<{ linkCentralHouseholds: { households: Array<{ id: string }> } }>(LINK, {
        input: { organisationId: first, householdIds: households },
      });
      expect(linked.data!.linkCentralHouseholds.households).toHaveLength(12);
      const tooMany = await sg.query(LINK, { input: { organisationId: second, householdIds: Array.from({ length: 31 }, () => uuid()) } });
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.householdIds' });
      const taken = await sg.query(LINK, {
        input: { organisationId: second, householdIds: [...(await knownHouseholds(sg, c.community, 1)), households[0]] },
      });
      expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.householdIds' });
      const notCentral = await sg.query(LINK, { input: { organisationId: c.branch, householdIds: [uuid()] } });
      expect(notCentral.errors?.[0]?.extensions).toMatchObject({ field: 'input.organisationId' });
      const read = await sg.query<{ partyOrganisation: { households: unknown[] } }>(
        'query ($id: ID!) { partyOrganisation(id: $id) { households { id } } }',
        { id: second },
      );
      expect(read.data!.partyOrganisation.households).toEqual([]);
    });

    it('records a standardisation result per year, with a title only when passed', async () => {
      const c = await chainIn('520201');
      const ASSESS = `mutation ($input: AssessBranchInput!) { assessBranch(input: $input) { year passed demonstrationLevel } }`;
      expect(
        (await sg.query(ASSESS, { input: { organisationId: c.branch, year: 2025, passed: false, demonstrationLevel: 'DISTRICT' } }))
          .errors?.[0]?.extensions,
      ).toMatchObject({
        field: 'input.demonstrationLevel',
      });
      await sg.query(ASSESS, { input: { organisationId: c.branch, year: 2025, passed: false } });
      await sg.query(ASSESS, { input: { organisationId: c.branch, year: 2025, passed: true, demonstrationLevel: 'MUNICIPAL' } });
      const read = await sg.query<{ partyOrganisation: { assessments: unknown[] } }>(
        'query ($id: ID!) { partyOrganisation(id: $id) { assessments { year passed demonstrationLevel } } }',
        {
          id: c.branch,
        },
      );
      expect(read.data!.partyOrganisation.assessments).toEqual([{ year: 2025, passed: true, demonstrationLevel: 'MUNICIPAL' }]);
    });
  });
});

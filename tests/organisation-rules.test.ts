import { addDays, todayInChina } from '@gg/shared';
import { claimTestStreet } from '@gg/shared/src/testing';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Issue 11's organisation rules, through the gateway: each chain level belongs to regions of its own
 * level, one street working committee per street (also under concurrency), and the configuration
 * check covers region levels; no future dates for temporary branches and liaison visits, no final
 * report of an unfinished year, one joint meeting per body and date; ranked assignment suggestions
 * for a double report.
 */

const COUNTY = '520201'; // 钟山区
const CREATE = 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id level region { code } } }';

type Created = { createPartyOrganisation: { id: string } };

describe('the Party chain through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let street: string;
  let community: string;
  let committeeId: string;

  const create = (input: Record<string, unknown>) => gql<Created>(platform, admin, CREATE, { i: input });

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    ({ street, community } = await seedCommunity(platform, COUNTY, '链条规则测试社区'));
    const committee = await create({ name: '链条规则测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    expect(committee.errors).toBeUndefined();
    committeeId = committee.data!.createPartyOrganisation.id;
  });
  afterAll(() => platform.stop());

  it('puts each chain level in regions of its own level, naming the rule and the region field', async () => {
    for (const [level, regionCode, parentId] of [
      ['STREET_WORKING_COMMITTEE', () => community, undefined],
      ['STREET_WORKING_COMMITTEE', () => COUNTY, undefined],
      ['COMMUNITY', () => street, () => committeeId],
    ] as const) {
      const refused = await create({ name: '错层党组织', level, regionCode: regionCode(), parentId: parentId?.() });
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode', rule: 'REGION_LEVEL' });
    }
    const communityOrganisation = await create({
      name: '链条规则测试社区党委',
      level: 'COMMUNITY',
      regionCode: community,
      parentId: committeeId,
    });
    expect(communityOrganisation.errors).toBeUndefined();
    // An industry committee the county lets attach loosely hangs off the street, at the street (近湖 in the demo data).
    const industry = await create({
      name: '快递物流行业党委',
      level: 'COMMUNITY',
      kind: 'INDUSTRY',
      regionCode: street,
      parentId: committeeId,
    });
    expect(industry.errors).toBeUndefined();
  });

  it('keeps one street working committee per street, even for two creates at once', async () => {
    const second = await create({ name: '第二个街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.regionCode' });

    const fresh = await seedCommunity(platform, COUNTY, '并发测试社区');
    const answers = await Promise.all(
      ['并发街道党工委甲', '并发街道党工委乙'].map((name) => create({ name, level: 'STREET_WORKING_COMMITTEE', regionCode: fresh.street })),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.find((a) => a.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.regionCode' });
    const listed = await gql<{ region: { partyOrganisations: { totalCount: number } } }>(
      platform,
      admin,
      'query ($c: ID!) { region(code: $c) { partyOrganisations { totalCount } } }',
      { c: fresh.street },
    );
    expect(listed.data!.region.partyOrganisations.totalCount).toBe(1);
  });

  it('shows the region levels of the chain and checks a configuration change against them', async () => {
    const shown = await gql<{ partyChainConfiguration: { links: Array<{ level: string; regionLevels: string[] }> } }>(
      platform,
      admin,
      'query ($c: ID!) { partyChainConfiguration(countyCode: $c) { links { level regionLevels } } }',
      { c: COUNTY },
    );
    expect(shown.data!.partyChainConfiguration.links.slice(0, 2)).toEqual([
      { level: 'STREET_WORKING_COMMITTEE', regionLevels: ['STREET'] },
      { level: 'COMMUNITY', regionLevels: ['COMMUNITY'] },
    ]);
    const countyCommittees = {
      countyCode: COUNTY,
      links: [
        { level: 'STREET_WORKING_COMMITTEE', parentLevels: [], regionLevels: ['COUNTY'] },
        { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
        { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
        { level: 'BUILDING_GROUP', parentLevels: ['GRID_BRANCH'] },
        { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['BUILDING_GROUP'] },
      ],
    };
    const CONFIGURE =
      'mutation ($i: ConfigurePartyChainInput!) { configurePartyChain(input: $i) { applied violations { organisation { id } rule } } }';
    const dryRun = await gql<{
      configurePartyChain: { applied: boolean; violations: Array<{ organisation: { id: string }; rule: string }> };
    }>(platform, admin, CONFIGURE, { i: { ...countyCommittees, dryRun: true } });
    expect(dryRun.errors).toBeUndefined();
    expect(dryRun.data!.configurePartyChain.violations).toContainEqual({ organisation: { id: committeeId }, rule: 'REGION_LEVEL' });
    const applied = await gql(platform, admin, CONFIGURE, { i: countyCommittees });
    expect(applied.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.links' });
    const after = await gql<{ partyChainConfiguration: { links: Array<{ level: string; regionLevels: string[] }> } }>(
      platform,
      admin,
      'query ($c: ID!) { partyChainConfiguration(countyCode: $c) { links { level regionLevels } } }',
      { c: COUNTY },
    );
    expect(after.data!.partyChainConfiguration.links[0]).toEqual({ level: 'STREET_WORKING_COMMITTEE', regionLevels: ['STREET'] });
  });
});

describe('dates and yearly records through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let street: string;
  let community: string;
  const tomorrow = () => addDays(todayInChina(new Date()), 1);
  const thisYear = () => Number(todayInChina(new Date()).slice(0, 4));

  async function must<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await gql<T>(platform, admin, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    ({ street, community } = await seedCommunity(platform, COUNTY, '日期规则测试社区'));
  });
  afterAll(() => platform.stop());

  it('refuses a temporary branch activated tomorrow and a liaison visit tomorrow, naming the date', async () => {
    const top = await must<Created>(CREATE, { i: { name: '日期测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street } });
    const temporary = await gql(platform, admin, CREATE, {
      i: {
        name: '明天的临时党支部',
        level: 'COMMUNITY',
        kind: 'TEMPORARY',
        regionCode: community,
        parentId: top.createPartyOrganisation.id,
        activation: { reason: '防汛抢险', activatedOn: tomorrow() },
      },
    });
    expect(temporary.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.activation.activatedOn' });

    const cadre = await must<{ registerCadre: { id: string } }>('mutation ($i: RegisterCadreInput!) { registerCadre(input: $i) { id } }', {
      i: { name: '周日期', post: '社区联系领导', regionCode: community },
    });
    const link = await must<{ linkCadre: { id: string } }>('mutation ($i: LinkCadreInput!) { linkCadre(input: $i) { id } }', {
      i: { cadreId: cadre.registerCadre.id, level: 'COMMUNITY', regionCode: community },
    });
    const RECORD = 'mutation ($i: RecordLiaisonActivityInput!) { recordLiaisonActivity(input: $i) { id occurredOn } }';
    const visit = (occurredOn: string) =>
      gql(platform, admin, RECORD, { i: { linkId: link.linkCadre.id, kind: 'VISIT', occurredOn, note: '走访' } });
    expect((await visit(tomorrow())).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.occurredOn' });
    expect((await visit(todayInChina(new Date()))).errors).toBeUndefined();
  });

  it('compiles the cadre-liaison report of an ended year only', async () => {
    const COMPILE = 'mutation ($c: ID!, $y: Int!) { compileCadreLiaisonReport(regionCode: $c, year: $y) { year cadres } }';
    for (const year of [thisYear(), thisYear() + 1]) {
      const refused = await gql(platform, admin, COMPILE, { c: community, y: year });
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    }
    const reports = await gql<{ cadreLiaisonReport: { totalCount: number } }>(
      platform,
      admin,
      'query ($c: ID!, $y: Int!) { cadreLiaisonReport(regionCode: $c, year: $y) { totalCount } }',
      { c: community, y: thisYear() },
    );
    expect(reports.data!.cadreLiaisonReport.totalCount).toBe(0);
    const ended = await gql<{ compileCadreLiaisonReport: { year: number } }>(platform, admin, COMPILE, { c: community, y: thisYear() - 1 });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.compileCadreLiaisonReport.year).toBe(thisYear() - 1);
  });

  it('records a joint meeting once per date (CONFLICT naming the date), never in the future', async () => {
    const body = await must<{ createJointMeetingBody: { id: string } }>(
      'mutation ($i: CreateJointMeetingBodyInput!) { createJointMeetingBody(input: $i) { id } }',
      { i: { name: '日期测试联席会议', regionCode: street, memberUnits: ['县住建局', '县民政局'] } },
    );
    const RECORD = 'mutation ($i: RecordJointMeetingInput!) { recordJointMeeting(input: $i) { id } }';
    const meeting = (heldOn: string, problemsTabled = 3) =>
      gql(platform, admin, RECORD, { i: { bodyId: body.createJointMeetingBody.id, heldOn, problemsTabled, problemsSolved: 1 } });
    expect((await meeting('2025-05-06')).errors).toBeUndefined();
    const again = await meeting('2025-05-06', 5);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.heldOn' });
    // Two at once on another date: one is kept.
    const together = await Promise.all([meeting('2025-06-06'), meeting('2025-06-06')]);
    expect(together.filter((r) => !r.errors)).toHaveLength(1);
    expect((await meeting(tomorrow())).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.heldOn' });
    const totals = await gql<{ jointMeetingBodies: { edges: Array<{ node: { totals: { meetings: number; problemsTabled: number } } }> } }>(
      platform,
      admin,
      'query ($c: ID!) { jointMeetingBodies(regionCode: $c) { edges { node { totals(year: 2025) { meetings problemsTabled } } } } }',
      { c: street },
    );
    expect(totals.data!.jointMeetingBodies.edges.map((e) => e.node.totals)).toEqual([{ meetings: 2, problemsTabled: 6 }]);
  });
});

describe("a double report's assignment suggestions through the gateway", () => {
  let platform: RunningPlatform;
  let admin: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
  });
  afterAll(() => platform.stop());

  async function must<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await gql<T>(platform, admin, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }
  const grid = async (regionCode: string, name: string) =>
    (
      await must<{ createGrid: { id: string } }>('mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
        i: { code: randomGridCode(), name, kind: 'COMPREHENSIVE', regionCode },
      })
    ).createGrid.id;
  const team = async (regionCode: string, name: string, category: string, skills: string[]) =>
    (
      await must<{ createVolunteerTeam: { id: string } }>(
        'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }',
        { i: { name, category, regionCode, skills } },
      )
    ).createVolunteerTeam.id;

  it('ranks the grids and teams of the member county by where they are and what the member offers, with reasons', async () => {
    const { street, communities } = await claimTestStreet(platform.dataSources.organisation, COUNTY, [
      { name: '推荐测试居住社区' },
      { name: '推荐测试邻近社区' },
    ]);
    const [home, next] = communities as [string, string];
    await catchUpEvents(platform);
    const homeGrid = await grid(home, '推荐测试居住网格');
    const nextGrid = await grid(next, '推荐测试邻近网格');
    const nearTeam = await team(home, `推荐测试文艺队${randomGridCode()}`, 'CULTURE', ['广场舞']);
    const skilledTeam = await team(next, `推荐测试宣讲队${randomGridCode()}`, 'RED', ['理论宣讲', '政策解读']);
    const streetTeam = await team(street, `推荐测试维修队${randomGridCode()}`, 'CARE', ['便民维修']);

    const top = await must<Created>(CREATE, { i: { name: '推荐测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street } });
    const member = await must<{ registerPartyMember: { id: string } }>(
      'mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }',
      { i: { organisationId: top.createPartyOrganisation.id, name: '孙推荐', residentId: randomResidentId(COUNTY) } },
    );
    const report = await must<{ requestDoubleReport: { id: string } }>(
      'mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }',
      {
        i: {
          memberId: member.registerPartyMember.id,
          communityCode: home,
          workUnit: '县委宣传部',
          certificateNo: 'FWZ-TJ',
          letterNo: 'BDH-TJ',
          skills: ['理论宣讲'],
          wish: '周末参加便民维修',
        },
      },
    );
    await catchUpEvents(platform);

    type Answer = {
      doubleReportSuggestions: {
        grids: Array<{ rank: number; score: number; grid: { id: string; name: string }; reasons: string[] }>;
        volunteerTeams: Array<{ rank: number; score: number; volunteerTeam: { id: string }; category: string; reasons: string[] }>;
      } | null;
    };
    const SUGGEST = `query ($id: ID!) { doubleReportSuggestions(id: $id, first: 20) {
      grids { rank score grid { id name } reasons }
      volunteerTeams { rank score volunteerTeam { id } category reasons } } }`;
    const staff = await tokenFor({ roles: ['COMMUNITY_STAFF'], regions: [street] });
    const answer = await gql<Answer>(platform, staff, SUGGEST, { id: report.requestDoubleReport.id });
    expect(answer.errors).toBeUndefined();
    const { grids, volunteerTeams } = answer.data!.doubleReportSuggestions!;
    expect(grids.slice(0, 2).map((g) => [g.grid.id, g.rank, g.score])).toEqual([
      [homeGrid, 1, 30],
      [nextGrid, 2, 20],
    ]);
    expect(grids[0]!.grid.name).toBe('推荐测试居住网格');
    expect(grids[0]!.reasons).toEqual([`+30: in the member's own community (${home})`]);
    // The shared skill outweighs the nearer team; the wish lifts the street's repair team level with the
    // dance team in the member's own community, and equal scores are ranked by id (the stated tie-break).
    const tied = [
      [streetTeam, 20 + 5 + 5, 'CARE'],
      [nearTeam, 30, 'CULTURE'],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(volunteerTeams.slice(0, 3).map((t) => [t.volunteerTeam.id, t.rank, t.score, t.category])).toEqual([
      [skilledTeam, 1, 20 + 10 + 5, 'RED'],
      [tied[0]![0], 2, tied[0]![1], tied[0]![2]],
      [tied[1]![0], 3, tied[1]![1], tied[1]![2]],
    ]);
    expect(volunteerTeams[0]!.reasons).toEqual([
      `+20: in the member's street (${next})`,
      "+10: the member's skill 理论宣讲 is one of the team's",
      '+5: 宣讲 fits a RED team',
    ]);

    const otherCounty = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    const hidden = await gql<Answer>(platform, otherCounty, SUGGEST, { id: report.requestDoubleReport.id });
    expect(hidden.data!.doubleReportSuggestions).toBeNull();
  });
});

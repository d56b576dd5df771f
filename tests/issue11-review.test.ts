import { claimTestCity } from '@gg/shared/src/testing';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Issue 11's review: departments, whistles and their figures tried as their users would, at the
 * edges the first tests left out (pages, scope, wrong states, a Party member's list).
 * Sheyang (射阳县 320924) beside tests/whistles.test.ts; Yancheng (盐城市 3209) sums its counties.
 */

const COUNTY = '320924';
const CITY = '3209';
const OTHER_COUNTY = '520201';

const CREATE_DEPARTMENT = 'mutation ($i: CreateDepartmentInput!) { createDepartment(input: $i) { id name kind county { code } } }';
const BLOW = 'mutation ($i: BlowWhistleInput!) { blowWhistle(input: $i) { id whistles { id department { id } answeredBy } } }';
const ANSWER = 'mutation ($i: AnswerWhistleInput!) { answerWhistle(input: $i) { id answered late } }';
const uniqueName = (stem: string) => `${stem}${Math.random().toString(36).slice(2, 8)}`;
type Result = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const errorOf = (result: Result) => result.errors?.[0]?.extensions;

describe('issue 11 reviewed through the gateway: departments, whistles, the ledger', () => {
  let platform: RunningPlatform;
  let admin: string;
  let community: string;
  let street: string;
  let gridId: string;
  let communityStaff: string;

  async function department(name: string, kind = 'OTHER', token = admin, countyCode = COUNTY): Promise<string> {
    const created = await gql<{ createDepartment: { id: string } }>(platform, token, CREATE_DEPARTMENT, {
      i: { countyCode, name: uniqueName(name), kind },
    });
    expect(created.errors).toBeUndefined();
    return created.data!.createDepartment.id;
  }

  async function reportCase(): Promise<string> {
    const reported = await gql<{ reportCase: { id: string } }>(
      platform,
      admin,
      'mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }',
      { i: { gridId, channel: 'HOTLINE', category: '市场秩序', description: '占道经营堵塞消防通道', severity: 'BIG' } },
    );
    expect(reported.errors).toBeUndefined();
    return reported.data!.reportCase.id;
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    const seeded = await seedCommunity(platform, COUNTY, '复核吹哨社区');
    community = seeded.community;
    street = seeded.street;
    communityStaff = await tokenFor({ sub: 'review-community-staff', roles: ['COMMUNITY_STAFF'], regions: [community] });
    const grid = await gql<{ createGrid: { id: string } }>(
      platform,
      admin,
      'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
      {
        i: { code: randomGridCode(), name: '复核吹哨网格', kind: 'COMPREHENSIVE', regionCode: community },
      },
    );
    expect(grid.errors).toBeUndefined();
    gridId = grid.data!.createGrid.id;
    await catchUpEvents(platform);
  }, 60_000);
  afterAll(() => platform.stop());

  it('refuses a department outside a county or outside the caller’s scope, and a name differing only by spaces', async () => {
    const atStreet = await gql(platform, admin, CREATE_DEPARTMENT, { i: { countyCode: street, name: '某街道局', kind: 'OTHER' } });
    expect(errorOf(atStreet)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countyCode' });
    const elsewhere = await gql(platform, admin, CREATE_DEPARTMENT, { i: { countyCode: OTHER_COUNTY, name: '某局', kind: 'OTHER' } });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errorOf(elsewhere)?.code);
    const name = uniqueName('射阳县民政局');
    expect(
      (await gql(platform, admin, CREATE_DEPARTMENT, { i: { countyCode: COUNTY, name, kind: 'CIVIL_AFFAIRS' } })).errors,
    ).toBeUndefined();
    const spaced = await gql(platform, admin, CREATE_DEPARTMENT, { i: { countyCode: COUNTY, name: `  ${name} `, kind: 'CIVIL_AFFAIRS' } });
    expect(errorOf(spaced)).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const city = await tokenFor({ roles: ['CITY_ADMIN'], regions: [CITY] });
    await department('射阳县市场监督管理局', 'MARKET_REGULATION', city);
  });

  it('pages departments with first/after: totalCount, no repeats, stable when one is added', async () => {
    // A county of this test's own: the other whistle tests add departments to Sheyang meanwhile.
    const { county: countyCode } = await claimTestCity(platform.dataSources.organisation!, '32');
    const countyAdmin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [countyCode] });
    for (let i = 0; i < 3; i++) await department('测试县分页局', 'OTHER', countyAdmin, countyCode);
    const PAGE =
      'query ($c: ID!, $after: String) { departments(countyCode: $c, first: 2, after: $after) { totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } }';
    type Page = {
      departments: {
        totalCount: number;
        edges: Array<{ node: { id: string; name: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    let added = false;
    for (;;) {
      const page: Awaited<ReturnType<typeof gql<Page>>> = await gql<Page>(platform, countyAdmin, PAGE, { c: countyCode, after });
      expect(page.errors).toBeUndefined();
      if (!total) total = page.data!.departments.totalCount;
      seen.push(...page.data!.departments.edges.map((e) => e.node.id));
      if (!added) {
        // A department named before every other one, added between pages, shifts nothing.
        await department('一一先到局', 'OTHER', countyAdmin, countyCode);
        added = true;
      }
      if (!page.data!.departments.pageInfo.hasNextPage) break;
      after = page.data!.departments.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    const bad = await gql(platform, admin, 'query ($c: ID!) { departments(countyCode: $c, first: 0) { totalCount } }', { c: COUNTY });
    expect(errorOf(bad)?.code).toBe('BAD_USER_INPUT');
  });

  it('answers department(id) with null outside the county and for a malformed id; staff inside the county read it', async () => {
    const id = await department('射阳县水务局', 'WATER');
    const Q = 'query ($id: ID!) { department(id: $id) { id } }';
    const other = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [OTHER_COUNTY] });
    const outside = await gql<{ department: unknown }>(platform, other, Q, { id });
    expect(outside.errors).toBeUndefined();
    expect(outside.data!.department).toBeNull();
    const malformed = await gql<{ department: unknown }>(platform, admin, Q, { id: 'not-a-uuid' });
    expect(malformed.data?.department ?? null).toBeNull();
    const inside = await gql<{ department: { id: string } }>(platform, communityStaff, Q, { id });
    expect(inside.data!.department.id).toBe(id);
  });

  it('pages a department’s myWhistles with first/after: its own department’s whistles, none twice', async () => {
    await catchUpEvents(platform);
    const a = await department('射阳县城管一局', 'URBAN_MANAGEMENT');
    const b = await department('射阳县城管二局', 'URBAN_MANAGEMENT');
    const c = await department('射阳县城管三局', 'URBAN_MANAGEMENT');
    await catchUpEvents(platform);
    const staff = await tokenFor({ sub: 'review-urban', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: a });
    for (let i = 0; i < 3; i++) {
      const blown = await gql(platform, communityStaff, BLOW, {
        i: { caseId: await reportCase(), whistleType: 'JOINT_ENFORCEMENT', departmentIds: [a, b, c] },
      });
      expect(blown.errors).toBeUndefined();
    }
    const PAGE =
      'query ($after: String) { myWhistles(first: 2, after: $after) { totalCount edges { node { id answerBy case { id } department { id } } } pageInfo { hasNextPage endCursor } } }';
    type Page = {
      myWhistles: {
        totalCount: number;
        edges: Array<{ node: { id: string; department: { id: string } } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = await gql<Page>(platform, staff, PAGE, {});
    expect(first.errors).toBeUndefined();
    expect(first.data!.myWhistles.totalCount).toBeGreaterThanOrEqual(3);
    const second = await gql<Page>(platform, staff, PAGE, { after: first.data!.myWhistles.pageInfo.endCursor });
    const ids = [...first.data!.myWhistles.edges, ...second.data!.myWhistles.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...first.data!.myWhistles.edges, ...second.data!.myWhistles.edges].every((e) => e.node.department.id === a)).toBe(true);
  });

  it('refuses a whistle on a rejected case (CONFLICT), and to a department never announced (BAD_USER_INPUT)', async () => {
    const caseId = await reportCase();
    const unknown = await gql(platform, communityStaff, BLOW, {
      i: { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: ['00000000-0000-4000-8000-00000000beef'] },
    });
    expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.departmentIds.0' });
    const rejected = await gql(platform, admin, 'mutation ($i: RejectCaseInput!) { rejectCase(input: $i) { status } }', {
      i: { caseId, reason: '不属于受理范围的事项' },
    });
    expect(rejected.errors).toBeUndefined();
    const a = await department('射阳县应急局', 'EMERGENCY_MANAGEMENT');
    await catchUpEvents(platform);
    const closed = await gql(platform, communityStaff, BLOW, { i: { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [a] } });
    expect(errorOf(closed)?.code).toBe('CONFLICT');
  });

  it('counts whistles for a county and sums them for its city; another county sees nothing of it', async () => {
    const STATS =
      'query ($c: ID!) { region(code: $c) { gridStats { whistlesBlown whistlesAnsweredInTime whistlesAnsweredLate whistlesOverdue } } }';
    // A city and county of this test's own: the other whistle tests blow whistles in Sheyang meanwhile.
    const { city: cityCode, county: countyCode } = await claimTestCity(platform.dataSources.organisation!, '32');
    const own = await seedCommunity(platform, countyCode, '复核统计社区');
    const countyAdmin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [countyCode] });
    const staff = await tokenFor({ sub: 'review-stats-staff', roles: ['COMMUNITY_STAFF'], regions: [own.community] });
    const grid = await gql<{ createGrid: { id: string } }>(
      platform,
      countyAdmin,
      'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
      {
        i: { code: randomGridCode(), name: '复核统计网格', kind: 'COMPREHENSIVE', regionCode: own.community },
      },
    );
    expect(grid.errors).toBeUndefined();
    const city = await tokenFor({ roles: ['CITY_ADMIN'], regions: [cityCode] });
    const read = async (token: string, code: string) =>
      await gql<{ region: { gridStats: Record<string, number> } | null }>(platform, token, STATS, { c: code });
    const countyBefore = (await read(countyAdmin, countyCode)).data!.region!.gridStats;
    const cityBefore = (await read(city, cityCode)).data!.region!.gridStats;
    const communityBefore = (await read(countyAdmin, own.community)).data!.region!.gridStats;
    const a = await department('测试县统计局', 'OTHER', countyAdmin, countyCode);
    await catchUpEvents(platform);
    const reported = await gql<{ reportCase: { id: string } }>(
      platform,
      countyAdmin,
      'mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }',
      {
        i: {
          gridId: grid.data!.createGrid.id,
          channel: 'HOTLINE',
          category: '市场秩序',
          description: '占道经营堵塞消防通道',
          severity: 'BIG',
        },
      },
    );
    expect(reported.errors).toBeUndefined();
    const blown = await gql(platform, staff, BLOW, {
      i: { caseId: reported.data!.reportCase.id, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [a] },
    });
    expect(blown.errors).toBeUndefined();
    const countyAfter = (await read(countyAdmin, countyCode)).data!.region!.gridStats;
    const cityAfter = (await read(city, cityCode)).data!.region!.gridStats;
    const communityAfter = (await read(countyAdmin, own.community)).data!.region!.gridStats;
    expect(communityAfter.whistlesBlown! - communityBefore.whistlesBlown!).toBe(1);
    expect(countyAfter.whistlesBlown! - countyBefore.whistlesBlown!).toBe(1);
    expect(cityAfter.whistlesBlown! - cityBefore.whistlesBlown!).toBe(1);
    const other = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [OTHER_COUNTY] });
    const outside = await read(other, countyCode);
    expect(outside.data?.region?.gridStats?.whistlesBlown ?? 0).toBe(0);
  });

  it('shows a reporting-in Party member what the community asks on the whistle itself, and the case behind it', async () => {
    const run = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const result = await gql<Record<string, T>>(platform, admin, query, variables);
      expect(result.errors).toBeUndefined();
      return Object.values(result.data!)[0]!;
    };
    const organisation = (input: Record<string, unknown>) =>
      run<{ id: string }>('mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }', { i: input });
    const committee = await organisation({ name: '复核街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    const co = await organisation({ name: '复核社区党委', level: 'COMMUNITY', regionCode: community, parentId: committee.id });
    const member = await run<{ id: string }>('mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }', {
      i: { organisationId: co.id, name: '郑报到', residentId: randomResidentId(COUNTY) },
    });
    const report = await run<{ id: string }>('mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }', {
      i: { memberId: member.id, communityCode: community, workUnit: '射阳县财政局', certificateNo: 'FWZ-R11', letterNo: 'BDH-R11' },
    });
    await run('mutation ($id: ID!) { confirmDoubleReport(id: $id) { id } }', { id: report.id });
    await run('mutation ($i: AssignDoubleReportInput!) { assignDoubleReport(input: $i) { id } }', { i: { id: report.id, gridId } });
    await catchUpEvents(platform);
    const note = '幸福小区3栋独居老人家中水管漏水，请上门查看';
    const caseId = await reportCase();
    const blown = await gql(platform, communityStaff, BLOW, {
      i: { caseId, whistleType: 'PARTY_MEMBER_SERVICE', note },
    });
    expect(blown.errors).toBeUndefined();
    const token = await tokenFor({ sub: 'r11-member', roles: ['PARTY_MEMBER'], regions: [community], member: member.id });
    const mine = await gql<{ myWhistles: { edges: Array<{ node: { id: string; note: string | null; case: unknown } }> } }>(
      platform,
      token,
      '{ myWhistles { edges { node { id whistleType note case { id } } } } }',
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myWhistles.edges.map((e) => e.node)).toEqual([expect.objectContaining({ note, case: { id: caseId } })]);
    const [whistle] = mine.data!.myWhistles.edges.map((e) => e.node);
    const answered = await gql(platform, token, ANSWER, { i: { whistleId: whistle!.id, action: '已上门关闭阀门并联系维修' } });
    expect(answered.errors).toBeUndefined();
  });

  it('refuses an auditor’s ledger window that ends before it starts (not an empty page)', async () => {
    const LEDGER =
      'query ($c: ID!, $s: DateTime, $u: DateTime) { householdLedgerChanges(regionCode: $c, since: $s, until: $u) { totalCount } }';
    const auditor = await tokenFor({ sub: 'r11-auditor', roles: ['AUDITOR'], regions: [COUNTY] });
    const inverted = await gql(platform, auditor, LEDGER, { c: COUNTY, s: '2026-12-01T00:00:00Z', u: '2026-01-01T00:00:00Z' });
    expect(errorOf(inverted)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    const window = await gql(platform, auditor, LEDGER, { c: COUNTY, s: '2026-01-01T00:00:00Z', u: '2026-12-01T00:00:00Z' });
    expect(window.errors).toBeUndefined();
  });

  it('keeps a department’s staff to their department’s cases even with a grids claim in their token', async () => {
    const caseId = await reportCase();
    const staff = await tokenFor({
      sub: 'r11-department-with-grids',
      roles: ['DEPARTMENT_STAFF'],
      regions: [COUNTY],
      department: '00000000-0000-4000-8000-00000000beef',
      grids: [gridId],
    });
    const read = await gql<{ case: unknown }>(platform, staff, 'query ($id: ID!) { case(id: $id) { id description } }', { id: caseId });
    expect(read.errors).toBeUndefined();
    expect(read.data!.case).toBeNull();
    const work = await gql<{ myWork: { edges: Array<{ node: { id: string } }> } }>(
      platform,
      staff,
      '{ myWork(first: 500) { edges { node { id } } } }',
    );
    expect(work.errors).toBeUndefined();
    expect(work.data!.myWork.edges.map((e) => e.node.id)).not.toContain(caseId);
    // The gridworker of the grid still sees it and has it waiting.
    const gridworker = await tokenFor({ sub: 'r11-gridworker', roles: ['GRIDWORKER'], regions: [community], grids: [gridId] });
    const theirs = await gql<{ myWork: { edges: Array<{ node: { id: string } }> } }>(
      platform,
      gridworker,
      '{ myWork(first: 500) { edges { node { id } } } }',
    );
    expect(theirs.data!.myWork.edges.map((e) => e.node.id)).toContain(caseId);
  });

  it('names the case in a refused escalation or transition (FORBIDDEN with its field, like the state machine)', async () => {
    const caseId = await reportCase();
    const gridworker = await tokenFor({ sub: 'r11-gridworker', roles: ['GRIDWORKER'], regions: [community], grids: [gridId] });
    const escalated = await gql(platform, gridworker, 'mutation ($i: EscalateCaseInput!) { escalateCase(input: $i) { handlingLevel } }', {
      i: { caseId, reason: '网格内无法解决需要上报' },
    });
    expect(errorOf(escalated)).toMatchObject({ code: 'FORBIDDEN', field: 'input.caseId' });
    const resident = await tokenFor({ sub: 'r11-resident', roles: ['RESIDENT'], regions: [community] });
    const accepted = await gql(platform, resident, 'mutation ($i: CaseTransitionInput!) { acceptCase(input: $i) { status } }', {
      i: { caseId },
    });
    expect(errorOf(accepted)?.code).toBe('FORBIDDEN');
  });

  it('settles races: one department of a name, one whistle per department and case, one answer', async () => {
    const name = uniqueName('射阳县并发局');
    const created = await Promise.all(
      [1, 2, 3].map(() => gql(platform, admin, CREATE_DEPARTMENT, { i: { countyCode: COUNTY, name, kind: 'OTHER' } })),
    );
    expect(created.filter((r) => !r.errors)).toHaveLength(1);
    expect(created.filter((r) => r.errors).map(errorOf)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', field: 'input.name' }),
      expect.objectContaining({ code: 'CONFLICT', field: 'input.name' }),
    ]);
    const id = await department('射阳县并发应哨局');
    await catchUpEvents(platform);
    const caseId = await reportCase();
    const blown = await Promise.all(
      [1, 2, 3].map(() =>
        gql<{ blowWhistle: { whistles: Array<{ id: string }> } }>(platform, communityStaff, BLOW, {
          i: { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [id] },
        }),
      ),
    );
    expect(blown.filter((r) => !r.errors)).toHaveLength(1);
    expect(blown.filter((r) => r.errors).map((r) => errorOf(r)?.code)).toEqual(['CONFLICT', 'CONFLICT']);
    const whistleId = blown.find((r) => !r.errors)!.data!.blowWhistle.whistles[0]!.id;
    const staff = await tokenFor({ sub: 'r11-racing-staff', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: id });
    const answers = await Promise.all(
      [1, 2, 3].map((n) => gql(platform, staff, ANSWER, { i: { whistleId, action: `第${n}次报到：已派员到场` } })),
    );
    expect(answers.filter((r) => !r.errors)).toHaveLength(1);
    expect(answers.filter((r) => r.errors).map((r) => errorOf(r)?.code)).toEqual(['CONFLICT', 'CONFLICT']);
    const history = await gql<{ case: { events: Array<{ action: string }> } }>(
      platform,
      admin,
      'query ($id: ID!) { case(id: $id) { events { action } } }',
      { id: caseId },
    );
    expect(history.data!.case.events.filter((e) => e.action === 'ANSWER_WHISTLE')).toHaveLength(1);
    expect(history.data!.case.events.filter((e) => e.action === 'WHISTLE')).toHaveLength(1);
  });

  it('lists the cases with a department by assigneeDepartmentId, and shows no pseudo-subject for them', async () => {
    const id = await department('射阳县住建督办局', 'HOUSING');
    await catchUpEvents(platform);
    const caseId = await reportCase();
    const op = (name: string, input: string) =>
      `mutation ($i: ${input}!) { ${name}(input: $i) { id assigneeSubject assigneeName assigneeDepartment { id } } }`;
    expect((await gql(platform, admin, op('acceptCase', 'CaseTransitionInput'), { i: { caseId } })).errors).toBeUndefined();
    const assigned = await gql<{ assignCase: Record<string, unknown> }>(platform, admin, op('assignCase', 'AssignCaseInput'), {
      i: { caseId, departmentId: id },
    });
    expect(assigned.data!.assignCase).toMatchObject({ assigneeSubject: null, assigneeName: null, assigneeDepartment: { id } });
    const LIST =
      'query ($c: ID!, $d: ID, $s: String) { cases(regionCode: $c, assigneeDepartmentId: $d, assigneeSubject: $s) { totalCount edges { node { id } } } }';
    const listed = await gql<{ cases: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(platform, admin, LIST, {
      c: COUNTY,
      d: id,
    });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.cases.edges.map((e) => e.node.id)).toEqual([caseId]);
    expect(listed.data!.cases.totalCount).toBe(1);
    const both = await gql(platform, admin, LIST, { c: COUNTY, d: id, s: 'someone' });
    expect(errorOf(both)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assigneeDepartmentId' });
    const malformed = await gql(platform, admin, LIST, { c: COUNTY, d: 'housing-bureau' });
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assigneeDepartmentId' });
  });
});

import { sweepCaseDeadlines } from '../services/grid/src/case/case.jobs';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Issue 11's whistles (吹哨报到) through the gateway: departments are records of a county (organisation),
 * announced to grid; a county's whistle list says who blows each type and who answers; street staff blow
 * street whistles, community staff community ones; only a department's own staff answer for it (the
 * community staff who answered for the housing bureau are refused), and reporting-in Party members answer
 * a community's Party-member whistle; cases go to departments too; the figures count whistles.
 * Sheyang (射阳县): no other test sets its whistle list.
 */

const COUNTY = '320924';
const OTHER_COUNTY = '520201';

const CREATE_DEPARTMENT = 'mutation ($i: CreateDepartmentInput!) { createDepartment(input: $i) { id name kind county { code } } }';
const BLOW = `mutation ($i: BlowWhistleInput!) { blowWhistle(input: $i) {
  id whistles { id whistleType answeredBy department { id name } answered late flagged answerBy } } }`;
const ANSWER = 'mutation ($i: AnswerWhistleInput!) { answerWhistle(input: $i) { id answered late answerAction } }';
const MY_WHISTLES = `query ($answered: Boolean) { myWhistles(answered: $answered) { totalCount edges { node { id whistleType case { id } } } } }`;
const CASE_FIELDS = 'id status assigneeSubject assigneeDepartment { id name }';

interface Whistle {
  id: string;
  whistleType: string;
  answeredBy: string;
  department: { id: string; name: string } | null;
  answered: boolean;
  flagged: boolean;
}

/** The whistle of a list blown to a department (whistles come in the order of their department ids). */
const to = (whistles: Whistle[], departmentId: string): Whistle => whistles.find((w) => w.department?.id === departmentId)!;

const uniqueName = (stem: string) => `${stem}${Math.random().toString(36).slice(2, 8)}`;

describe('whistles to departments and reporting-in Party members', () => {
  let platform: RunningPlatform;
  let admin: string;
  let streetStaff: string;
  let communityStaff: string;
  let street: string;
  let community: string;
  let otherCommunity: string;
  let gridId: string;
  let housing: string;
  let urban: string;
  let elsewhere: string;
  let housingStaff: string;
  let urbanStaff: string;

  const errorOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions;

  async function reportCase(): Promise<string> {
    const reported = await gql<{ reportCase: { id: string } }>(
      platform,
      admin,
      'mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }',
      { i: { gridId, channel: 'HOTLINE', category: '市场秩序', description: '农贸市场摊点占用消防通道', severity: 'HARD' } },
    );
    expect(reported.errors).toBeUndefined();
    return reported.data!.reportCase.id;
  }

  async function blow(token: string, input: Record<string, unknown>): Promise<Whistle[]> {
    const result = await gql<{ blowWhistle: { whistles: Whistle[] } }>(platform, token, BLOW, { i: input });
    expect(result.errors).toBeUndefined();
    return result.data!.blowWhistle.whistles;
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    const seeded = await seedCommunity(platform, COUNTY, '吹哨测试社区');
    community = seeded.community;
    street = seeded.street;
    otherCommunity = (await seedCommunity(platform, COUNTY, '吹哨测试邻社区')).community;
    streetStaff = await tokenFor({ sub: 'street-staff', roles: ['STREET_STAFF'], regions: [seeded.street] });
    communityStaff = await tokenFor({ sub: 'community-staff', roles: ['COMMUNITY_STAFF'], regions: [community] });
    const department = async (token: string, countyCode: string, name: string, kind: string) => {
      const created = await gql<{ createDepartment: { id: string } }>(platform, token, CREATE_DEPARTMENT, {
        i: { countyCode, name, kind },
      });
      expect(created.errors).toBeUndefined();
      return created.data!.createDepartment.id;
    };
    housing = await department(admin, COUNTY, uniqueName('射阳县住房和城乡建设局'), 'HOUSING');
    urban = await department(admin, COUNTY, uniqueName('射阳县城市管理局'), 'URBAN_MANAGEMENT');
    elsewhere = await department(
      await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [OTHER_COUNTY] }),
      OTHER_COUNTY,
      uniqueName('钟山区水务局'),
      'WATER',
    );
    housingStaff = await tokenFor({ sub: 'housing-staff', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: housing });
    urbanStaff = await tokenFor({ sub: 'urban-staff', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: urban });
    const grid = await gql<{ createGrid: { id: string } }>(
      platform,
      admin,
      'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
      {
        i: { code: randomGridCode(), name: '吹哨测试网格', kind: 'COMPREHENSIVE', regionCode: community },
      },
    );
    expect(grid.errors).toBeUndefined();
    gridId = grid.data!.createGrid.id;
    // The departments reach grid by DepartmentCreated events.
    await catchUpEvents(platform);
  }, 60_000);
  afterAll(() => platform.stop());

  it('records departments of a county: county administrators create, staff of the county list them', async () => {
    const byStreet = await gql(platform, streetStaff, CREATE_DEPARTMENT, {
      i: { countyCode: COUNTY, name: '射阳县民政局', kind: 'CIVIL_AFFAIRS' },
    });
    expect(errorOf(byStreet)?.code).toBe('FORBIDDEN');
    const list = await gql<{ departments: { edges: Array<{ node: { id: string } }> } }>(
      platform,
      admin,
      'query ($c: ID!) { departments(countyCode: $c, first: 500) { edges { node { id } } } }',
      { c: COUNTY },
    );
    const names = await gql<{ department: { name: string } }>(platform, housingStaff, 'query ($id: ID!) { department(id: $id) { name } }', {
      id: housing,
    });
    const twice = await gql(platform, admin, CREATE_DEPARTMENT, {
      i: { countyCode: COUNTY, name: names.data!.department.name, kind: 'HOUSING' },
    });
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(list.data!.departments.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([housing, urban]));
    // Community staff work inside the county and whistle to its departments: they see them.
    const fromCommunity = await gql<{ departments: { edges: Array<{ node: { id: string; county: { code: string } } }> } }>(
      platform,
      communityStaff,
      'query ($c: ID!) { departments(countyCode: $c, first: 500) { edges { node { id county { code } } } } }',
      { c: COUNTY },
    );
    expect(fromCommunity.errors).toBeUndefined();
    expect(fromCommunity.data!.departments.edges.map((e) => e.node.id)).toContain(housing);
    const otherCounty = await gql<{ departments: { edges: unknown[] } }>(
      platform,
      await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [OTHER_COUNTY] }),
      'query ($c: ID!) { departments(countyCode: $c) { edges { node { id } } } }',
      { c: COUNTY },
    );
    expect(otherCounty.data!.departments.edges).toEqual([]);
  });

  it('announces a department by DepartmentCreated, ids and codes only (its name stays in organisation)', async () => {
    const rows: Array<{ payload: Record<string, unknown> }> = await platform.dataSources.organisation!.query(
      `SELECT payload FROM organisation.outbox WHERE name = 'DepartmentCreated' AND payload->>'id' = $1`,
      [housing],
    );
    expect(rows.map((r) => r.payload)).toEqual([{ id: housing, regionCode: COUNTY, kind: 'HOUSING' }]);
    // Grid learnt it as a DEPARTMENT reference of the county.
    const references: Array<{ region_code: string }> = await platform.dataSources.grid!.query(
      `SELECT region_code FROM grid.reference WHERE kind = 'DEPARTMENT' AND key = $1`,
      [housing],
    );
    expect(references).toEqual([{ region_code: COUNTY }]);
  });

  it('keeps a county whistle list with a default, set by its administrators with validation', async () => {
    const LIST =
      'query ($c: ID!) { whistleList(countyCode: $c) { countyCode isDefault types { code name blownBy answeredBy answerHours steps } } }';
    const SET = 'mutation ($i: SetWhistleListInput!) { setWhistleList(input: $i) { isDefault types { code } } }';
    const before = await gql<{ whistleList: { types: Array<Record<string, unknown>> } }>(platform, communityStaff, LIST, { c: COUNTY });
    expect(before.errors).toBeUndefined();
    // The default types (or those of an earlier run, which set this list); SANITATION is added below.
    const types = before.data!.whistleList.types.filter((t) => t.code !== 'SANITATION');
    expect(types.map((t) => t.code)).toEqual(
      expect.arrayContaining(['JOINT_ENFORCEMENT', 'MARKET_ORDER', 'HOUSING_PROPERTY', 'PARTY_MEMBER_SERVICE']),
    );
    const sanitation = {
      code: 'SANITATION',
      name: '环境卫生整治',
      blownBy: ['COMMUNITY'],
      answeredBy: 'DEPARTMENT',
      answerHours: 24,
      steps: ['社区吹哨', '城管报到', '清理'],
    };
    const twice = await gql(platform, admin, SET, { i: { countyCode: COUNTY, types: [...types, sanitation, sanitation] } });
    expect(errorOf(twice)).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.types.${types.length + 1}.code` });
    const streetMembers = await gql(platform, admin, SET, {
      i: { countyCode: COUNTY, types: [{ ...sanitation, answeredBy: 'PARTY_MEMBER', blownBy: ['STREET'] }] },
    });
    expect(errorOf(streetMembers)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.types.0.blownBy' });
    const byStreet = await gql(platform, streetStaff, SET, { i: { countyCode: COUNTY, types: [sanitation] } });
    expect(errorOf(byStreet)?.code).toBe('FORBIDDEN');
    const set = await gql<{ setWhistleList: { isDefault: boolean; types: Array<{ code: string }> } }>(platform, admin, SET, {
      i: {
        countyCode: COUNTY,
        types: [...types, sanitation],
      },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setWhistleList).toMatchObject({ isDefault: false });
    const after = await gql<{ whistleList: { isDefault: boolean; types: Array<{ code: string }> } }>(platform, streetStaff, LIST, {
      c: COUNTY,
    });
    expect(after.data!.whistleList.isDefault).toBe(false);
    expect(after.data!.whistleList.types.map((t) => t.code)).toContain('SANITATION');
  });

  it('lets street staff blow street whistles and community staff community ones, to departments of the county', async () => {
    const caseId = await reportCase();
    // HOUSING_PROPERTY is the street's (街道吹哨): community staff may not blow it.
    const notTheirs = await gql(platform, communityStaff, BLOW, {
      i: { caseId, whistleType: 'HOUSING_PROPERTY', departmentIds: [housing] },
    });
    expect(errorOf(notTheirs)).toMatchObject({ code: 'FORBIDDEN', field: 'input.whistleType' });
    const unknownType = await gql(platform, communityStaff, BLOW, {
      i: { caseId, whistleType: 'NO_SUCH_WHISTLE', departmentIds: [housing] },
    });
    expect(errorOf(unknownType)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.whistleType' });
    const otherCounty = await gql(platform, communityStaff, BLOW, {
      i: { caseId, whistleType: 'MARKET_ORDER', departmentIds: [elsewhere] },
    });
    expect(errorOf(otherCounty)).toMatchObject({ code: 'NOT_FOUND', field: 'input.departmentIds.0' });
    const none = await gql(platform, communityStaff, BLOW, { i: { caseId, whistleType: 'MARKET_ORDER' } });
    expect(errorOf(none)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.departmentIds' });
    // 社区吹哨、部门报到 (Suiyang): a market's stalls, two departments, the type's 48 hours.
    const whistles = await blow(communityStaff, { caseId, whistleType: 'MARKET_ORDER', departmentIds: [housing, urban] });
    expect(whistles.map((w) => [w.whistleType, w.answeredBy, w.department?.id]).sort()).toEqual(
      [
        ['MARKET_ORDER', 'DEPARTMENT', housing],
        ['MARKET_ORDER', 'DEPARTMENT', urban],
      ].sort(),
    );
    expect(to(whistles, housing).department!.name).toContain('住房和城乡建设局');
    const again = await gql(platform, streetStaff, BLOW, { i: { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [urban] } });
    expect(errorOf(again)?.code).toBe('CONFLICT');
    // 街道吹哨、部门报到 (Liupanshui) on another case.
    const street = await blow(streetStaff, {
      caseId: await reportCase(),
      whistleType: 'HOUSING_PROPERTY',
      departmentIds: [housing],
      limitHours: 12,
    });
    expect(street).toHaveLength(1);
  });

  it('takes an answer only from the department’s own staff: community staff no longer answer for the housing bureau', async () => {
    const caseId = await reportCase();
    const blown = await blow(streetStaff, { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [housing, urban] });
    const [toHousing, toUrban] = [to(blown, housing), to(blown, urban)];
    const answer = (token: string, whistleId: string, action = '派员到场处置') =>
      gql<{ answerWhistle: { answered: boolean; late: boolean } }>(platform, token, ANSWER, { i: { whistleId, action } });
    expect(errorOf(await answer(communityStaff, toHousing!.id))?.code).toBe('FORBIDDEN');
    expect(errorOf(await answer(admin, toHousing!.id))?.code).toBe('FORBIDDEN');
    expect(errorOf(await answer(urbanStaff, toHousing!.id))).toMatchObject({ code: 'FORBIDDEN', field: 'input.whistleId' });
    // Another county's staff of a department of the same id get nothing: the whistle is out of their scope.
    const outsider = await tokenFor({ roles: ['DEPARTMENT_STAFF'], regions: [OTHER_COUNTY], department: housing });
    expect(errorOf(await answer(outsider, toHousing!.id))?.code).toBe('NOT_FOUND');

    const waiting = await gql<{ myWhistles: { edges: Array<{ node: { id: string } }> } }>(platform, housingStaff, MY_WHISTLES, {});
    const waitingIds = waiting.data!.myWhistles.edges.map((e) => e.node.id);
    expect(waitingIds).toContain(toHousing!.id);
    expect(waitingIds).not.toContain(toUrban!.id);

    // A department's staff read the cases whistled to their department, and no other case of the county.
    const CASE = 'query ($id: ID!) { case(id: $id) { id category } }';
    const whistledCase = await gql<{ case: { id: string } | null }>(platform, urbanStaff, CASE, { id: caseId });
    expect(whistledCase.errors).toBeUndefined();
    expect(whistledCase.data!.case?.id).toBe(caseId);
    const unrelated = await gql<{ case: { id: string } | null }>(platform, urbanStaff, CASE, { id: await reportCase() });
    expect(unrelated.data!.case).toBeNull();
    const withCases = await gql<{ myWhistles: { edges: Array<{ node: { id: string; case: { id: string } | null } }> } }>(
      platform,
      housingStaff,
      MY_WHISTLES,
      {},
    );
    expect(withCases.errors).toBeUndefined();
    expect(withCases.data!.myWhistles.edges.find((e) => e.node.id === toHousing!.id)?.node.case?.id).toBe(caseId);

    const answered = await answer(housingStaff, toHousing!.id);
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerWhistle).toMatchObject({ answered: true, late: false });
    expect(errorOf(await answer(housingStaff, toHousing!.id))?.code).toBe('CONFLICT');
    const afterwards = await gql<{ myWhistles: { edges: Array<{ node: { id: string } }> } }>(platform, housingStaff, MY_WHISTLES, {});
    expect(afterwards.data!.myWhistles.edges.map((e) => e.node.id)).not.toContain(toHousing!.id);
    const lookBack = await gql<{ myWhistles: { edges: Array<{ node: { id: string } }> } }>(platform, housingStaff, MY_WHISTLES, {
      answered: true,
    });
    expect(lookBack.data!.myWhistles.edges.map((e) => e.node.id)).toContain(toHousing!.id);
  });

  it('lets a Party member whose double report was assigned in the community answer its Party-member whistle (社区吹哨、党员报到)', async () => {
    // A member reports in to the community (双报到): registered, requested, confirmed, assigned to the grid.
    const run = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const result = await gql<Record<string, T>>(platform, admin, query, variables);
      expect(result.errors).toBeUndefined();
      return Object.values(result.data!)[0]!;
    };
    const organisation = (input: Record<string, unknown>) =>
      run<{ id: string }>('mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }', { i: input });
    const committee = await organisation({ name: '吹哨测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    const communityOrganisation = await organisation({
      name: '吹哨测试社区党委',
      level: 'COMMUNITY',
      regionCode: community,
      parentId: committee.id,
    });
    const register = (name: string) =>
      run<{ id: string }>('mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }', {
        i: { organisationId: communityOrganisation.id, name, residentId: randomResidentId(COUNTY) },
      });
    const reporting = await register('周报到');
    const notReporting = await register('吴党员');
    const report = await run<{ id: string }>('mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }', {
      i: {
        memberId: reporting.id,
        communityCode: community,
        workUnit: '射阳县住建局',
        certificateNo: 'FWZ-WHISTLE',
        letterNo: 'BDH-WHISTLE',
      },
    });
    await run('mutation ($id: ID!) { confirmDoubleReport(id: $id) { id } }', { id: report.id });
    await run('mutation ($i: AssignDoubleReportInput!) { assignDoubleReport(input: $i) { id } }', { i: { id: report.id, gridId } });
    // Grid hears the assignment (DoubleReportAssigned) and learns where the member reports in.
    await catchUpEvents(platform);

    const caseId = await reportCase();
    const byStreet = await gql(platform, streetStaff, BLOW, { i: { caseId, whistleType: 'PARTY_MEMBER_SERVICE' } });
    expect(errorOf(byStreet)).toMatchObject({ code: 'FORBIDDEN', field: 'input.whistleType' });
    const withDepartments = await gql(platform, communityStaff, BLOW, {
      i: { caseId, whistleType: 'PARTY_MEMBER_SERVICE', departmentIds: [housing] },
    });
    expect(errorOf(withDepartments)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.departmentIds' });
    const [whistle] = await blow(communityStaff, { caseId, whistleType: 'PARTY_MEMBER_SERVICE', note: '独居老人家中水管漏水' });
    expect(whistle).toMatchObject({ answeredBy: 'PARTY_MEMBER', department: null });

    const member = await tokenFor({ sub: 'reporting-in-member', roles: ['PARTY_MEMBER'], regions: [community], member: reporting.id });
    const notReportingIn = await tokenFor({
      sub: 'member-at-home',
      roles: ['PARTY_MEMBER'],
      regions: [community],
      member: notReporting.id,
    });
    const unnamed = await tokenFor({ sub: 'unnamed-member', roles: ['PARTY_MEMBER'], regions: [community] });
    const elsewhere = await tokenFor({ sub: 'neighbour-member', roles: ['PARTY_MEMBER'], regions: [otherCommunity], member: reporting.id });
    const answer = (token: string) => gql(platform, token, ANSWER, { i: { whistleId: whistle!.id, action: '已上门维修' } });
    expect(errorOf(await answer(elsewhere))?.code).toBe('NOT_FOUND');
    expect(errorOf(await answer(notReportingIn))).toMatchObject({ code: 'FORBIDDEN', field: 'input.whistleId' });
    expect(errorOf(await answer(unnamed))?.code).toBe('FORBIDDEN');
    expect(errorOf(await answer(housingStaff))?.code).toBe('FORBIDDEN');
    const waiting = await gql<{ myWhistles: { edges: Array<{ node: { id: string } }> } }>(platform, member, MY_WHISTLES, {});
    expect(waiting.data!.myWhistles.edges.map((e) => e.node.id)).toEqual([whistle!.id]);
    const none = await gql<{ myWhistles: { edges: unknown[] } }>(platform, notReportingIn, MY_WHISTLES, {});
    expect(none.data!.myWhistles.edges).toEqual([]);
    expect((await answer(member)).errors).toBeUndefined();
  });

  it('assigns a case to a department, whose staff see it in myWork and work it', async () => {
    const caseId = await reportCase();
    const op = (name: string, input: string) => `mutation ($i: ${input}!) { ${name}(input: $i) { ${CASE_FIELDS} } }`;
    expect((await gql(platform, admin, op('acceptCase', 'CaseTransitionInput'), { i: { caseId } })).errors).toBeUndefined();
    const both = await gql(platform, admin, op('assignCase', 'AssignCaseInput'), {
      i: { caseId, departmentId: housing, assigneeSubject: 'x', assigneeName: '某某' },
    });
    expect(errorOf(both)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.departmentId' });
    const otherCounty = await gql(platform, admin, op('assignCase', 'AssignCaseInput'), { i: { caseId, departmentId: elsewhere } });
    expect(errorOf(otherCounty)).toMatchObject({ code: 'NOT_FOUND', field: 'input.departmentId' });
    const assigned = await gql<{ assignCase: { status: string; assigneeDepartment: { id: string; name: string } } }>(
      platform,
      admin,
      op('assignCase', 'AssignCaseInput'),
      { i: { caseId, departmentId: housing } },
    );
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignCase).toMatchObject({ status: 'ASSIGNED', assigneeDepartment: { id: housing } });
    expect(assigned.data!.assignCase.assigneeDepartment.name).toContain('住房和城乡建设局');

    const myWork = await gql<{ myWork: { edges: Array<{ node: { id: string } }> } }>(
      platform,
      housingStaff,
      '{ myWork(first: 500) { edges { node { id } } } }',
    );
    expect(myWork.data!.myWork.edges.map((e) => e.node.id)).toContain(caseId);
    const notTheirs = await gql<{ myWork: { edges: Array<{ node: { id: string } }> } }>(
      platform,
      urbanStaff,
      '{ myWork(first: 500) { edges { node { id } } } }',
    );
    expect(notTheirs.data!.myWork.edges.map((e) => e.node.id)).not.toContain(caseId);
    expect(errorOf(await gql(platform, urbanStaff, op('startCase', 'CaseTransitionInput'), { i: { caseId } }))?.code).toBe('FORBIDDEN');
    const started = await gql<{ startCase: { status: string } }>(platform, housingStaff, op('startCase', 'CaseTransitionInput'), {
      i: { caseId },
    });
    expect(started.data?.startCase.status).toBe('IN_PROGRESS');
    const resolved = await gql<{ resolveCase: { status: string } }>(platform, housingStaff, op('resolveCase', 'CaseTransitionInput'), {
      i: { caseId, note: '已协调开发商维修' },
    });
    expect(resolved.data?.resolveCase.status).toBe('RESOLVED');
  });

  it('counts whistles blown, answered in time and late, and overdue in Region.gridStats; the job flags the overdue', async () => {
    const STATS =
      'query ($c: ID!) { region(code: $c) { gridStats { whistlesBlown whistlesAnsweredInTime whistlesAnsweredLate whistlesOverdue } } }';
    const stats = async () =>
      (await gql<{ region: { gridStats: Record<string, number> } }>(platform, admin, STATS, { c: community })).data!.region.gridStats;
    const before = await stats();
    const caseId = await reportCase();
    const created = await gql<{ createDepartment: { id: string } }>(platform, admin, CREATE_DEPARTMENT, {
      i: { countyCode: COUNTY, name: uniqueName('射阳县应急管理局'), kind: 'EMERGENCY_MANAGEMENT' },
    });
    const emergency = created.data!.createDepartment.id;
    await catchUpEvents(platform);
    const blown = await blow(streetStaff, { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [housing, urban, emergency] });
    const [inTime, late, overdue] = [to(blown, housing), to(blown, urban), to(blown, emergency)];
    // Two limits run out: one is answered after it, one is not answered at all.
    await platform.dataSources.grid!.query(`UPDATE grid.case_whistle SET answer_by = now() - interval '1 hour' WHERE id = ANY($1)`, [
      [late!.id, overdue!.id],
    ]);
    expect((await gql(platform, housingStaff, ANSWER, { i: { whistleId: inTime!.id, action: '当日到场' } })).errors).toBeUndefined();
    expect((await gql(platform, urbanStaff, ANSWER, { i: { whistleId: late!.id, action: '次日到场' } })).errors).toBeUndefined();
    const after = await stats();
    expect({
      blown: after.whistlesBlown! - before.whistlesBlown!,
      inTime: after.whistlesAnsweredInTime! - before.whistlesAnsweredInTime!,
      late: after.whistlesAnsweredLate! - before.whistlesAnsweredLate!,
      overdue: after.whistlesOverdue! - before.whistlesOverdue!,
    }).toEqual({ blown: 3, inTime: 1, late: 1, overdue: 1 });
    // Its own community only: other test files' cases share the database.
    await sweepCaseDeadlines(platform.dataSources.grid!, new Date(), { regionCode: community });
    const read = await gql<{ case: { whistles: Array<{ id: string; flagged: boolean; late: boolean }> } }>(
      platform,
      admin,
      'query ($id: ID!) { case(id: $id) { whistles { id flagged late } } }',
      { id: caseId },
    );
    expect(read.data!.case.whistles.find((w) => w.id === overdue!.id)).toMatchObject({ flagged: true, late: true });
    expect(read.data!.case.whistles.find((w) => w.id === late!.id)).toMatchObject({ flagged: false, late: true });
  });
});

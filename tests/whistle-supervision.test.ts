import { sweepCaseDeadlines } from '../services/grid/src/case/case.jobs';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Whistles followed to the end (每一哨都有人办、有人跟、有人督, Liupanshui's 吹哨应哨 mini-program), through
 * the gateway: the region's list for the staff who supervise (scoped like `cases`), whistles withdrawn
 * with a case that ended before their limit (not overdue, not flagged, not waiting, not answerable),
 * and a reporting-in Party member reading the case behind their whistle but no household and no other
 * case. Sheyang (射阳县), fresh streets of its own; the deadline job runs for this file's streets only.
 */

const COUNTY = '320924';
const CITY = '3209';

const CREATE_DEPARTMENT = 'mutation ($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }';
const BLOW = 'mutation ($i: BlowWhistleInput!) { blowWhistle(input: $i) { id whistles { id department { id } answerBy } } }';
const ANSWER = 'mutation ($i: AnswerWhistleInput!) { answerWhistle(input: $i) { id answered status } }';
const LIST = `query ($c: ID!, $f: WhistleFilter, $first: Int, $after: String) {
  whistles(regionCode: $c, filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status case { id } department { id } } }
  } }`;
const WHISTLE_FIELDS = 'id status late flagged withdrawnAt answerBy answered';
const STATS =
  'query ($c: ID!) { region(code: $c) { gridStats { whistlesBlown whistlesOverdue whistlesWithdrawn whistlesAnsweredInTime } } }';

type Result = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const errorOf = (result: Result) => result.errors?.[0]?.extensions;
const uniqueName = (stem: string) => `${stem}${Math.random().toString(36).slice(2, 8)}`;

interface ListPage {
  whistles: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: Array<{ node: { id: string; status: string; case: { id: string } | null; department: { id: string } | null } }>;
  };
}
interface Whistle {
  id: string;
  status: string;
  late: boolean;
  flagged: boolean;
  withdrawnAt: string | null;
  answerBy: string;
  answered: boolean;
}

describe('whistles followed by the region, withdrawn with their case, and read by the Party members they call', () => {
  let platform: RunningPlatform;
  let admin: string;
  let street: string;
  let community: string;
  let otherStreet: string;
  let otherCommunity: string;
  let gridId: string;
  let otherGridId: string;
  let farGridId: string;
  let housing: string;
  let urban: string;
  let housingStaff: string;
  let urbanStaff: string;
  let communityStaff: string;
  let farCommunityStaff: string;

  async function run<T>(query: string, variables: Record<string, unknown>, token = admin): Promise<T> {
    const result = await gql<Record<string, T>>(platform, token, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }

  const reportCase = async (grid: string, extra: Record<string, unknown> = {}) =>
    (
      await run<{ id: string }>('mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }', {
        i: { gridId: grid, channel: 'HOTLINE', category: '市场秩序', description: '摊点占用消防通道', severity: 'HARD', ...extra },
      })
    ).id;
  const blow = async (token: string, input: Record<string, unknown>) =>
    (await run<{ whistles: Array<{ id: string; department: { id: string } | null; answerBy: string }> }>(BLOW, { i: input }, token))
      .whistles;
  const list = (token: string, regionCode: string, filter: Record<string, unknown> = {}, first = 100, after: string | null = null) =>
    gql<ListPage>(platform, token, LIST, { c: regionCode, f: filter, first, after });
  const idsOf = (page: { data?: ListPage | null }) => page.data!.whistles.edges.map((e) => e.node.id);
  const whistlesOf = async (caseId: string) =>
    (await run<{ whistles: Whistle[] }>(`query ($id: ID!) { case(id: $id) { whistles { ${WHISTLE_FIELDS} } } }`, { id: caseId })).whistles;
  const step = (name: string, input: string, variables: Record<string, unknown>, token = admin) =>
    run<{ status: string }>(`mutation ($i: ${input}!) { ${name}(input: $i) { status } }`, { i: variables }, token);
  const stats = async (code: string) => (await run<{ gridStats: Record<string, number> }>(STATS, { c: code })).gridStats;
  const waitingFor = async (token: string) =>
    (await run<{ edges: Array<{ node: { id: string } }> }>('{ myWhistles(first: 500) { edges { node { id } } } }', {}, token)).edges.map(
      (e) => e.node.id,
    );

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ sub: 'supervision-admin', name: '王主任', roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    ({ street, community } = await seedCommunity(platform, COUNTY, '督办测试社区'));
    ({ street: otherStreet, community: otherCommunity } = await seedCommunity(platform, COUNTY, '督办测试远社区'));
    const grid = (regionCode: string, name: string) =>
      run<{ id: string }>('mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
        i: { code: randomGridCode(), name, kind: 'COMPREHENSIVE', regionCode },
      });
    gridId = (await grid(community, '督办测试网格')).id;
    otherGridId = (await grid(community, '督办测试邻网格')).id;
    farGridId = (await grid(otherCommunity, '督办测试远网格')).id;
    const department = async (name: string, kind: string) =>
      (await run<{ id: string }>(CREATE_DEPARTMENT, { i: { countyCode: COUNTY, name: uniqueName(name), kind } })).id;
    housing = await department('射阳县住建督办局', 'HOUSING');
    urban = await department('射阳县城管督办局', 'URBAN_MANAGEMENT');
    housingStaff = await tokenFor({ sub: 'supervision-housing', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: housing });
    urbanStaff = await tokenFor({ sub: 'supervision-urban', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: urban });
    communityStaff = await tokenFor({ sub: 'supervision-community', roles: ['COMMUNITY_STAFF'], regions: [community] });
    farCommunityStaff = await tokenFor({ sub: 'supervision-far-community', roles: ['COMMUNITY_STAFF'], regions: [otherCommunity] });
    await catchUpEvents(platform);
  }, 60_000);
  afterAll(() => platform.stop());

  it('lists a region’s whistles to the staff who follow them, scoped like cases, the latest blown first, filtered and paged', async () => {
    const streetStaff = await tokenFor({ sub: 'supervision-street', roles: ['STREET_STAFF'], regions: [street] });
    const otherStreetStaff = await tokenFor({ sub: 'supervision-other-street', roles: ['STREET_STAFF'], regions: [otherStreet] });
    const first = await reportCase(gridId);
    const second = await reportCase(otherGridId);
    const far = await reportCase(farGridId);
    const onFirst = await blow(streetStaff, { caseId: first, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [housing, urban] });
    const [onSecond] = await blow(communityStaff, { caseId: second, whistleType: 'MARKET_ORDER', departmentIds: [housing] });
    const [onFar] = await blow(farCommunityStaff, { caseId: far, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [urban] });
    // The latest blown first; the two blown together by id.
    const expected = [onSecond!.id, ...onFirst.map((w) => w.id).sort()];

    const city = await tokenFor({ roles: ['CITY_ADMIN'], regions: [CITY] });
    const byCity = await list(city, street);
    expect(byCity.errors).toBeUndefined();
    expect(idsOf(byCity)).toEqual(expected);
    expect(byCity.data!.whistles.totalCount).toBe(3);
    expect(byCity.data!.whistles.edges.map((e) => e.node.case?.id)).toEqual([second, first, first]);
    expect(idsOf(await list(admin, street))).toEqual(expected);
    expect(idsOf(await list(admin, otherStreet))).toEqual([onFar!.id]);
    expect(idsOf(await list(streetStaff, street))).toEqual(expected);
    expect(idsOf(await list(communityStaff, community))).toEqual(expected);
    // Outside the caller's scope: nothing, as for `cases`.
    expect(idsOf(await list(otherStreetStaff, street))).toEqual([]);
    expect(idsOf(await list(farCommunityStaff, street))).toEqual([]);
    expect(idsOf(await list(communityStaff, otherCommunity))).toEqual([]);
    // A gridworker follows the whistles on the cases of their own grid only.
    const gridworker = await tokenFor({ sub: 'supervision-gridworker', roles: ['GRIDWORKER'], regions: [community], grids: [gridId] });
    expect(idsOf(await list(gridworker, community)).sort()).toEqual(onFirst.map((w) => w.id).sort());
    // Those who answer keep myWhistles.
    expect(errorOf(await list(housingStaff, street))?.code).toBe('FORBIDDEN');
    const member = await tokenFor({ roles: ['PARTY_MEMBER'], regions: [community] });
    expect(errorOf(await list(member, community))?.code).toBe('FORBIDDEN');

    // Filters, each narrowing to what it names.
    expect(idsOf(await list(streetStaff, street, { departmentId: housing })).sort()).toEqual(
      [onSecond!.id, onFirst.find((w) => w.department?.id === housing)!.id].sort(),
    );
    expect(idsOf(await list(streetStaff, street, { whistleType: 'MARKET_ORDER' }))).toEqual([onSecond!.id]);
    expect(idsOf(await list(streetStaff, street, { caseId: first })).sort()).toEqual(onFirst.map((w) => w.id).sort());
    expect(idsOf(await list(streetStaff, street, { blownFrom: new Date(Date.now() + 3600_000).toISOString() }))).toEqual([]);
    expect(idsOf(await list(streetStaff, street, { answeredBy: 'PARTY_MEMBER' }))).toEqual([]);
    expect(idsOf(await list(streetStaff, street, { status: 'WAITING' }))).toEqual(expected);
    await run(ANSWER, { i: { whistleId: onSecond!.id, action: '已派员到场' } }, housingStaff);
    expect(idsOf(await list(streetStaff, street, { status: 'ANSWERED' }))).toEqual([onSecond!.id]);
    expect(idsOf(await list(streetStaff, street, { status: 'WAITING' }))).toEqual(expected.slice(1));
    const bad = await list(streetStaff, street, { departmentId: 'housing-bureau' });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.departmentId' });
    const inverted = await list(streetStaff, street, { blownFrom: '2026-06-01T00:00:00Z', blownBefore: '2026-01-01T00:00:00Z' });
    expect(errorOf(inverted)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.blownBefore' });

    // Pages cut by the sort key: none repeated, none lost.
    const page1 = await list(streetStaff, street, {}, 2);
    expect(page1.data!.whistles.pageInfo.hasNextPage).toBe(true);
    const page2 = await list(streetStaff, street, {}, 2, page1.data!.whistles.pageInfo.endCursor);
    expect(page2.data!.whistles.pageInfo.hasNextPage).toBe(false);
    expect([...idsOf(page1), ...idsOf(page2)]).toEqual(expected);
  });

  it('withdraws a whistle with its case ended before its limit: not overdue, not flagged, not waiting, not answerable', async () => {
    const before = await stats(community);
    // Rejected while its whistle waits, the limit passing afterwards.
    const rejected = await reportCase(gridId);
    const [inTime] = await blow(communityStaff, { caseId: rejected, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [housing] });
    expect(await waitingFor(housingStaff)).toContain(inTime!.id);
    await step('rejectCase', 'RejectCaseInput', { caseId: rejected, reason: '不属于受理范围的事项' });
    await platform.dataSources.grid!.query(
      `UPDATE grid.case_whistle SET withdrawn_at = withdrawn_at - interval '48 hours', answer_by = answer_by - interval '48 hours' WHERE id = $1`,
      [inTime!.id],
    );
    // Missed first (its limit passed while the case was open), then the case rejected: a missed answer stays overdue.
    const missedCase = await reportCase(gridId);
    const [missed] = await blow(communityStaff, { caseId: missedCase, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [housing] });
    await platform.dataSources.grid!.query(`UPDATE grid.case_whistle SET answer_by = now() - interval '1 hour' WHERE id = $1`, [
      missed!.id,
    ]);
    await step('rejectCase', 'RejectCaseInput', { caseId: missedCase, reason: '群众已自行解决' });

    const [withdrawn] = await whistlesOf(rejected);
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', late: false, answered: false });
    expect(withdrawn!.withdrawnAt).not.toBeNull();
    const [stillOverdue] = await whistlesOf(missedCase);
    expect(stillOverdue).toMatchObject({ status: 'OVERDUE', late: true });
    expect(stillOverdue!.withdrawnAt).not.toBeNull();

    const after = await stats(community);
    expect({
      blown: after.whistlesBlown! - before.whistlesBlown!,
      overdue: after.whistlesOverdue! - before.whistlesOverdue!,
      withdrawn: after.whistlesWithdrawn! - before.whistlesWithdrawn!,
    }).toEqual({ blown: 2, overdue: 1, withdrawn: 1 });

    // The deadline job (this file's community only) flags the missed one, never the withdrawn one.
    await sweepCaseDeadlines(platform.dataSources.grid!, new Date(), { regionCode: community });
    expect((await whistlesOf(rejected))[0]).toMatchObject({ flagged: false, status: 'WITHDRAWN' });
    expect((await whistlesOf(missedCase))[0]).toMatchObject({ flagged: true, status: 'OVERDUE' });

    // Neither waits for the department any more, and neither can be answered.
    const waiting = await waitingFor(housingStaff);
    expect(waiting).not.toContain(inTime!.id);
    expect(waiting).not.toContain(missed!.id);
    for (const whistleId of [inTime!.id, missed!.id]) {
      const answer = await gql(platform, housingStaff, ANSWER, { i: { whistleId, action: '补充报到' } });
      expect(errorOf(answer)).toMatchObject({ code: 'CONFLICT', field: 'input.whistleId' });
    }
    // The region's list says the same.
    const streetStaff = await tokenFor({ sub: 'supervision-street-2', roles: ['STREET_STAFF'], regions: [street] });
    expect(idsOf(await list(streetStaff, street, { status: 'WITHDRAWN' }))).toContain(inTime!.id);
    expect(idsOf(await list(streetStaff, street, { status: 'OVERDUE' }))).toContain(missed!.id);
    expect(idsOf(await list(streetStaff, street, { status: 'OVERDUE' }))).not.toContain(inTime!.id);
  });

  it('lets a reopened case’s withdrawn whistle wait again, with the time it had left', async () => {
    const caseId = await reportCase(gridId);
    const [whistle] = await blow(communityStaff, { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [urban] });
    await step('acceptCase', 'CaseTransitionInput', { caseId });
    await step('assignCase', 'AssignCaseInput', { caseId, departmentId: housing });
    await step('startCase', 'CaseTransitionInput', { caseId }, housingStaff);
    await step('resolveCase', 'CaseTransitionInput', { caseId }, housingStaff);
    expect((await whistlesOf(caseId))[0]).toMatchObject({ status: 'WITHDRAWN' });
    expect(await waitingFor(urbanStaff)).not.toContain(whistle!.id);
    // The reporter (the administrator who took the call) reopens it.
    expect((await step('reopenCase', 'CaseTransitionInput', { caseId })).status).toBe('REOPENED');
    const [again] = await whistlesOf(caseId);
    expect(again).toMatchObject({ status: 'WAITING', withdrawnAt: null });
    expect(new Date(again!.answerBy).getTime()).toBeGreaterThanOrEqual(new Date(whistle!.answerBy).getTime());
    expect(await waitingFor(urbanStaff)).toContain(whistle!.id);
    expect((await run<{ status: string }>(ANSWER, { i: { whistleId: whistle!.id, action: '复查到场' } }, urbanStaff)).status).toBe(
      'ANSWERED',
    );
  });

  it('shows a reporting-in Party member the case behind their whistle, never its household nor any other case', async () => {
    const committee = await run<{ id: string }>(
      'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      { i: { name: '督办测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street } },
    );
    const organisation = await run<{ id: string }>(
      'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      { i: { name: '督办测试社区党委', level: 'COMMUNITY', regionCode: community, parentId: committee.id } },
    );
    const register = (name: string) =>
      run<{ id: string }>('mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }', {
        i: { organisationId: organisation.id, name, residentId: randomResidentId(COUNTY) },
      });
    const reporting = await register('陈报到');
    const atHome = await register('林党员');
    const report = await run<{ id: string }>('mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }', {
      i: { memberId: reporting.id, communityCode: community, workUnit: '射阳县教育局', certificateNo: 'FWZ-SUP', letterNo: 'BDH-SUP' },
    });
    await run('mutation ($id: ID!) { confirmDoubleReport(id: $id) { id } }', { id: report.id });
    await run('mutation ($i: AssignDoubleReportInput!) { assignDoubleReport(input: $i) { id } }', { i: { id: report.id, gridId } });
    await catchUpEvents(platform);

    const household = await run<{ id: string }>('mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }', {
      i: {
        gridId,
        address: '督办小区3栋2单元501',
        members: [{ name: '赵独居', phone: '13900002222', residentId: randomResidentId(COUNTY), relation: 'HEAD' }],
      },
    });
    const description = '独居老人家中水管漏水，需上门关阀并联系维修';
    const caseId = await reportCase(gridId, { householdId: household.id, category: '为老服务', description, severity: 'SMALL' });
    await blow(communityStaff, { caseId, whistleType: 'PARTY_MEMBER_SERVICE', note: '请上门查看' });
    // A case of the same community whistled to a department only, and one the member was never called to.
    const departmentCase = await reportCase(gridId);
    await blow(communityStaff, { caseId: departmentCase, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [urban] });
    const quietCase = await reportCase(gridId);

    // Even a grids claim opens no household to a Party member.
    const member = await tokenFor({
      sub: 'supervision-member',
      roles: ['PARTY_MEMBER'],
      regions: [community],
      member: reporting.id,
      grids: [gridId],
    });
    const CASE_OF_WHISTLE = `{ myWhistles { edges { node { id case {
      id category status description severity handlingLevel grid { id } region { code } household { id address } reporterName
    } } } } }`;
    const mine = await run<{ edges: Array<{ node: { case: Record<string, unknown> | null } }> }>(CASE_OF_WHISTLE, {}, member);
    expect(mine.edges.map((e) => e.node.case)).toEqual([
      {
        id: caseId,
        category: '为老服务',
        status: 'REPORTED',
        description,
        severity: 'SMALL',
        handlingLevel: 'UNIT',
        grid: { id: gridId },
        region: { code: community },
        household: null,
        // The reporter's name stays masked, as for a department's staff.
        reporterName: '王**',
      },
    ]);
    const CASE = 'query ($id: ID!) { case(id: $id) { id household { id } } }';
    const direct = await gql<{ case: { id: string; household: unknown } | null }>(platform, member, CASE, { id: caseId });
    expect(direct.errors).toBeUndefined();
    expect(direct.data!.case).toEqual({ id: caseId, household: null });
    const reveal = await gql(platform, member, 'query ($id: ID!) { case(id: $id) { reporterName(reveal: true) } }', { id: caseId });
    expect(errorOf(reveal)?.code).toBe('FORBIDDEN');
    const household_ = await gql(platform, member, 'query ($id: ID!) { household(id: $id) { id } }', { id: household.id });
    expect(errorOf(household_)?.code).toBe('FORBIDDEN');
    // No other case: not one whistled to a department, not one never whistled.
    for (const other of [departmentCase, quietCase]) {
      const read = await gql<{ case: unknown }>(platform, member, CASE, { id: other });
      expect(read.errors).toBeUndefined();
      expect(read.data!.case).toBeNull();
    }
    // A Party member of the community who does not report in to it sees nothing of it.
    const notReportingIn = await tokenFor({ sub: 'supervision-at-home', roles: ['PARTY_MEMBER'], regions: [community], member: atHome.id });
    const theirs = await gql<{ case: unknown }>(platform, notReportingIn, CASE, { id: caseId });
    expect(theirs.data!.case).toBeNull();
  });
});

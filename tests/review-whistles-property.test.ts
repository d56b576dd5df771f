import { spawn } from 'node:child_process';
import { sweepCaseDeadlines } from '../services/grid/src/case/case.jobs';
import { blockedAddressReason } from '../services/property/src/bureau-webhook/bureau-webhook.rules';
import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';
import { NO_REDIS, ROOT } from './start-process';

/**
 * Review of the whistles followed to the end (issue 11, 吹哨报到) and of the property service's webhook
 * and annual-assessment changes, through the gateway, as their users would try them: staff of other
 * streets and counties, gridworkers, departments, Party members, the dashboard; bad filters; paging;
 * the region's list against `Region.gridStats` and `myWhistles` for the same whistles. Tianzhu
 * (天柱县), which no other whistle test uses (they count Sheyang's), fresh communities of its own;
 * the deadline job runs for this file's community only.
 */

const COUNTY = '522627';

const BLOW = 'mutation ($i: BlowWhistleInput!) { blowWhistle(input: $i) { id whistles { id department { id } answerBy } } }';
const ANSWER = 'mutation ($i: AnswerWhistleInput!) { answerWhistle(input: $i) { id } }';
const LIST = `query ($c: ID!, $f: WhistleFilter, $first: Int, $after: String) {
  whistles(regionCode: $c, filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status } }
  } }`;
const STATS = `query ($c: ID!) { region(code: $c) { gridStats {
  whistlesBlown whistlesAnsweredInTime whistlesAnsweredLate whistlesOverdue whistlesWithdrawn } } }`;

type Result = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const errorOf = (result: Result) => result.errors?.[0]?.extensions;
const uniqueName = (stem: string) => `${stem}${Math.random().toString(36).slice(2, 8)}`;

interface ListPage {
  whistles: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; status: string } }>;
  };
}

describe('review: whistles followed by the region, and what each role reads of a whistled case', () => {
  let platform: RunningPlatform;
  let admin: string;
  let street: string;
  let community: string;
  let gridId: string;
  let housing: string;
  let urban: string;
  let water: string;
  let housingStaff: string;
  let communityStaff: string;

  async function run<T>(query: string, variables: Record<string, unknown>, token = admin): Promise<T> {
    const result = await gql<Record<string, T>>(platform, token, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  const reportCase = async (token = admin) =>
    (
      await run<{ id: string }>(
        'mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }',
        { i: { gridId, channel: 'MINI_PROGRAM', category: '设施维修', description: '楼道灯不亮，晚上看不清台阶', severity: 'SMALL' } },
        token,
      )
    ).id;
  const blow = async (input: Record<string, unknown>) =>
    (await run<{ whistles: Array<{ id: string; department: { id: string } | null }> }>(BLOW, { i: input }, communityStaff)).whistles;
  const list = (token: string, regionCode: string, filter: Record<string, unknown> = {}, first = 100, after: string | null = null) =>
    gql<ListPage>(platform, token, LIST, { c: regionCode, f: filter, first, after });
  const idsOf = (page: { data?: ListPage | null }) => page.data!.whistles.edges.map((e) => e.node.id);

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ sub: 'review-whistles-admin', name: '周主任', roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    ({ street, community } = await seedCommunity(platform, COUNTY, '吹哨复核社区'));
    gridId = (
      await run<{ id: string }>('mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
        i: { code: randomGridCode(), name: '吹哨复核网格', kind: 'COMPREHENSIVE', regionCode: community },
      })
    ).id;
    const department = async (name: string, kind: string) =>
      (
        await run<{ id: string }>('mutation ($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }', {
          i: { countyCode: COUNTY, name: uniqueName(name), kind },
        })
      ).id;
    housing = await department('天柱县住建复核局', 'HOUSING');
    urban = await department('天柱县城管复核局', 'URBAN_MANAGEMENT');
    water = await department('天柱县水务复核局', 'OTHER');
    housingStaff = await tokenFor({ sub: 'review-whistles-housing', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: housing });
    communityStaff = await tokenFor({ sub: 'review-whistles-community', roles: ['COMMUNITY_STAFF'], regions: [community] });
    await catchUpEvents(platform);
  }, 60_000);
  afterAll(() => platform.stop());

  it('keeps a resident reporter’s whole name out of the case history for those who see it masked', async () => {
    const resident = await tokenFor({ sub: 'review-whistles-resident', name: '李秀英', roles: ['RESIDENT'], regions: [community] });
    const caseId = await reportCase(resident);
    await blow({ caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [housing] });
    const HISTORY = 'query ($id: ID!) { case(id: $id) { reporterName events { action actorName } } }';
    type History = { case: { reporterName: string; events: Array<{ action: string; actorName: string }> } };
    const streetStaff = await tokenFor({ sub: 'review-whistles-street', roles: ['STREET_STAFF'], regions: [street] });
    for (const token of [housingStaff, streetStaff, admin]) {
      const read = await gql<History>(platform, token, HISTORY, { id: caseId });
      expect(read.errors).toBeUndefined();
      expect(read.data!.case.reporterName).toBe('李**');
      // The report's own event names the reporter: masked as `reporterName` is, never whole.
      const names = read.data!.case.events.map((e) => e.actorName);
      expect(names).not.toContain('李秀英');
      expect(read.data!.case.events.find((e) => e.action === 'REPORT')!.actorName).toBe('李**');
      // Staff who acted keep their names.
      expect(read.data!.case.events.find((e) => e.action === 'WHISTLE')!.actorName).not.toMatch(/\*/);
    }
    // The reporter reads their own name whole.
    const own = await gql<{ myCases: { edges: Array<{ node: { id: string; events: Array<{ action: string; actorName: string }> } }> } }>(
      platform,
      resident,
      '{ myCases { edges { node { id events { action actorName } } } } }',
      {},
    );
    expect(own.errors).toBeUndefined();
    const mine = own.data!.myCases.edges.find((e) => e.node.id === caseId)!.node;
    expect(mine.events.find((e) => e.action === 'REPORT')!.actorName).toBe('李秀英');
  });

  it('shows a reporting-in Party member the reporter masked in the history too', async () => {
    const committee = await run<{ id: string }>(
      'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      { i: { name: uniqueName('复核街道党工委'), level: 'STREET_WORKING_COMMITTEE', regionCode: street } },
    );
    const organisation = await run<{ id: string }>(
      'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      { i: { name: uniqueName('复核社区党委'), level: 'COMMUNITY', regionCode: community, parentId: committee.id } },
    );
    const reporting = await run<{ id: string }>('mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }', {
      i: { organisationId: organisation.id, name: '吴报到', residentId: randomResidentId(COUNTY) },
    });
    const report = await run<{ id: string }>('mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }', {
      i: { memberId: reporting.id, communityCode: community, workUnit: '天柱县卫健委', certificateNo: 'FWZ-RV', letterNo: 'BDH-RV' },
    });
    await run('mutation ($id: ID!) { confirmDoubleReport(id: $id) { id } }', { id: report.id });
    await run('mutation ($i: AssignDoubleReportInput!) { assignDoubleReport(input: $i) { id } }', { i: { id: report.id, gridId } });
    await catchUpEvents(platform);

    const resident = await tokenFor({ sub: 'review-whistles-resident-2', name: '韩梅梅', roles: ['RESIDENT'], regions: [community] });
    const caseId = await reportCase(resident);
    await blow({ caseId, whistleType: 'PARTY_MEMBER_SERVICE', note: '请党员上门看看' });
    const member = await tokenFor({ sub: 'review-whistles-member', roles: ['PARTY_MEMBER'], regions: [community], member: reporting.id });
    const read = await gql<{ case: { reporterName: string; events: Array<{ action: string; actorName: string }> } | null }>(
      platform,
      member,
      'query ($id: ID!) { case(id: $id) { reporterName events { action actorName } } }',
      { id: caseId },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.case!.reporterName).toBe('韩**');
    expect(read.data!.case!.events.map((e) => e.actorName)).not.toContain('韩梅梅');
  });

  it('refuses the whistles list to those who answer, the dashboard and residents; other streets and counties see none', async () => {
    const caseId = await reportCase();
    const [whistle] = await blow({ caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [urban] });
    const forbidden = [
      housingStaff,
      await tokenFor({ roles: ['DASHBOARD'], regions: [COUNTY] }),
      await tokenFor({ roles: ['RESIDENT'], regions: [community] }),
      await tokenFor({ roles: ['VOLUNTEER'], regions: [community] }),
    ];
    for (const token of forbidden) expect(errorOf(await list(token, community))?.code).toBe('FORBIDDEN');
    const otherCounty = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['320923'] });
    const otherStreet = await tokenFor({ roles: ['STREET_STAFF'], regions: [`${COUNTY}999`] });
    const otherGridworker = await tokenFor({
      roles: ['GRIDWORKER'],
      regions: [community],
      grids: ['00000000-0000-4000-8000-000000000000'],
    });
    for (const token of [otherCounty, otherStreet, otherGridworker]) {
      for (const code of [community, COUNTY]) {
        const page = await list(token, code);
        expect(page.errors).toBeUndefined();
        expect(idsOf(page)).not.toContain(whistle!.id);
      }
    }
    const gridworker = await tokenFor({ roles: ['GRIDWORKER'], regions: [community], grids: [gridId] });
    expect(idsOf(await list(gridworker, community))).toContain(whistle!.id);
  });

  it('names the bad argument of the whistles list', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ whistleType: 'joint' }, 'filter.whistleType'],
      [{ caseId: 'case-1' }, 'filter.caseId'],
      [{ departmentId: '' }, 'filter.departmentId'],
      [{ blownFrom: '2026-01-01T00:00:00Z', blownBefore: '2026-01-01T00:00:00Z' }, 'filter.blownBefore'],
    ];
    for (const [filter, field] of bad)
      expect(errorOf(await list(admin, community, filter))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errorOf(await list(admin, 'abc'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(await list(admin, community, {}, 0))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await list(admin, community, {}, 501))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await list(admin, community, {}, 10, 'not-a-cursor'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await list(admin, community, { status: 'LOST' })).errors).toBeDefined();
  });

  it('settles an answer racing the case’s resolution: answered or withdrawn, never an internal error', async () => {
    const urbanStaff = await tokenFor({ sub: 'review-whistles-urban', roles: ['DEPARTMENT_STAFF'], regions: [COUNTY], department: urban });
    const STEP = (name: string, input: string) => `mutation ($i: ${input}!) { ${name}(input: $i) { id } }`;
    for (let round = 0; round < 12; round += 1) {
      const caseId = await reportCase();
      const [whistle] = await blow({ caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [urban] });
      await run(STEP('acceptCase', 'CaseTransitionInput'), { i: { caseId } });
      await run(STEP('assignCase', 'AssignCaseInput'), { i: { caseId, departmentId: housing } });
      await run(STEP('startCase', 'CaseTransitionInput'), { i: { caseId } }, housingStaff);
      const [answered, resolved] = await Promise.all([
        gql(platform, urbanStaff, ANSWER, { i: { whistleId: whistle!.id, action: '联合执法到场' } }),
        gql(platform, housingStaff, STEP('resolveCase', 'CaseTransitionInput'), { i: { caseId } }),
      ]);
      for (const result of [answered, resolved]) if (result.errors) expect(errorOf(result)?.code).toBe('CONFLICT');
      const after = await run<{ status: string; whistles: Array<{ status: string }> }>(
        'query ($id: ID!) { case(id: $id) { status whistles { status } } }',
        { id: caseId },
      );
      expect(after.whistles[0]!.status).toBe(answered.errors ? 'WITHDRAWN' : 'ANSWERED');
      expect(after.status).toBe(resolved.errors ? 'IN_PROGRESS' : 'RESOLVED');
    }
  });

  it('counts the same whistles in the list by status, in gridStats and in myWhistles; pages one by one without repeats', async () => {
    const fresh = await seedCommunity(platform, COUNTY, '吹哨对账社区');
    const freshGrid = (
      await run<{ id: string }>('mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
        i: { code: randomGridCode(), name: '吹哨对账网格', kind: 'COMPREHENSIVE', regionCode: fresh.community },
      })
    ).id;
    const staff = await tokenFor({ sub: 'review-whistles-fresh', roles: ['COMMUNITY_STAFF'], regions: [fresh.community] });
    const report = async () =>
      (
        await run<{ id: string }>('mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }', {
          i: { gridId: freshGrid, channel: 'HOTLINE', category: '市场秩序', description: '占道经营堵塞通道', severity: 'HARD' },
        })
      ).id;
    const blowHere = async (caseId: string, departmentIds: string[]) =>
      (
        await run<{ whistles: Array<{ id: string; department: { id: string } }> }>(
          BLOW,
          { i: { caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds } },
          staff,
        )
      ).whistles;
    // Three whistles blown together (one instant), then: one answered in time, one answered late,
    // one overdue, one withdrawn with its rejected case, two waiting.
    const together = await blowHere(await report(), [housing, urban, water]);
    const byDepartment = (id: string) => together.find((w) => w.department.id === id)!.id;
    await run(ANSWER, { i: { whistleId: byDepartment(housing), action: '已到场处置' } }, housingStaff);
    const [late] = await blowHere(await report(), [housing]);
    const [overdue] = await blowHere(await report(), [urban]);
    const db = platform.dataSources.grid!;
    await db.query(`UPDATE grid.case_whistle SET answer_by = now() - interval '1 hour' WHERE id = ANY($1)`, [[late!.id, overdue!.id]]);
    await run(ANSWER, { i: { whistleId: late!.id, action: '迟到报到' } }, housingStaff);
    const rejected = await report();
    const [withdrawn] = await blowHere(rejected, [housing]);
    await run('mutation ($i: RejectCaseInput!) { rejectCase(input: $i) { id } }', { i: { caseId: rejected, reason: '不属于受理范围' } });
    await sweepCaseDeadlines(db, new Date(), { regionCode: fresh.community });

    const count = async (filter: Record<string, unknown>) => {
      const page = await list(admin, fresh.community, filter, 500);
      expect(page.errors).toBeUndefined();
      expect(page.data!.whistles.edges).toHaveLength(page.data!.whistles.totalCount);
      return page.data!.whistles.totalCount;
    };
    const byStatus = {
      ANSWERED: await count({ status: 'ANSWERED' }),
      OVERDUE: await count({ status: 'OVERDUE' }),
      WITHDRAWN: await count({ status: 'WITHDRAWN' }),
      WAITING: await count({ status: 'WAITING' }),
    };
    expect(byStatus).toEqual({ ANSWERED: 2, OVERDUE: 1, WITHDRAWN: 1, WAITING: 2 });
    const all = await count({});
    expect(all).toBe(6);
    const { gridStats } = await run<{ gridStats: Record<string, number> }>(STATS, { c: fresh.community });
    expect(gridStats).toEqual({
      whistlesBlown: all,
      whistlesAnsweredInTime: 1,
      whistlesAnsweredLate: 1,
      whistlesOverdue: byStatus.OVERDUE,
      whistlesWithdrawn: byStatus.WITHDRAWN,
    });
    // The statuses each whistle shows agree with the filter that found it.
    const listed = await list(admin, fresh.community, {}, 500);
    const statusOf = new Map(listed.data!.whistles.edges.map((e) => [e.node.id, e.node.status]));
    expect([statusOf.get(overdue!.id), statusOf.get(withdrawn!.id), statusOf.get(late!.id)]).toEqual(['OVERDUE', 'WITHDRAWN', 'ANSWERED']);
    // The housing bureau waits on none of its whistles here: one answered in time, one late, one withdrawn.
    const housingWaiting = await run<{ edges: Array<{ node: { id: string } }> }>(
      '{ myWhistles(first: 500) { edges { node { id } } } }',
      {},
      housingStaff,
    );
    const waitingIds = housingWaiting.edges.map((e) => e.node.id);
    for (const id of [byDepartment(housing), late!.id, withdrawn!.id]) expect(waitingIds).not.toContain(id);

    // One whistle a page: every whistle once, the three blown together by id.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const page = await list(staff, fresh.community, {}, 1, after);
      expect(page.errors).toBeUndefined();
      seen.push(...idsOf(page));
      if (!page.data!.whistles.pageInfo.hasNextPage) break;
      after = page.data!.whistles.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const togetherIds = together.map((w) => w.id).sort();
    expect(seen.slice(-3)).toEqual(togetherIds);
  });
});

describe('review: bureau webhooks go to public addresses only', () => {
  it('refuses at start-up a production property worker told to deliver to loopback', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/property/src/worker.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PROPERTY_WEBHOOK_ALLOW_LOOPBACK: 'on',
        JWT_SECRET: 'x'.repeat(32),
        PII_ENCRYPTION_KEY: '0'.repeat(64),
        PII_HASH_KEY: 'y'.repeat(32),
        PROPERTY_SUBGRAPH_SECRET: 'z'.repeat(32),
        // Nothing listens here: a worker that got past its start-up check would fail on these instead.
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
        REDIS_URL: NO_REDIS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(printed).toContain('PROPERTY_WEBHOOK_ALLOW_LOOPBACK: must not be on in production');
    expect(printed).not.toMatch(/ECONNREFUSED/);
  }, 60_000);

  it('refuses IPv4-compatible and local-use NAT64 addresses, which are not global unicast', () => {
    const policy = { allowLoopback: false };
    // ::/96 embeds an IPv4 address (deprecated, RFC 4291); 64:ff9b:1::/48 is a network's own NAT64 prefix (RFC 8215).
    for (const address of ['::7f00:1', '::a9fe:a9fe', '::808:808', '64:ff9b:1:a00:1::', '64:ff9b:1::808:808'])
      expect(blockedAddressReason(address, policy)).toBeDefined();
    // The well-known NAT64 prefix still carries its IPv4 address, judged as such.
    expect(blockedAddressReason('64:ff9b::808:808', policy)).toBeUndefined();
    expect(blockedAddressReason('64:ff9b::a00:1', policy)).toMatch(/private/);
    expect(blockedAddressReason('2400:3200::1', policy)).toBeUndefined();
  });
});

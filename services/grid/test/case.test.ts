import {
  bullConnection,
  JobQueue,
  JobRun,
  queryCounterOf,
  queueNameOf,
  startJobWorker,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import { pendingSchemaChanges, startTestSubgraph, testIdentity, TEST_REDIS_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { CaseEscalation, CaseEvent, CaseWhistle, GridCase } from '../src/case/case.entity';
import { caseDeadlinesJob } from '../src/case/case.jobs';
import { reportCase } from '../src/case/case.commands';
import { sweepCaseDeadlines } from '../src/case/case.jobs';
import { transitionCase } from '../src/case/case.transitions';
import { seedGridDemo, ZHONGSHAN_CASES } from '../src/demo';
import { gridService } from '../src/service';
import { nodes, registerCommunities, registerDepartment, type Page } from './fixtures';

const CASE_FIELDS =
  'id status handlingLevel severity version deadlineAt overdue rating rejectionReason assigneeSubject reporterKind channel';
const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { ${CASE_FIELDS} } }`;
const op = (name: string, input: string) => `mutation ($input: ${input}!) { ${name}(input: $input) { ${CASE_FIELDS} } }`;
const ACCEPT = op('acceptCase', 'CaseTransitionInput');
const REJECT = op('rejectCase', 'RejectCaseInput');
const ASSIGN = op('assignCase', 'AssignCaseInput');
const START = op('startCase', 'CaseTransitionInput');
const RESOLVE = op('resolveCase', 'CaseTransitionInput');
const RATE = op('rateCase', 'RateCaseInput');
const REOPEN = op('reopenCase', 'CaseTransitionInput');
const ESCALATE = op('escalateCase', 'EscalateCaseInput');
const WHISTLE = `mutation ($input: BlowWhistleInput!) { blowWhistle(input: $input) { id version whistles { id department { id } answered late flagged } } }`;
const ANSWER = `mutation ($input: AnswerWhistleInput!) { answerWhistle(input: $input) { id answered answerAction late case { id } } }`;
const HISTORY = `query ($id: ID!) { case(id: $id) {
  id status version reporterName events { sequence action actorSubject fromStatus toStatus fromLevel toLevel note }
  escalations { fromLevel toLevel automatic reason } whistles { department { id } answered flagged }
} }`;
const STATS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { gridStats {
  regionCode grids gridsByKind { kind count } tenHouseholdUnits staff households
  casesCollected casesHandled handledRate casesOpen casesOverdue casesRejected
  casesBySeverity { severity collected handled } casesByHandlingLevel { level collected open }
  medianHandlingHours averageRating
} } } }`;

interface CaseResult {
  id: string;
  status: string;
  handlingLevel: string;
  version: number;
  overdue: boolean;
  rating: number | null;
  assigneeSubject: string | null;
  reporterKind: string;
}
interface Event {
  sequence: number;
  action: string;
  actorSubject: string;
  fromStatus: string | null;
  toStatus: string;
  fromLevel: string | null;
  toLevel: string;
  note: string | null;
}

describe('cases', () => {
  let sg: TestSubgraph;
  let community: string;
  let gridId: string;
  let admin: Identity;
  let staff: Identity;
  let gridworker: Identity;
  let resident: Identity;
  let street: Identity;

  const contextOf = (identity: Identity): SubgraphContext => ({
    identity,
    dataSource: sg.dataSource,
    operationName: undefined,
    loaders: new Map(),
  });

  async function ok<T>(query: string, variables: Record<string, unknown>, identity: Identity): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  async function code(query: string, variables: Record<string, unknown>, identity: Identity): Promise<string | undefined> {
    const result = await sg.query(query, variables, identity);
    return result.errors?.[0]?.extensions?.code;
  }
  const report = (overrides: Record<string, unknown> = {}, identity = resident) =>
    ok<CaseResult>(
      REPORT,
      {
        input: {
          gridId,
          channel: 'MINI_PROGRAM',
          category: '环境卫生',
          description: '楼道堆放杂物，影响通行',
          severity: 'BIG',
          ...overrides,
        },
      },
      identity,
    );
  const history = async (id: string) =>
    ok<{ status: string; version: number; events: Event[] } & Record<string, unknown>>(HISTORY, { id }, admin);

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    [community] = (await registerCommunities(sg, '520201', 1)).communities as [string];
    admin = testIdentity();
    const grid = await ok<{ id: string }>(
      'mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }',
      {
        input: { code: `C-${randomUUID().slice(0, 8).toUpperCase()}`, name: '案件测试网格', kind: 'COMPREHENSIVE', regionCode: community },
      },
      admin,
    );
    gridId = grid.id;
    staff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community], name: '社区干部' });
    gridworker = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [gridId], name: '网格员' });
    resident = testIdentity({ roles: ['RESIDENT'], regionScopes: [community], name: '张居民' });
    street = testIdentity({ roles: ['STREET_STAFF'], regionScopes: [community.slice(0, 9)], name: '街道干部' });
    // The gridworker serves the grid with their account, so cases of the grid can be assigned to them.
    await ok(
      'mutation ($input: AppointGridStaffInput!) { appointGridStaff(input: $input) { id } }',
      { input: { gridId, name: '网格员', role: 'GRIDWORKER', employment: 'FULL_TIME', subject: gridworker.subject } },
      admin,
    );
  });
  afterAll(() => sg.stop());

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('takes a case from report to close, each step an event, in the right order', async () => {
    const reported = await report();
    expect(reported).toMatchObject({ status: 'REPORTED', handlingLevel: 'GRID', version: 1, overdue: false, reporterKind: 'RESIDENT' });
    const input = { caseId: reported.id };
    expect((await ok<CaseResult>(ACCEPT, { input }, gridworker)).status).toBe('ACCEPTED');
    const assigned = await ok<CaseResult>(
      ASSIGN,
      { input: { ...input, assigneeSubject: gridworker.subject, assigneeName: '网格员' } },
      staff,
    );
    expect(assigned).toMatchObject({ status: 'ASSIGNED', assigneeSubject: gridworker.subject });
    expect((await ok<CaseResult>(START, { input }, gridworker)).status).toBe('IN_PROGRESS');
    expect((await ok<CaseResult>(RESOLVE, { input: { ...input, note: '已清理' } }, gridworker)).status).toBe('RESOLVED');
    const closed = await ok<CaseResult>(RATE, { input: { ...input, rating: 5, comment: '很及时' } }, resident);
    expect(closed).toMatchObject({ status: 'CLOSED', rating: 5, version: 6 });

    const { events, reporterName } = await history(reported.id);
    expect(reporterName).toBe('张**');
    expect(events.map((e) => [e.sequence, e.action, e.fromStatus, e.toStatus])).toEqual([
      [1, 'REPORT', null, 'REPORTED'],
      [2, 'ACCEPT', 'REPORTED', 'ACCEPTED'],
      [3, 'ASSIGN', 'ACCEPTED', 'ASSIGNED'],
      [4, 'START', 'ASSIGNED', 'IN_PROGRESS'],
      [5, 'RESOLVE', 'IN_PROGRESS', 'RESOLVED'],
      [6, 'RATE', 'RESOLVED', 'CLOSED'],
    ]);
    expect(events.map((e) => e.actorSubject)).toEqual([
      resident.subject,
      gridworker.subject,
      staff.subject,
      gridworker.subject,
      gridworker.subject,
      resident.subject,
    ]);
    expect(events[5]!.note).toBe('很及时');
  });

  it('refuses a transition from the wrong status (CONFLICT) or by the wrong party (FORBIDDEN), changing nothing', async () => {
    const reported = await report();
    const input = { caseId: reported.id };
    expect(await code(START, { input }, staff)).toBe('CONFLICT');
    expect(await code(RATE, { input: { ...input, rating: 5 } }, resident)).toBe('CONFLICT');
    const otherResident = testIdentity({ roles: ['RESIDENT'], regionScopes: [community] });
    expect(await code(RATE, { input: { ...input, rating: 5 } }, otherResident)).toBe('FORBIDDEN');
    const otherGridworker = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [randomUUID()] });
    expect(await code(ACCEPT, { input }, otherGridworker)).toBe('FORBIDDEN');
    expect(await code(ASSIGN, { input: { ...input, assigneeSubject: 'x', assigneeName: 'x' } }, gridworker)).toBe('FORBIDDEN');
    // A case outside the caller's scope is NOT_FOUND, like one that does not exist.
    const elsewhere = testIdentity({ roles: ['COUNTY_ADMIN'], regionScopes: ['520322'] });
    expect(await code(ACCEPT, { input }, elsewhere)).toBe('NOT_FOUND');
    expect(await code(ACCEPT, { input: { caseId: randomUUID() } }, staff)).toBe('NOT_FOUND');
    const bad = await sg.query(RATE, { input: { ...input, rating: 6 } }, resident);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rating' });
    expect(await code(ACCEPT, { input: { ...input, expectedVersion: 7 } }, staff)).toBe('CONFLICT');
    const after = await history(reported.id);
    expect(after).toMatchObject({ status: 'REPORTED', version: 1 });
    expect(after.events).toHaveLength(1);
  });

  it('keeps the note sent with a rejection or an escalation beside its reason in the history', async () => {
    const rejected = await report();
    await ok(REJECT, { input: { caseId: rejected.id, reason: '不属于网格事项', note: '已电话告知上报人' } }, staff);
    const escalated = await report();
    await ok(ESCALATE, { input: { caseId: escalated.id, reason: '需街道协调', note: '涉及两个社区' } }, staff);
    const notes = async (id: string) => (await history(id)).events.map((e) => e.note);
    expect(await notes(rejected.id)).toContain('不属于网格事项\n已电话告知上报人');
    expect(await notes(escalated.id)).toContain('需街道协调\n涉及两个社区');
  });

  it('rejects with a reason, and lets the reporter reopen within the period only', async () => {
    const rejected = await report();
    const result = await ok<CaseResult & { rejectionReason: string }>(
      REJECT,
      { input: { caseId: rejected.id, reason: '不属于网格事项' } },
      staff,
    );
    expect(result).toMatchObject({ status: 'REJECTED', rejectionReason: '不属于网格事项' });
    expect(await code(ACCEPT, { input: { caseId: rejected.id } }, staff)).toBe('CONFLICT');

    // Through the services with a clock: resolved ten days ago, past the default 7-day reopen period.
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000);
    const input = { caseId: '', expectedVersion: null, note: null };
    const walk = async (at: Date) => {
      const c = await reportCase.execute(
        contextOf(resident),
        {
          gridId,
          householdId: null,
          compound: null,
          channel: 'MINI_PROGRAM',
          category: '设施维修',
          description: '路灯不亮已一周',
          severity: 'SMALL',
          idempotencyKey: null,
        },
        at,
      );
      const i = { ...input, caseId: c.id };
      await transitionCase(contextOf(staff), 'ACCEPT', i, {}, at);
      await transitionCase(contextOf(staff), 'ASSIGN', i, { assigneeSubject: gridworker.subject, assigneeName: '网格员' }, at);
      await transitionCase(contextOf(gridworker), 'START', i, {}, at);
      await transitionCase(contextOf(gridworker), 'RESOLVE', i, {}, at);
      return c.id;
    };
    const old = await walk(tenDaysAgo);
    expect(await code(REOPEN, { input: { caseId: old } }, resident)).toBe('CONFLICT');
    const recent = await walk(new Date());
    const reopened = await ok<CaseResult>(REOPEN, { input: { caseId: recent } }, resident);
    expect(reopened.status).toBe('REOPENED');
    expect(await code(REOPEN, { input: { caseId: recent } }, staff)).toBe('FORBIDDEN');
    // Reopened work is assigned again.
    expect(
      (await ok<CaseResult>(ASSIGN, { input: { caseId: recent, assigneeSubject: staff.subject, assigneeName: '社区干部' } }, staff)).status,
    ).toBe('ASSIGNED');
  });

  it('lets a reporter follow their own cases, and nobody else’s', async () => {
    const neighbour = testIdentity({ roles: ['RESIDENT'], regionScopes: [community], name: '李邻居' });
    const mine = await report({ description: '路灯不亮，晚上出行不便' }, resident);
    const theirs = await report({ description: '小区门口积水' }, neighbour);
    const MY_CASES = 'query ($status: CaseStatus) { myCases(status: $status) { edges { node { id status } } } }';
    const listed = nodes(await ok<Page<{ id: string; status: string }>>(MY_CASES, {}, resident));
    expect(listed.map((c) => c.id)).toContain(mine.id);
    expect(listed.map((c) => c.id)).not.toContain(theirs.id);
    expect(nodes(await ok<Page<{ id: string }>>(MY_CASES, { status: 'CLOSED' }, resident)).map((c) => c.id)).not.toContain(mine.id);
    // The same subject outside the case's region sees nothing: scopes still apply.
    const moved = { ...resident, regionScopes: ['520322'] };
    expect(nodes(await ok<Page<unknown>>(MY_CASES, {}, moved))).toEqual([]);
  });

  it('shows a gridworker the cases of their grids only, as the household ledger does', async () => {
    const mine = await report({ description: '本网格的案件，网格员可见' });
    const CASES = 'query ($r: ID!) { cases(regionCode: $r, first: 500) { edges { node { id } } } }';
    const CASE = 'query ($id: ID!) { case(id: $id) { id } }';
    const listed = async (identity: Identity) => nodes(await ok<Page<{ id: string }>>(CASES, { r: community }, identity)).map((c) => c.id);
    const otherGridworker = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [randomUUID()] });
    expect(await listed(gridworker)).toContain(mine.id);
    expect(await listed(staff)).toContain(mine.id);
    expect(await listed(otherGridworker)).toEqual([]);
    expect(await ok(CASE, { id: mine.id }, otherGridworker)).toBeNull();
    expect(await ok(CASE, { id: mine.id }, gridworker)).toMatchObject({ id: mine.id });
    // Households follow the same rule.
    const HOUSEHOLDS = 'query ($g: ID!) { households(gridId: $g) { edges { node { id } } } }';
    expect(nodes(await ok<Page<unknown>>(HOUSEHOLDS, { g: gridId }, otherGridworker))).toEqual([]);
  });

  it('lets exactly one of two concurrent transitions win; the other gets CONFLICT and the history stays whole', async () => {
    for (let round = 0; round < 25; round += 1) {
      const reported = await report();
      const input = { caseId: reported.id };
      // Two transitions that exclude each other in either order, so exactly one may win whether the
      // requests overlap (the version check decides) or happen to run one after the other (the state does).
      let pair;
      if (round % 2 === 0) {
        pair = [sg.query(ACCEPT, { input }, staff), sg.query(ACCEPT, { input }, gridworker)];
      } else {
        expect((await sg.query(ACCEPT, { input }, staff)).errors).toBeUndefined();
        pair = [
          sg.query(ASSIGN, { input: { ...input, assigneeSubject: gridworker.subject, assigneeName: '网格员' } }, staff),
          sg.query(REJECT, { input: { ...input, reason: '重复上报' } }, gridworker),
        ];
      }
      const results = await Promise.all(pair);
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const events = await sg.dataSource.getRepository(CaseEvent).findBy({ caseId: reported.id });
      const row = await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: reported.id });
      const expected = round % 2 === 0 ? 2 : 3;
      expect(events.map((e) => e.sequence).sort()).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
      expect(row.version).toBe(expected);
      expect(events.find((e) => e.sequence === expected)!.toStatus).toBe(row.status);
    }
  });

  it('returns the first case for a retried report with the same idempotency key, even when retries race', async () => {
    const idempotencyKey = randomUUID();
    const first = await report({ idempotencyKey });
    const retry = await report({ idempotencyKey });
    expect(retry.id).toBe(first.id);
    // The same key with another report is a CONFLICT naming the key, and writes nothing.
    const reused = await sg.query(
      REPORT,
      {
        input: {
          gridId,
          channel: 'MINI_PROGRAM',
          category: '环境卫生',
          description: '另一件事，却用了同一个键',
          severity: 'BIG',
          idempotencyKey,
        },
      },
      resident,
    );
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    expect(reused.errors?.[0]?.message).toContain(idempotencyKey);
    expect(await sg.dataSource.getRepository(GridCase).countBy({ idempotencyKey })).toBe(1);
    const racingKey = randomUUID();
    const racing = await Promise.all(Array.from({ length: 6 }, () => report({ idempotencyKey: racingKey })));
    expect(new Set(racing.map((c) => c.id)).size).toBe(1);
    expect(await sg.dataSource.getRepository(GridCase).countBy({ idempotencyKey: racingKey })).toBe(1);
    // The key is the reporter's own: another reporter with the same key gets their own case.
    const other = await report({ idempotencyKey }, testIdentity({ roles: ['RESIDENT'], regionScopes: [community] }));
    expect(other.id).not.toBe(first.id);
    // Visits and hotline calls are staff work.
    expect(
      await code(
        REPORT,
        { input: { gridId, channel: 'VISIT', category: '走访', description: '居民反映噪音', severity: 'SMALL' } },
        resident,
      ),
    ).toBe('FORBIDDEN');
  });

  it('escalates by hand one level up with a reason, and not past the departments', async () => {
    const reported = await report({ severity: 'HARD' });
    expect(reported.handlingLevel).toBe('STREET');
    await ok(ACCEPT, { input: { caseId: reported.id } }, staff);
    await ok(ASSIGN, { input: { caseId: reported.id, assigneeSubject: gridworker.subject, assigneeName: '网格员' } }, staff);
    // Only street staff (or county and city administrators) take a case to the departments.
    expect(await code(ESCALATE, { input: { caseId: reported.id, reason: '涉及多个部门' } }, staff)).toBe('FORBIDDEN');
    const escalated = await ok<CaseResult>(ESCALATE, { input: { caseId: reported.id, reason: '涉及多个部门' } }, street);
    expect(escalated).toMatchObject({ handlingLevel: 'DEPARTMENT', status: 'ACCEPTED', assigneeSubject: null });
    expect(await code(ESCALATE, { input: { caseId: reported.id, reason: '再升级' } }, street)).toBe('CONFLICT');
    expect(await code(ESCALATE, { input: { caseId: reported.id, reason: '居民要求' } }, resident)).toBe('FORBIDDEN');
    const { events, escalations } = await history(reported.id);
    expect(events.at(-1)).toMatchObject({ action: 'ESCALATE', fromLevel: 'STREET', toLevel: 'DEPARTMENT', note: '涉及多个部门' });
    expect(escalations).toEqual([{ fromLevel: 'STREET', toLevel: 'DEPARTMENT', automatic: false, reason: '涉及多个部门' }]);
  });

  it('escalates only with the role of the level the case goes to (the issue’s gridworker cannot send a case to the departments)', async () => {
    const small = await report({ severity: 'SMALL' });
    expect(small.handlingLevel).toBe('UNIT');
    expect((await ok<CaseResult>(ESCALATE, { input: { caseId: small.id, reason: '联户处理不了' } }, gridworker)).handlingLevel).toBe(
      'GRID',
    );
    expect(await code(ESCALATE, { input: { caseId: small.id, reason: '网格处理不了' } }, gridworker)).toBe('FORBIDDEN');
    expect((await ok<CaseResult>(ESCALATE, { input: { caseId: small.id, reason: '网格处理不了' } }, staff)).handlingLevel).toBe(
      'COMMUNITY',
    );
    expect(await code(ESCALATE, { input: { caseId: small.id, reason: '社区处理不了' } }, staff)).toBe('FORBIDDEN');
    expect((await ok<CaseResult>(ESCALATE, { input: { caseId: small.id, reason: '社区处理不了' } }, street)).handlingLevel).toBe('STREET');
    const hard = await report({ severity: 'HARD' });
    expect(await code(ESCALATE, { input: { caseId: hard.id, reason: '网格员越级' } }, gridworker)).toBe('FORBIDDEN');
    expect((await history(hard.id)).events).toHaveLength(1);
  });

  it('assigns a case only to someone who can act on it: grid staff of its grid or community staff taking it on', async () => {
    const reported = await report();
    await ok(ACCEPT, { input: { caseId: reported.id } }, staff);
    const refused = await sg.query(
      ASSIGN,
      { input: { caseId: reported.id, assigneeSubject: 'nobody-at-all', assigneeName: '无名' } },
      staff,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assigneeSubject' });
    // Grid staff of another grid cannot act on this grid's cases.
    const otherGrid = await ok<{ id: string }>(
      'mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }',
      { input: { code: `O-${randomUUID().slice(0, 8).toUpperCase()}`, name: '另一网格', kind: 'COMPREHENSIVE', regionCode: community } },
      admin,
    );
    const elsewhere = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [otherGrid.id] });
    await ok(
      'mutation ($input: AppointGridStaffInput!) { appointGridStaff(input: $input) { id } }',
      { input: { gridId: otherGrid.id, name: '别处网格员', role: 'GRIDWORKER', employment: 'PART_TIME', subject: elsewhere.subject } },
      admin,
    );
    expect(await code(ASSIGN, { input: { caseId: reported.id, assigneeSubject: elsewhere.subject, assigneeName: '别处' } }, staff)).toBe(
      'BAD_USER_INPUT',
    );
    // A county administrator cannot name themselves: only community staff of the case's community take a case on.
    const countyAdmin = testIdentity({ roles: ['COUNTY_ADMIN'], regionScopes: ['520201'] });
    expect(
      await code(ASSIGN, { input: { caseId: reported.id, assigneeSubject: countyAdmin.subject, assigneeName: '县' } }, countyAdmin),
    ).toBe('BAD_USER_INPUT');
    expect((await history(reported.id)).status).toBe('ACCEPTED');
    const self = await ok<CaseResult>(
      ASSIGN,
      { input: { caseId: reported.id, assigneeSubject: staff.subject, assigneeName: '社区干部' } },
      staff,
    );
    expect(self).toMatchObject({ status: 'ASSIGNED', assigneeSubject: staff.subject });
    const toGrid = await ok<CaseResult>(
      ASSIGN,
      { input: { caseId: reported.id, assigneeSubject: gridworker.subject, assigneeName: '网格员' } },
      countyAdmin,
    );
    expect(toGrid.assigneeSubject).toBe(gridworker.subject);
  });

  it('blows a whistle by type to departments of the county, takes each answer once from the department’s own staff', async () => {
    const reported = await report({ severity: 'HARD' });
    const housing = await registerDepartment(sg, '520201', 'HOUSING');
    const urban = await registerDepartment(sg, '520201', 'URBAN_MANAGEMENT');
    const elsewhere = await registerDepartment(sg, '520322', 'WATER');
    const input = { caseId: reported.id, whistleType: 'HOUSING_PROPERTY', departmentIds: [housing, urban], limitHours: 48 };
    // HOUSING_PROPERTY is a street's whistle in the default list: community staff may not blow it.
    const refused = await sg.query(WHISTLE, { input }, staff);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.whistleType' });
    const blown = await ok<{ version: number; whistles: Array<{ id: string; department: { id: string }; answered: boolean }> }>(
      WHISTLE,
      { input },
      street,
    );
    // In the order blown, then by department id.
    expect(blown.whistles.map((w) => [w.department.id, w.answered])).toEqual(
      [
        [housing, false],
        [urban, false],
      ].sort(),
    );
    expect(await code(WHISTLE, { input: { ...input, departmentIds: [urban] } }, street)).toBe('CONFLICT');
    const twice = await sg.query(WHISTLE, { input: { ...input, departmentIds: [housing, housing] } }, street);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.departmentIds.1' });
    const unknown = await sg.query(WHISTLE, { input: { ...input, departmentIds: [randomUUID()] } }, street);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.departmentIds.0' });
    const otherCounty = await sg.query(WHISTLE, { input: { ...input, departmentIds: [elsewhere] } }, street);
    expect(otherCounty.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.departmentIds.0' });
    const noType = await sg.query(WHISTLE, { input: { ...input, whistleType: 'NO_SUCH_TYPE' } }, street);
    expect(noType.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.whistleType' });

    const whistleId = blown.whistles.find((w) => w.department.id === housing)!.id;
    const housingStaff = testIdentity({
      roles: ['DEPARTMENT_STAFF'],
      regionScopes: ['520201'],
      departmentId: housing,
      subject: 'housing-1',
    });
    const urbanStaff = testIdentity({ roles: ['DEPARTMENT_STAFF'], regionScopes: ['520201'], departmentId: urban, subject: 'urban-1' });
    // Community staff once answered for the housing bureau: only the bureau's own staff do.
    expect(await code(ANSWER, { input: { whistleId, action: '代为报到' } }, staff)).toBe('FORBIDDEN');
    expect(await code(ANSWER, { input: { whistleId, action: '代为报到' } }, urbanStaff)).toBe('FORBIDDEN');
    const answered = await ok<{ answered: boolean; late: boolean; answerAction: string }>(
      ANSWER,
      { input: { whistleId, action: '明日派员现场处置' } },
      housingStaff,
    );
    expect(answered).toMatchObject({ answered: true, late: false, answerAction: '明日派员现场处置' });
    expect(await code(ANSWER, { input: { whistleId, action: '再次报到' } }, housingStaff)).toBe('CONFLICT');
    const { events } = await history(reported.id);
    expect(events.map((e) => e.action)).toEqual(['REPORT', 'WHISTLE', 'ANSWER_WHISTLE']);
  });

  describe('the deadline job', () => {
    const HOUR = 3600 * 1000;

    it('escalates an overdue case once per deadline, closes quiet cases, flags unanswered whistles; a second run changes nothing', async () => {
      const reportedAt = new Date(Date.now() - 4 * 24 * HOUR);
      const base = {
        householdId: null,
        compound: null,
        channel: 'MINI_PROGRAM' as const,
        category: '环境卫生',
        description: '垃圾清运不及时',
        idempotencyKey: null,
      };
      const overdue = await reportCase.execute(contextOf(resident), { ...base, gridId, severity: 'SMALL' }, reportedAt);
      const onTime = await reportCase.execute(contextOf(resident), { ...base, gridId, severity: 'BIG' }, reportedAt);
      const quiet = await reportCase.execute(contextOf(resident), { ...base, gridId, severity: 'BIG' }, reportedAt);
      const i = { caseId: quiet.id, expectedVersion: null, note: null };
      await transitionCase(contextOf(staff), 'ACCEPT', i, {}, reportedAt);
      await transitionCase(contextOf(staff), 'ASSIGN', i, { assigneeSubject: staff.subject, assigneeName: '社区干部' }, reportedAt);
      await transitionCase(contextOf(staff), 'START', i, {}, reportedAt);
      const eightDaysAgo = new Date(Date.now() - 8 * 24 * HOUR);
      await sg.dataSource.getRepository(GridCase).update(quiet.id, { resolvedAt: eightDaysAgo });
      await transitionCase(contextOf(staff), 'RESOLVE', i, {}, reportedAt);
      await sg.dataSource.getRepository(GridCase).update(quiet.id, { resolvedAt: eightDaysAgo });
      const whistled = await ok<{ whistles: Array<{ id: string }> }>(
        WHISTLE,
        {
          input: {
            caseId: onTime.id,
            whistleType: 'EMERGENCY',
            departmentIds: [await registerDepartment(sg, '520201', 'EMERGENCY_MANAGEMENT')],
            limitHours: 1,
          },
        },
        street,
      );

      const now = new Date(Date.now() + 2 * HOUR);
      // A run limited to another region leaves this community's cases and whistles alone.
      const elsewhere = await sweepCaseDeadlines(sg.dataSource, now, { regionCode: '599999' });
      expect(elsewhere).toMatchObject({ escalated: 0, autoClosed: 0, whistlesFlagged: 0 });
      expect((await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: overdue.id })).version).toBe(1);
      const first = await sweepCaseDeadlines(sg.dataSource, now, { regionCode: community });
      expect(first.escalated).toBeGreaterThanOrEqual(1);
      expect(first.autoClosed).toBeGreaterThanOrEqual(1);
      expect(first.whistlesFlagged).toBeGreaterThanOrEqual(1);

      const escalated = await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: overdue.id });
      expect(escalated).toMatchObject({ handlingLevel: 'GRID', status: 'REPORTED', version: 2 });
      expect(escalated.deadlineAt.getTime()).toBe(now.getTime() + 72 * HOUR);
      const rows = await sg.dataSource.getRepository(CaseEscalation).findBy({ caseId: overdue.id });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ automatic: true, fromLevel: 'UNIT', toLevel: 'GRID', escalatedBy: 'system:case-deadlines' });
      expect(rows[0]!.missedDeadlineAt.getTime()).toBe(reportedAt.getTime() + 72 * HOUR);
      expect(rows[0]!.reason).toContain('Overdue');
      expect((await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: onTime.id })).handlingLevel).toBe('GRID');
      const closed = await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: quiet.id });
      expect(closed.status).toBe('CLOSED');
      const flagged = await sg.dataSource.getRepository(CaseWhistle).findOneByOrFail({ id: whistled.whistles[0]!.id });
      expect(flagged.flaggedAt?.getTime()).toBe(now.getTime());

      // Other test files write cases meanwhile, so the second run is judged by this test's own records.
      await sweepCaseDeadlines(sg.dataSource, now, { regionCode: community });
      expect(await sg.dataSource.getRepository(CaseEscalation).countBy({ caseId: overdue.id })).toBe(1);
      expect((await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: quiet.id })).version).toBe(closed.version);
      expect((await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: overdue.id })).version).toBe(2);
      expect((await sg.dataSource.getRepository(CaseWhistle).findOneByOrFail({ id: flagged.id })).flaggedAt?.getTime()).toBe(now.getTime());
      const events = await sg.dataSource.getRepository(CaseEvent).findBy({ caseId: quiet.id });
      expect(events.filter((e) => e.action === 'AUTO_CLOSE')).toHaveLength(1);
    });

    it('never escalates the same deadline twice, even when two runs race', async () => {
      const at = new Date(Date.now() - 30 * 24 * HOUR);
      const c = await reportCase.execute(
        contextOf(resident),
        {
          gridId,
          householdId: null,
          compound: null,
          channel: 'MINI_PROGRAM',
          category: '治安',
          description: '单元门禁损坏',
          severity: 'URGENT',
          idempotencyKey: null,
        },
        at,
      );
      const now = new Date();
      await Promise.all([
        sweepCaseDeadlines(sg.dataSource, now, { regionCode: community }),
        sweepCaseDeadlines(sg.dataSource, now, { regionCode: community }),
      ]);
      expect(await sg.dataSource.getRepository(CaseEscalation).countBy({ caseId: c.id })).toBe(1);
      const row = await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: c.id });
      expect(row).toMatchObject({ handlingLevel: 'STREET', version: 2 });
    });

    it('runs through a real worker against Redis, recording the run', async () => {
      const at = new Date(Date.now() - 30 * 24 * HOUR);
      const c = await reportCase.execute(
        contextOf(resident),
        {
          gridId,
          householdId: null,
          compound: null,
          channel: 'MINI_PROGRAM',
          category: '治安',
          description: '消防通道被占',
          severity: 'URGENT',
          idempotencyKey: null,
        },
        at,
      );
      const service = `grid-test-${randomUUID().slice(0, 8)}`;
      const connection = bullConnection(TEST_REDIS_URL);
      const worker = await startJobWorker({ service, dataSource: sg.dataSource, connection, jobs: [caseDeadlinesJob] });
      const producer = new JobQueue(service, connection);
      const events = new QueueEvents(queueNameOf(service), { connection });
      await events.waitUntilReady();
      try {
        const job = await producer.enqueue(caseDeadlinesJob, { now: new Date().toISOString(), regionCode: community });
        const result = (await job.waitUntilFinished(events, 15_000)) as { escalated: number };
        expect(result.escalated).toBeGreaterThanOrEqual(1);
        const run = await sg.dataSource.getRepository(JobRun).findOneByOrFail({ queue: producer.queue.name, jobId: job.id! });
        expect(run).toMatchObject({ jobName: 'case-deadlines', status: 'SUCCEEDED' });
        expect((await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: c.id })).handlingLevel).toBe('STREET');
      } finally {
        await producer.queue.obliterate({ force: true });
        await events.close();
        await producer.close();
        await worker.close();
      }
    });

    it('is scheduled every few minutes in the service definition, for every region (an empty payload)', () => {
      expect(gridService.schedules).toEqual([expect.objectContaining({ job: caseDeadlinesJob, every: 5 * 60 * 1000, payload: {} })]);
    });
  });

  describe('case policy', () => {
    const POLICY = `query ($c: ID!) { casePolicy(countyCode: $c) { countyCode smallHours urgentHours autoCloseDays reopenDays isDefault } }`;
    const SET = `mutation ($input: SetCasePolicyInput!) { setCasePolicy(input: $input) { countyCode smallHours isDefault } }`;

    it('shows the defaults, lets a county set its own, and uses them for new deadlines', async () => {
      const county = `59${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
      const countyAdmin = testIdentity({ regionScopes: [county] });
      // The county (and a community of it) as the organisation subgraph announces them: grid checks both.
      const [community] = (await registerCommunities(sg, county, 1)).communities as [string];
      expect(await ok(POLICY, { c: county }, countyAdmin)).toMatchObject({ isDefault: true, smallHours: 72, urgentHours: 24 });
      expect(await ok(POLICY, { c: county }, testIdentity({ regionScopes: ['520322'] }))).toBeNull();
      const input = { countyCode: county, smallHours: 48, bigHours: 120, hardHours: 240, urgentHours: 12, autoCloseDays: 5, reopenDays: 3 };
      expect(await code(SET, { input }, testIdentity({ regionScopes: ['520322'] }))).toBe('FORBIDDEN');
      // A county nobody announced is refused, naming the field, and nothing is set.
      const unknown = `58${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
      expect(await code(SET, { input: { ...input, countyCode: unknown } }, testIdentity({ regionScopes: [unknown] }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await ok(POLICY, { c: unknown }, testIdentity({ regionScopes: [unknown] }))).toMatchObject({ isDefault: true });
      // Deadlines out of the matters' order (a BIG deadline shorter than SMALL's) are refused, naming the field.
      const unordered = await sg.query(SET, { input: { ...input, bigHours: 24 } }, countyAdmin);
      expect(unordered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.bigHours' });
      expect(await ok(SET, { input }, countyAdmin)).toMatchObject({ smallHours: 48, isDefault: false });
      const streetOfCounty = testIdentity({ roles: ['STREET_STAFF'], regionScopes: [`${county}001`] });
      expect(await ok(POLICY, { c: county }, streetOfCounty)).toMatchObject({ smallHours: 48, reopenDays: 3, isDefault: false });
      const grid = await ok<{ id: string }>(
        'mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }',
        { input: { code: 'P-1', name: '政策测试网格', kind: 'COMPREHENSIVE', regionCode: community } },
        countyAdmin,
      );
      const at = new Date('2026-11-23T00:00:00Z');
      const c = await reportCase.execute(
        contextOf(countyAdmin),
        {
          gridId: grid.id,
          householdId: null,
          compound: null,
          channel: 'HOTLINE',
          category: '噪音',
          description: '夜间施工噪音扰民',
          severity: 'SMALL',
          idempotencyKey: null,
        },
        at,
      );
      expect(c.deadlineAt.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    });
  });

  describe('gridStats', () => {
    it('counts a region subtree exactly, scoped, in one statement for several regions', async () => {
      const [place] = (await registerCommunities(sg, '520201', 1)).communities as [string];
      const countyAdmin = testIdentity();
      const grid = await ok<{ id: string }>(
        'mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }',
        { input: { code: `S-${randomUUID().slice(0, 8).toUpperCase()}`, name: '统计测试网格', kind: 'COMPREHENSIVE', regionCode: place } },
        countyAdmin,
      );
      const who = testIdentity({ roles: ['RESIDENT'], regionScopes: [place] });
      const at = new Date(Date.now() - 10 * 3600 * 1000);
      const mk = (severity: 'SMALL' | 'BIG') =>
        reportCase.execute(
          contextOf(who),
          {
            gridId: grid.id,
            householdId: null,
            compound: null,
            channel: 'MINI_PROGRAM',
            category: '其他',
            description: '统计用案件描述',
            severity,
            idempotencyKey: null,
          },
          at,
        );
      const [a, b, c] = [await mk('SMALL'), await mk('SMALL'), await mk('BIG')];
      for (const [gridCase, hours, rating] of [
        [a, 2, 5],
        [b, 4, 3],
      ] as const) {
        const i = { caseId: gridCase.id, expectedVersion: null, note: null };
        await transitionCase(contextOf(countyAdmin), 'ACCEPT', i, {}, at);
        // Community staff of the place take the case on themselves (the grid has no staff with an account).
        const placeStaff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [place] });
        await transitionCase(contextOf(placeStaff), 'ASSIGN', i, { assigneeSubject: placeStaff.subject, assigneeName: '社区干部' }, at);
        await transitionCase(contextOf(countyAdmin), 'START', i, {}, at);
        await transitionCase(contextOf(countyAdmin), 'RESOLVE', i, {}, new Date(at.getTime() + hours * 3600 * 1000));
        await transitionCase(contextOf(who), 'RATE', i, { rating }, new Date());
      }
      await transitionCase(
        contextOf(countyAdmin),
        'REJECT',
        { caseId: c.id, expectedVersion: null, note: null },
        { reason: '不予受理' },
        at,
      );
      await mk('BIG');

      const counter = queryCounterOf(sg.dataSource);
      const before = counter.count;
      const dashboard = testIdentity({ roles: ['DASHBOARD'] });
      const result = await sg.query<{ _entities: Array<{ gridStats: Record<string, unknown> }> }>(
        STATS,
        { r: [place, place.slice(0, 9), '520322'].map((code) => ({ __typename: 'Region', code })) },
        dashboard,
      );
      expect(result.errors).toBeUndefined();
      expect(counter.count - before).toBe(1);
      const [stats, ofStreet, elsewhere] = result.data!._entities.map((e) => e.gridStats);
      expect(stats).toMatchObject({
        regionCode: place,
        grids: 1,
        casesCollected: 4,
        casesHandled: 2,
        handledRate: 0.5,
        casesOpen: 1,
        casesOverdue: 0,
        casesRejected: 1,
        casesBySeverity: [
          { severity: 'SMALL', collected: 2, handled: 2 },
          { severity: 'BIG', collected: 2, handled: 0 },
        ],
        medianHandlingHours: 3,
        averageRating: 4,
      });
      expect((ofStreet!.casesCollected as number) >= 4).toBe(true);
      expect(elsewhere).toMatchObject({ casesCollected: 0, grids: 0, handledRate: null });
      // Out of scope counts nothing.
      const outsider = await sg.query<{ _entities: Array<{ gridStats: { casesCollected: number } }> }>(
        STATS,
        { r: [{ __typename: 'Region', code: place }] },
        testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520322'] }),
      );
      expect(outsider.data!._entities[0]!.gridStats.casesCollected).toBe(0);
      expect(await code(STATS, { r: [{ __typename: 'Region', code: place }] }, testIdentity({ roles: ['RESIDENT'] }))).toBe('FORBIDDEN');
    });

    it('shows Zhongshan’s published 4,695 collected and 4,646 handled from the demo seed, idempotently', async () => {
      await seedGridDemo(sg.dataSource);
      await seedGridDemo(sg.dataSource);
      const result = await sg.query<{ _entities: Array<{ gridStats: Record<string, number> }> }>(
        STATS,
        { r: [{ __typename: 'Region', code: '520201001001' }] },
        testIdentity({ roles: ['DASHBOARD'] }),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities[0]!.gridStats).toMatchObject({
        casesCollected: ZHONGSHAN_CASES.collected,
        casesHandled: ZHONGSHAN_CASES.handled,
        casesOpen: 49,
        handledRate: 0.9896,
      });
      const demoCase = await sg.dataSource
        .getRepository(GridCase)
        .findOneOrFail({ where: { reporterSubject: 'demo-resident-1', status: 'CLOSED' } });
      const events = await sg.dataSource.getRepository(CaseEvent).find({ where: { caseId: demoCase.id }, order: { sequence: 'ASC' } });
      expect(events.map((e) => e.action)).toEqual(['REPORT', 'ACCEPT', 'ASSIGN', 'START', 'RESOLVE', 'RATE']);
    });
  });
});

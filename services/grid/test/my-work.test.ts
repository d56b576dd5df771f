import type { Identity, SubgraphContext } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { reportCase } from '../src/case/case.commands';
import { DEFAULT_CASE_POLICY, SYSTEM_ACTOR } from '../src/case/case.rules';
import { escalateWithin } from '../src/case/case.transitions';
import { gridService } from '../src/service';
import { nodes, registerCommunities, type Page } from './fixtures';

const MY_WORK = `query ($status: CaseStatus, $overdueOnly: Boolean, $first: Int, $after: String) {
  myWork(status: $status, overdueOnly: $overdueOnly, first: $first, after: $after) {
    totalCount edges { node { id status severity overdue deadlineAt assigneeSubject } } pageInfo { hasNextPage endCursor }
  }
}`;

interface WorkItem {
  id: string;
  status: string;
  severity: string;
  overdue: boolean;
  deadlineAt: string;
  assigneeSubject: string | null;
}

describe('myWork: a gridworker’s to-do list', () => {
  let sg: TestSubgraph;
  let community: string;
  let admin: Identity;
  let staff: Identity;
  let gridworker: Identity;
  const grids: string[] = [];

  async function ok<T>(query: string, variables: Record<string, unknown>, identity: Identity): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  const contextOf = (identity: Identity): SubgraphContext => ({
    identity,
    dataSource: sg.dataSource,
    operationName: undefined,
    loaders: new Map(),
  });
  const report = (gridId: string, severity: 'SMALL' | 'BIG' | 'URGENT' | 'HARD', at = new Date()) =>
    reportCase.execute(
      contextOf(testIdentity({ roles: ['RESIDENT'], regionScopes: [community] })),
      {
        gridId,
        householdId: null,
        compound: null,
        channel: 'MINI_PROGRAM',
        category: '环境卫生',
        description: '待办测试案件',
        severity,
        idempotencyKey: null,
      },
      at,
    );
  const step = (name: string, input: string, variables: Record<string, unknown>, identity: Identity) =>
    ok(`mutation ($input: ${input}!) { ${name}(input: $input) { id } }`, { input: variables }, identity);
  const work = async (identity: Identity, variables: Record<string, unknown> = {}) =>
    nodes(await ok<Page<WorkItem>>(MY_WORK, variables, identity));

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    [community] = (await registerCommunities(sg, '520201', 1)).communities as [string];
    admin = testIdentity();
    for (const name of ['待办网格一', '待办网格二']) {
      const grid = await ok<{ id: string }>(
        'mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }',
        { input: { code: `W-${randomUUID().slice(0, 8).toUpperCase()}`, name, kind: 'COMPREHENSIVE', regionCode: community } },
        admin,
      );
      grids.push(grid.id);
    }
    staff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community] });
    gridworker = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [grids[0]!] });
    await step(
      'appointGridStaff',
      'AppointGridStaffInput',
      { gridId: grids[0], name: '待办网格员', role: 'GRIDWORKER', employment: 'FULL_TIME', subject: gridworker.subject },
      admin,
    );
  });
  afterAll(() => sg.stop());

  it('lists work assigned to me and waiting in my grids, nearest deadline first, overdue marked', async () => {
    const big = await report(grids[0]!, 'BIG');
    const small = await report(grids[0]!, 'SMALL');
    const urgent = await report(grids[0]!, 'URGENT');
    // Overdue at the top level, so a deadline job running meanwhile (other tests' platforms share the
    // database) cannot escalate it and move its deadline: reported 40 days ago, at the departments 30.
    const day = 24 * 3600 * 1000;
    const reportedLate = await report(grids[0]!, 'HARD', new Date(Date.now() - 40 * day));
    const late = (await sg.dataSource.transaction((manager) =>
      escalateWithin(manager, reportedLate, {
        reason: '涉及多个部门',
        actor: SYSTEM_ACTOR,
        actorName: '到期升级',
        automatic: true,
        policy: DEFAULT_CASE_POLICY,
        now: new Date(Date.now() - 30 * day),
      }),
    ))!;
    const otherGrid = await report(grids[1]!, 'URGENT');
    // Given to someone else: no longer waiting for the gridworker.
    const givenAway = await report(grids[0]!, 'URGENT');
    await step('acceptCase', 'CaseTransitionInput', { caseId: givenAway.id }, staff);
    await step('assignCase', 'AssignCaseInput', { caseId: givenAway.id, assigneeSubject: staff.subject, assigneeName: '社区干部' }, staff);
    // Assigned to the gridworker, then resolved: out of the to-do list, there when looking back.
    await step('acceptCase', 'CaseTransitionInput', { caseId: small.id }, staff);
    await step(
      'assignCase',
      'AssignCaseInput',
      { caseId: small.id, assigneeSubject: gridworker.subject, assigneeName: '待办网格员' },
      staff,
    );

    const mine = await work(gridworker);
    expect(mine.map((c) => c.id)).toEqual([late.id, urgent.id, small.id, big.id]);
    expect(mine.map((c) => c.overdue)).toEqual([true, false, false, false]);
    expect(mine.find((c) => c.id === small.id)).toMatchObject({ status: 'ASSIGNED', assigneeSubject: gridworker.subject });
    expect(mine.map((c) => c.id)).not.toContain(otherGrid.id);
    expect(mine.map((c) => c.id)).not.toContain(givenAway.id);
    expect((await work(gridworker, { overdueOnly: true })).map((c) => c.id)).toEqual([late.id]);
    expect((await work(gridworker, { status: 'ASSIGNED' })).map((c) => c.id)).toEqual([small.id]);

    // Pages follow the deadline order without gaps or repeats.
    const first = await ok<Page<WorkItem>>(MY_WORK, { first: 2 }, gridworker);
    const second = await ok<Page<WorkItem>>(MY_WORK, { first: 2, after: first.pageInfo!.endCursor }, gridworker);
    expect([...nodes(first), ...nodes(second)].map((c) => c.id)).toEqual(mine.map((c) => c.id));
    expect(first.totalCount).toBe(4);

    await step('startCase', 'CaseTransitionInput', { caseId: small.id }, gridworker);
    await step('resolveCase', 'CaseTransitionInput', { caseId: small.id }, gridworker);
    expect((await work(gridworker)).map((c) => c.id)).not.toContain(small.id);
    expect((await work(gridworker, { status: 'RESOLVED' })).map((c) => c.id)).toEqual([small.id]);

    // Community staff: only what was given to them (they have no grids of their own).
    expect((await work(staff)).map((c) => c.id)).toEqual([givenAway.id]);
    // The same subject outside the region sees nothing: scopes still apply.
    expect(await work({ ...gridworker, regionScopes: ['520322'] })).toEqual([]);
  });
});

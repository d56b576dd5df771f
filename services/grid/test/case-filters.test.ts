import type { Identity, SubgraphContext } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { reportCase } from '../src/case/case.commands';
import { GridCase } from '../src/case/case.entity';
import { DEFAULT_CASE_POLICY, SYSTEM_ACTOR } from '../src/case/case.rules';
import { escalateWithin, transitionCase } from '../src/case/case.transitions';
import { gridService } from '../src/service';
import { nodes, registerCommunities, type Page } from './fixtures';

const CASES = `query ($r: ID!, $status: CaseStatus, $severity: SeverityClass, $handlingLevel: HandlingLevel, $category: String,
  $overdueOnly: Boolean, $reportedFrom: DateTime, $reportedBefore: DateTime, $assigneeSubject: String, $search: String, $first: Int, $after: String) {
  cases(regionCode: $r, status: $status, severity: $severity, handlingLevel: $handlingLevel, category: $category, overdueOnly: $overdueOnly,
    reportedFrom: $reportedFrom, reportedBefore: $reportedBefore, assigneeSubject: $assigneeSubject, search: $search, first: $first, after: $after) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('cases filtered and searched', () => {
  let sg: TestSubgraph;
  let community: string;
  let staff: Identity;
  const ids: Record<string, string> = {};

  const contextOf = (identity: Identity): SubgraphContext => ({
    identity,
    dataSource: sg.dataSource,
    operationName: undefined,
    loaders: new Map(),
  });
  async function found(variables: Record<string, unknown>): Promise<string[]> {
    const result = await sg.query<{ cases: Page<{ id: string }> }>(CASES, { r: community, ...variables }, staff);
    expect(result.errors).toBeUndefined();
    return nodes(result.data!.cases)
      .map((c) => c.id)
      .sort();
  }
  const sorted = (...names: string[]) => names.map((n) => ids[n]!).sort();

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    [community] = (await registerCommunities(sg, '520201', 1)).communities as [string];
    const admin = testIdentity();
    const grid = await sg.query<{ createGrid: { id: string } }>(
      'mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }',
      {
        input: { code: `F-${randomUUID().slice(0, 8).toUpperCase()}`, name: '筛选测试网格', kind: 'COMPREHENSIVE', regionCode: community },
      },
      admin,
    );
    const gridId = grid.data!.createGrid.id;
    staff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community] });
    const resident = testIdentity({ roles: ['RESIDENT'], regionScopes: [community] });
    const day = 24 * 3600 * 1000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day);
    const cases = [
      ['litter', '环境卫生', '3栋楼道堆放杂物，影响通行', 'SMALL', at(1)],
      ['light', '设施维修', '小区路灯不亮，夜间出行不便', 'BIG', at(2)],
      ['noise', '噪音扰民', '夜间施工噪音，100%影响休息', 'HARD', at(5)],
      ['water', '设施维修', '楼道积水，地面湿滑', 'HARD', at(40)],
    ] as const;
    for (const [name, category, description, severity, reportedAt] of cases) {
      const c = await reportCase.execute(
        contextOf(resident),
        { gridId, householdId: null, compound: null, channel: 'MINI_PROGRAM', category, description, severity, idempotencyKey: null },
        reportedAt,
      );
      ids[name] = c.id;
    }
    // Overdue at the top level, so a deadline job running meanwhile (other tests' platforms share the
    // database) cannot escalate it: reported 40 days ago, with the departments since 30.
    const water = await sg.dataSource.getRepository(GridCase).findOneByOrFail({ id: ids.water! });
    await sg.dataSource.transaction((manager) =>
      escalateWithin(manager, water, {
        reason: '涉及多个部门',
        actor: SYSTEM_ACTOR,
        actorName: '到期升级',
        automatic: true,
        policy: DEFAULT_CASE_POLICY,
        now: at(30),
      }),
    );
    const input = { caseId: ids.light!, expectedVersion: null, note: null };
    await transitionCase(contextOf(staff), 'ACCEPT', input, {}, at(2));
    await transitionCase(contextOf(staff), 'ASSIGN', input, { assigneeSubject: staff.subject, assigneeName: '社区干部' }, at(2));
  });
  afterAll(() => sg.stop());

  it('filters by status, severity, handling level, category, overdue, date range and assignee; all filters must hold', async () => {
    expect(await found({})).toEqual(sorted('litter', 'light', 'noise', 'water'));
    expect(await found({ status: 'ASSIGNED' })).toEqual(sorted('light'));
    expect(await found({ severity: 'HARD' })).toEqual(sorted('noise', 'water'));
    expect(await found({ handlingLevel: 'STREET' })).toEqual(sorted('noise'));
    expect(await found({ handlingLevel: 'DEPARTMENT' })).toEqual(sorted('water'));
    expect(await found({ category: '设施维修' })).toEqual(sorted('light', 'water'));
    // The HARD case with the departments since 30 days ago is past its 15 days.
    expect(await found({ overdueOnly: true })).toEqual(sorted('water'));
    const from = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
    const before = new Date(Date.now() - 36 * 3600 * 1000).toISOString();
    expect(await found({ reportedFrom: from, reportedBefore: before })).toEqual(sorted('light', 'noise'));
    expect(await found({ assigneeSubject: staff.subject })).toEqual(sorted('light'));
    expect(await found({ category: '设施维修', overdueOnly: true })).toEqual(sorted('water'));
  });

  it('searches words in the description, each word must occur, wildcards taken literally', async () => {
    expect(await found({ search: '楼道' })).toEqual(sorted('litter', 'water'));
    expect(await found({ search: '楼道 积水' })).toEqual(sorted('water'));
    expect(await found({ search: '夜间' })).toEqual(sorted('light', 'noise'));
    expect(await found({ search: '100%' })).toEqual(sorted('noise'));
    expect(await found({ search: '%' })).toEqual(sorted('noise'));
    expect(await found({ search: '停车' })).toEqual([]);
  });

  it('refuses a bad filter naming the argument', async () => {
    const refused = async (variables: Record<string, unknown>) =>
      (await sg.query(CASES, { r: community, ...variables }, staff)).errors?.[0]?.extensions;
    expect(await refused({ search: 'a b c d e f' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect(await refused({ reportedFrom: '2026-11-02T00:00:00Z', reportedBefore: '2026-11-01T00:00:00Z' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reportedBefore',
    });
    expect(await refused({ category: '\u0000' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
  });
});

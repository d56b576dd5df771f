import { nodes, randomResidentIdOf, registerCommunities, type Page } from './fixtures';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { Identity } from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { HouseholdMember } from '../src/household/household-member.entity';
import { Household } from '../src/household/household.entity';
import { GridCase } from '../src/case/case.entity';
import { gridService } from '../src/service';

const CREATE = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id code level status parent { id } } }`;
const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;
const GRID = `query ($id: ID!) { grid(id: $id) {
  id code level status retiredAt parent { id } children { id }
  lineage { change reason predecessor { id } successor { id } }
  households { edges { node { id } } } staff { id name role employment post recruitedFrom hasAccount } tenHouseholdUnits { id name householdCount leader { id } }
} }`;

interface GridView {
  id: string;
  code: string;
  level: number;
  status: string;
  retiredAt: string | null;
  parent: { id: string } | null;
  children: Array<{ id: string }>;
  lineage: Array<{ change: string; reason: string; predecessor: { id: string }; successor: { id: string } }>;
  households: Array<{ id: string }>;
  staff: Array<{ id: string; name: string; role: string; employment: string | null; post: string | null; recruitedFrom: string | null }>;
  tenHouseholdUnits: Array<{ id: string; name: string; householdCount: number; leader: { id: string } | null }>;
}

const code = () => `G-${randomUUID().slice(0, 8).toUpperCase()}`;

describe('grid structure: levels, merges and splits, staff, units, visits', () => {
  let sg: TestSubgraph;
  let community: string;
  let otherCommunity: string;
  let admin: Identity;

  async function ok<T>(query: string, variables: Record<string, unknown>, identity: Identity = admin): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  async function fails(query: string, variables: Record<string, unknown>, identity: Identity = admin) {
    const result = await sg.query(query, variables, identity);
    return result.errors?.[0]?.extensions;
  }
  const grid = (input: Record<string, unknown> = {}) =>
    ok<GridView>(CREATE, { input: { code: code(), name: '结构测试网格', kind: 'COMPREHENSIVE', regionCode: community, ...input } });
  const view = async (id: string): Promise<GridView> => {
    const found = await ok<Omit<GridView, 'households'> & { households: Page<{ id: string }> }>(GRID, { id });
    return { ...found, households: nodes(found.households) };
  };
  const household = async (gridId: string) =>
    (
      await ok<{ id: string }>(REGISTER, {
        input: {
          gridId,
          address: '结构测试小区1栋',
          members: [{ name: '赵测试', residentId: randomResidentIdOf('520201'), relation: 'HEAD', employment: 'RETIRED' }],
        },
      })
    ).id;

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    [community, otherCommunity] = (await registerCommunities(sg)).communities as [string, string];
    admin = testIdentity();
  });
  afterAll(() => sg.stop());

  it('nests grids by level under an active parent of the county', async () => {
    const big = await grid();
    expect(big).toMatchObject({ level: 1, status: 'ACTIVE', parent: null });
    const medium = await grid({ parentId: big.id });
    expect(medium).toMatchObject({ level: 2, parent: { id: big.id } });
    expect(
      await fails(CREATE, {
        input: { code: code(), name: '错层网格', kind: 'COMPREHENSIVE', regionCode: community, parentId: medium.id, level: 2 },
      }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
    });
    expect(
      await fails(CREATE, { input: { code: code(), name: '错层网格', kind: 'COMPREHENSIVE', regionCode: community, level: 5 } }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.level',
    });
    expect((await view(big.id)).children.map((c) => c.id)).toEqual([medium.id]);
  });

  it('merges grids into a new one, moving households (with members), staff, units and children, and keeps the history', async () => {
    const parent = await grid();
    const a = await grid({ parentId: parent.id });
    const b = await grid({ parentId: parent.id });
    const child = await grid({ parentId: a.id });
    const h = await household(a.id);
    await ok('mutation ($input: AppointGridStaffInput!) { appointGridStaff(input: $input) { id } }', {
      input: { gridId: b.id, name: '钱网格', role: 'GRIDWORKER', employment: 'FULL_TIME' },
    });
    const REPORT_CASE = 'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { id } }';
    const openCase = await ok<{ id: string }>(REPORT_CASE, {
      input: { gridId: a.id, channel: 'HOTLINE', category: '其他', description: '合并前未办结的案件', severity: 'SMALL' },
    });
    const rejectedCase = await ok<{ id: string }>(REPORT_CASE, {
      input: { gridId: b.id, channel: 'HOTLINE', category: '其他', description: '合并前已驳回的案件', severity: 'SMALL' },
    });
    await ok('mutation ($input: RejectCaseInput!) { rejectCase(input: $input) { id } }', {
      input: { caseId: rejectedCase.id, reason: '重复上报' },
    });
    const MERGE = 'mutation ($input: MergeGridsInput!) { mergeGrids(input: $input) { id level status parent { id } } }';
    const merged = await ok<GridView>(MERGE, {
      input: { gridIds: [a.id, b.id], code: code(), name: '合并后网格', reason: '住户减少合并' },
    });
    expect(merged).toMatchObject({ level: 2, status: 'ACTIVE', parent: { id: parent.id } });
    const after = await view(merged.id);
    expect(after.households.map((x) => x.id)).toEqual([h]);
    expect(after.staff).toHaveLength(1);
    expect(after.children.map((c) => c.id)).toEqual([child.id]);
    expect(after.lineage.map((l) => [l.change, l.predecessor.id, l.successor.id]).sort()).toEqual(
      [
        ['MERGE', a.id, merged.id],
        ['MERGE', b.id, merged.id],
      ].sort(),
    );
    const retired = await view(a.id);
    expect(retired).toMatchObject({ status: 'MERGED', households: [] });
    expect(retired.retiredAt).not.toBeNull();
    expect(retired.lineage[0]).toMatchObject({ reason: '住户减少合并', successor: { id: merged.id } });
    const member = await sg.dataSource.getRepository(HouseholdMember).findOneByOrFail({ householdId: h });
    expect(member.gridId).toBe(merged.id);
    // The open case follows to the new grid; the handled one stays where it was handled.
    const cases = sg.dataSource.getRepository(GridCase);
    expect((await cases.findOneByOrFail({ id: openCase.id })).gridId).toBe(merged.id);
    expect((await cases.findOneByOrFail({ id: rejectedCase.id })).gridId).toBe(b.id);
    // A retired grid merges no more, and a new case cannot be reported there.
    expect(await fails(MERGE, { input: { gridIds: [a.id, merged.id], code: code(), name: '再合并', reason: '再合并' } })).toMatchObject({
      code: 'CONFLICT',
    });
    const report = await fails('mutation ($input: ReportCaseInput!) { reportCase(input: $input) { id } }', {
      input: { gridId: a.id, channel: 'HOTLINE', category: '其他', description: '已撤销网格', severity: 'SMALL' },
    });
    expect(report).toMatchObject({ code: 'CONFLICT' });
    // Other communities or levels do not merge.
    const other = await ok<GridView>(CREATE, {
      input: { code: code(), name: '他社区网格', kind: 'COMPREHENSIVE', regionCode: otherCommunity },
    });
    expect(await fails(MERGE, { input: { gridIds: [merged.id, other.id], code: code(), name: 'x合并', reason: '跨社区' } })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await fails(MERGE, { input: { gridIds: [merged.id], code: code(), name: 'x合并', reason: '一个' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.gridIds',
    });
  });

  it('splits a grid, giving each part its listed households and the rest to the first', async () => {
    const g = await grid({ households: 400 });
    const [h1, h2, h3] = [await household(g.id), await household(g.id), await household(g.id)];
    const SPLIT = 'mutation ($input: SplitGridInput!) { splitGrid(input: $input) { id code status } }';
    const parts = await ok<Array<{ id: string; status: string }>>(SPLIT, {
      input: {
        gridId: g.id,
        reason: '户数过多拆分',
        parts: [
          { code: code(), name: '拆分一', householdIds: [h1] },
          { code: code(), name: '拆分二', householdIds: [h2] },
        ],
      },
    });
    expect(parts.map((p) => p.status)).toEqual(['ACTIVE', 'ACTIVE']);
    expect((await view(parts[0]!.id)).households.map((h) => h.id).sort()).toEqual([h1, h3].sort());
    expect((await view(parts[1]!.id)).households.map((h) => h.id)).toEqual([h2]);
    const retired = await view(g.id);
    expect(retired.status).toBe('SPLIT');
    expect(retired.lineage.map((l) => l.successor.id).sort()).toEqual(parts.map((p) => p.id).sort());
    expect(
      await fails(SPLIT, {
        input: {
          gridId: g.id,
          reason: '再拆',
          parts: [
            { code: code(), name: '甲区' },
            { code: code(), name: '乙区' },
          ],
        },
      }),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    const stranger = await household(parts[1]!.id);
    expect(
      await fails(SPLIT, {
        input: {
          gridId: parts[0]!.id,
          reason: '错户',
          parts: [
            { code: code(), name: '甲区', householdIds: [stranger] },
            { code: code(), name: '乙区' },
          ],
        },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await sg.dataSource.getRepository(Household).countBy({ gridId: parts[1]!.id })).toBe(2);
  });

  it('appoints staff with the right employment and post, and masks their personal fields', async () => {
    const g = await grid();
    const APPOINT =
      'mutation ($input: AppointGridStaffInput!) { appointGridStaff(input: $input) { id name phone role employment post recruitedFrom hasAccount } }';
    const rider = await ok<Record<string, unknown>>(APPOINT, {
      input: {
        gridId: g.id,
        name: '孙骑手',
        phone: '13900001111',
        role: 'GRIDWORKER',
        employment: 'PART_TIME',
        post: 'B',
        recruitedFrom: 'DELIVERY_RIDER',
      },
    });
    expect(rider).toMatchObject({
      name: '孙**',
      phone: '139****1111',
      employment: 'PART_TIME',
      post: 'B',
      recruitedFrom: 'DELIVERY_RIDER',
      hasAccount: false,
    });
    expect(await fails(APPOINT, { input: { gridId: g.id, name: '无类型', role: 'GRIDWORKER' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.employment',
    });
    expect(await fails(APPOINT, { input: { gridId: g.id, name: '楼长', role: 'BUILDING_CHIEF', post: 'A' } })).toMatchObject({
      field: 'input.post',
    });
    expect(
      await fails(APPOINT, {
        input: { gridId: g.id, name: '专职骑手', role: 'GRIDWORKER', employment: 'FULL_TIME', recruitedFrom: 'COURIER' },
      }),
    ).toMatchObject({ field: 'input.recruitedFrom' });
    expect(
      await fails(APPOINT, { input: { gridId: g.id, name: '越权', role: 'CHIEF' } }, testIdentity({ regionScopes: ['520322'] })),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'input.gridId' });
    const staffOfGrid = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [g.id] });
    const revealed = await ok<GridView>('query ($id: ID!) { grid(id: $id) { staff { name(reveal: true) } } }', { id: g.id }, staffOfGrid);
    expect(revealed.staff[0]!.name).toBe('孙骑手');
    const county = await sg.query('query ($id: ID!) { grid(id: $id) { staff { name(reveal: true) } } }', { id: g.id }, admin);
    expect(county.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      await fails('query ($id: ID!) { grid(id: $id) { staff { id } } }', { id: g.id }, testIdentity({ roles: ['RESIDENT'] })),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('forms a ten-household unit led by a household leader of the grid, each household in one unit', async () => {
    const g = await grid();
    const [h1, h2] = [await household(g.id), await household(g.id)];
    const APPOINT = 'mutation ($input: AppointGridStaffInput!) { appointGridStaff(input: $input) { id } }';
    const leader = await ok<{ id: string }>(APPOINT, { input: { gridId: g.id, name: '吴联户', role: 'HOUSEHOLD_LEADER' } });
    const chief = await ok<{ id: string }>(APPOINT, { input: { gridId: g.id, name: '郑楼长', role: 'BUILDING_CHIEF' } });
    const FORM =
      'mutation ($input: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $input) { id name householdCount leader { id } } }';
    const unit = await ok<{ id: string; householdCount: number }>(FORM, {
      input: { gridId: g.id, name: '一组', leaderStaffId: leader.id, householdIds: [h1, h2] },
    });
    expect(unit).toMatchObject({ householdCount: 2, leader: { id: leader.id } });
    expect(await fails(FORM, { input: { gridId: g.id, name: '二组', leaderStaffId: chief.id } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.leaderStaffId',
    });
    expect(await fails(FORM, { input: { gridId: g.id, name: '二组', householdIds: [h1] } })).toMatchObject({
      code: 'CONFLICT',
      field: 'input.householdIds',
    });
    expect(await fails(FORM, { input: { gridId: g.id, name: '一组' } })).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const inUnit = await ok<{ unit: { id: string } }>('query ($id: ID!) { household(id: $id) { unit { id } } }', { id: h1 });
    expect(inUnit.unit.id).toBe(unit.id);
    expect((await view(g.id)).tenHouseholdUnits.map((u) => u.name)).toEqual(['一组']);
  });

  it("changes a unit: leader, households joining and leaving, all or nothing, never past the county's cap (50 by default)", async () => {
    const g = await grid();
    const other = await grid();
    const [h1, h2, h3] = [await household(g.id), await household(g.id), await household(g.id)];
    const elsewhere = await household(other.id);
    const APPOINT = 'mutation ($input: AppointGridStaffInput!) { appointGridStaff(input: $input) { id } }';
    const leader = await ok<{ id: string }>(APPOINT, { input: { gridId: g.id, name: '冯联户', role: 'HOUSEHOLD_LEADER' } });
    const FORM = 'mutation ($input: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $input) { id } }';
    const UPDATE =
      'mutation ($input: UpdateTenHouseholdUnitInput!) { updateTenHouseholdUnit(input: $input) { id householdCount leader { id } } }';
    const unit = await ok<{ id: string }>(FORM, { input: { gridId: g.id, name: '变更组', householdIds: [h1] } });
    const changed = await ok<{ householdCount: number; leader: { id: string } }>(UPDATE, {
      input: { unitId: unit.id, leaderStaffId: leader.id, addHouseholdIds: [h2, h3], removeHouseholdIds: [h1] },
    });
    expect(changed).toMatchObject({ householdCount: 2, leader: { id: leader.id } });
    const unitOf = async (id: string) =>
      (await ok<{ unit: { id: string } | null }>('query ($id: ID!) { household(id: $id) { unit { id } } }', { id })).unit;
    expect(await unitOf(h1)).toBeNull();

    // A household of another grid cannot join; the leaving one in the same change stays: nothing is written.
    expect(await fails(UPDATE, { input: { unitId: unit.id, addHouseholdIds: [elsewhere], removeHouseholdIds: [h2] } })).toMatchObject({
      code: 'CONFLICT',
      field: 'input.addHouseholdIds',
    });
    expect((await unitOf(h2))?.id).toBe(unit.id);
    expect(await fails(UPDATE, { input: { unitId: unit.id, removeHouseholdIds: [h1] } })).toMatchObject({
      code: 'CONFLICT',
      field: 'input.removeHouseholdIds',
    });
    expect(await fails(UPDATE, { input: { unitId: unit.id, addHouseholdIds: [h1], removeHouseholdIds: [h1] } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.removeHouseholdIds.0',
    });

    // Past the default cap of 50 households: refused whole.
    const many = [];
    for (let i = 0; i < 49; i++) many.push(await household(g.id));
    expect(await fails(UPDATE, { input: { unitId: unit.id, addHouseholdIds: many } })).toMatchObject({
      code: 'CONFLICT',
      field: 'input.addHouseholdIds',
    });
    expect((await ok<{ householdCount: number }>(UPDATE, { input: { unitId: unit.id } })).householdCount).toBe(2);
    expect((await ok<{ leader: null }>(UPDATE, { input: { unitId: unit.id, leaderStaffId: null } })).leader).toBeNull();
  });

  it('ends an appointment: kept as history, out of the list and the figures, no longer leading a unit', async () => {
    const g = await grid();
    const h = await household(g.id);
    const APPOINT = 'mutation ($input: AppointGridStaffInput!) { appointGridStaff(input: $input) { id appointedAt } }';
    const leader = await ok<{ id: string; appointedAt: string }>(APPOINT, {
      input: { gridId: g.id, name: '陈联户', role: 'HOUSEHOLD_LEADER' },
    });
    const FORM = 'mutation ($input: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $input) { id } }';
    const unit = await ok<{ id: string }>(FORM, { input: { gridId: g.id, name: '离任组', leaderStaffId: leader.id, householdIds: [h] } });
    const END = 'mutation ($input: EndGridStaffAppointmentInput!) { endGridStaffAppointment(input: $input) { id endedAt } }';

    const before = new Date(new Date(leader.appointedAt).getTime() - 3_600_000).toISOString();
    expect(await fails(END, { input: { staffId: leader.id, endedAt: before } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endedAt',
    });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    expect(await fails(END, { input: { staffId: leader.id, endedAt: later } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endedAt',
    });
    expect(await fails(END, { input: { staffId: leader.id } }, testIdentity({ regionScopes: ['520322'] }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.staffId',
    });

    const ended = await ok<{ endedAt: string }>(END, { input: { staffId: leader.id } });
    expect(ended.endedAt).toEqual(expect.any(String));
    expect(await fails(END, { input: { staffId: leader.id } })).toMatchObject({ code: 'CONFLICT', field: 'input.staffId' });

    const STAFF = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Grid {
      serving: staff { id } all: staff(includeEnded: true) { id endedAt } tenHouseholdUnits { id leader { id } } } } }`;
    const seen = await ok<Array<{ serving: unknown[]; all: Array<{ id: string }>; tenHouseholdUnits: Array<{ leader: unknown }> }>>(STAFF, {
      r: [{ __typename: 'Grid', id: g.id }],
    });
    expect(seen[0]!.serving).toEqual([]);
    expect(seen[0]!.all.map((s) => s.id)).toEqual([leader.id]);
    expect(seen[0]!.tenHouseholdUnits).toEqual([{ id: unit.id, leader: null }]);
    // An ended appointment cannot lead a unit again.
    const UPDATE = 'mutation ($input: UpdateTenHouseholdUnitInput!) { updateTenHouseholdUnit(input: $input) { id } }';
    expect(await fails(UPDATE, { input: { unitId: unit.id, leaderStaffId: leader.id } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.leaderStaffId',
    });
  });

  it('records a visit, moves the last visit forward only, raises a case from it, and keeps gridworkers to their grids', async () => {
    const g = await grid();
    const h = await household(g.id);
    const gridworker = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [g.id], name: '走访网格员' });
    const VISIT = `mutation ($input: RecordVisitInput!) { recordVisit(input: $input) {
      id visitorName visitedAt note household { id lastVisitedAt } case { id status channel reporterKind handlingLevel }
    } }`;
    const first = await ok<{ household: { lastVisitedAt: string }; case: null }>(
      VISIT,
      { input: { householdId: h, note: '老人身体健康', visitedAt: '2026-11-20T02:00:00.000Z' } },
      gridworker,
    );
    expect(first.household.lastVisitedAt).toBe('2026-11-20T02:00:00.000Z');
    const late = await ok<{ household: { lastVisitedAt: string } }>(
      VISIT,
      { input: { householdId: h, note: '补录一次更早的走访', visitedAt: '2026-11-01T02:00:00.000Z' } },
      gridworker,
    );
    expect(late.household.lastVisitedAt).toBe('2026-11-20T02:00:00.000Z');
    const idempotencyKey = randomUUID();
    const input = {
      householdId: h,
      note: '发现楼道灯坏',
      raiseCase: { category: '设施维修', description: '楼道灯损坏需维修', severity: 'SMALL' },
      idempotencyKey,
    };
    const raised = await ok<{
      id: string;
      case: { id: string; status: string; channel: string; reporterKind: string; handlingLevel: string };
    }>(VISIT, { input }, gridworker);
    expect(raised.case).toMatchObject({ status: 'REPORTED', channel: 'VISIT', reporterKind: 'GRIDWORKER', handlingLevel: 'UNIT' });
    const retry = await ok<{ id: string; case: { id: string } }>(VISIT, { input }, gridworker);
    expect(retry).toMatchObject({ id: raised.id, case: { id: raised.case.id } });
    expect(await sg.dataSource.getRepository(GridCase).countBy({ idempotencyKey })).toBe(1);
    const visits = await ok<{ visits: Array<{ note: string }> }>(
      'query ($id: ID!) { household(id: $id) { visits { note } } }',
      { id: h },
      gridworker,
    );
    expect(visits.visits.map((v) => v.note)).toEqual(['发现楼道灯坏', '老人身体健康', '补录一次更早的走访']);
    const stranger = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [randomUUID()] });
    expect(await fails(VISIT, { input: { householdId: h, note: '不是我的网格' } }, stranger)).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await fails(VISIT, { input: { householdId: h, note: '未来走访', visitedAt: '2099-01-01T00:00:00.000Z' } }, gridworker),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.visitedAt',
    });
  });
});

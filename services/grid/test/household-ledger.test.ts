import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { Identity } from '@gg/shared';
import { randomUUID } from 'node:crypto';
import { gridService } from '../src/service';
import { randomResidentIdOf, registerCommunities } from './fixtures';

const CREATE_GRID = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id } } }`;
const CREATE_UNIT = `mutation ($input: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $input) { id } }`;
const UPDATE = `mutation ($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { id address(reveal: true) specialGroups } }`;
const UPDATE_MEMBER = `mutation ($input: UpdateHouseholdMemberInput!) { updateHouseholdMember(input: $input) { id phone(reveal: true) employment } }`;
const DEPART = `mutation ($input: RecordMemberDepartureInput!) { recordMemberDeparture(input: $input) { id status leftOn } }`;
const UPDATE_GROUPS = `mutation ($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { id specialGroups } }`;
const MOVE = `mutation ($input: MoveHouseholdInput!) { moveHousehold(input: $input) { id grid { id } unit { id } } }`;
const HOUSEHOLD = `query ($id: ID!) { household(id: $id) {
  id grid { id } unit { id } specialGroups members { id status leftOn household { grid { id } } }
  ledgerHistory { action memberId fields personal note changedBy changedByName }
} }`;

interface Change {
  action: string;
  memberId: string | null;
  fields: string[];
  personal: boolean;
  note: string | null;
  changedBy: string;
}

describe('the household ledger kept current (维护台账)', () => {
  let sg: TestSubgraph;
  let communities: string[];
  let admin: Identity;
  let gridA: string;
  let gridB: string;
  let gridworker: Identity;

  async function ok<T>(query: string, variables: Record<string, unknown>, identity: Identity = admin): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  async function fails(query: string, variables: Record<string, unknown>, identity: Identity = admin) {
    const result = await sg.query(query, variables, identity);
    expect(result.errors).toBeDefined();
    return result.errors?.[0]?.extensions;
  }
  const grid = async (regionCode: string) =>
    (
      await ok<{ id: string }>(CREATE_GRID, {
        input: { code: `H-${randomUUID().slice(0, 8).toUpperCase()}`, name: '台账测试网格', kind: 'COMPREHENSIVE', regionCode },
      })
    ).id;
  const household = (gridId: string) =>
    ok<{ id: string; members: Array<{ id: string }> }>(REGISTER, {
      input: {
        gridId,
        address: '台账测试小区1栋101',
        members: [
          { name: '周户主', residentId: randomResidentIdOf('520201'), relation: 'HEAD', phone: '13800002222' },
          { name: '周老人', residentId: randomResidentIdOf('520201'), relation: 'PARENT' },
        ],
      },
    });
  const view = (id: string) =>
    ok<{
      grid: { id: string };
      unit: { id: string } | null;
      specialGroups: string[];
      members: Array<{ id: string; status: string; leftOn: string | null; household: { grid: { id: string } } }>;
      ledgerHistory: Change[];
    }>(HOUSEHOLD, { id });

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    communities = (await registerCommunities(sg, '520201', 2)).communities;
    admin = testIdentity({ regionScopes: [communities[0]!.slice(0, 9)] });
    gridA = await grid(communities[0]!);
    gridB = await grid(communities[1]!);
    gridworker = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [communities[0]!], gridIds: [gridA], name: '吴网格员' });
  });
  afterAll(() => sg.stop());

  it("updates a household's address and special groups, members' phones and employment, each change in its history", async () => {
    const h = await household(gridA);
    const head = h.members[0]!.id;
    expect(
      await ok(UPDATE, { input: { householdId: h.id, address: '台账测试小区2栋202', specialGroups: ['ELDERLY_ALONE'] } }, gridworker),
    ).toMatchObject({ address: '台账测试小区2栋202', specialGroups: ['ELDERLY_ALONE'] });
    // Special groups kept current: the whole list, so one can leave it.
    expect(await ok(UPDATE, { input: { householdId: h.id, specialGroups: [] } }, gridworker)).toMatchObject({ specialGroups: [] });
    expect(await ok(UPDATE_MEMBER, { input: { memberId: head, phone: '13900003333', employment: 'RETIRED' } }, gridworker)).toEqual({
      id: head,
      phone: '13900003333',
      employment: 'RETIRED',
    });
    expect(await ok(UPDATE_MEMBER, { input: { memberId: head, phone: null } }, gridworker)).toMatchObject({
      phone: null,
      employment: 'RETIRED',
    });
    // Nothing changed, nothing recorded.
    await ok(UPDATE_MEMBER, { input: { memberId: head, employment: 'RETIRED' } }, gridworker);

    const history = (await view(h.id)).ledgerHistory;
    expect(history.map((c) => [c.action, c.fields, c.personal])).toEqual([
      ['MEMBER_UPDATED', ['phone'], true],
      ['MEMBER_UPDATED', ['phone', 'employment'], true],
      ['HOUSEHOLD_UPDATED', ['specialGroups'], false],
      ['HOUSEHOLD_UPDATED', ['address', 'specialGroups'], true],
    ]);
    expect(history.every((c) => c.changedBy === gridworker.subject)).toBe(true);
    expect(history[0]!.memberId).toBe(head);
    // Field names only: no value travels into the history.
    expect(JSON.stringify(history)).not.toMatch(/1390000|台账测试小区2栋/);
  });

  it('records members who moved out or died on a day that has come; they stay on the ledger', async () => {
    const h = await household(gridA);
    const parent = h.members[1]!.id;
    expect(await ok(DEPART, { input: { memberId: parent, status: 'DECEASED', on: '2025-03-01', note: '病故' } }, gridworker)).toEqual({
      id: parent,
      status: 'DECEASED',
      leftOn: '2025-03-01',
    });
    const after = await view(h.id);
    expect(after.members.map((m) => [m.status, m.leftOn])).toEqual([
      ['PRESENT', null],
      ['DECEASED', '2025-03-01'],
    ]);
    expect(after.ledgerHistory[0]).toMatchObject({ action: 'MEMBER_LEFT', memberId: parent, fields: ['status', 'leftOn'], note: '病故' });
    expect(await fails(DEPART, { input: { memberId: parent, status: 'MOVED_OUT', on: '2099-01-01' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.on',
    });
    expect(await fails(DEPART, { input: { memberId: parent, status: 'MOVED_OUT', on: '2025-02-30' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.on',
    });
  });

  it('moves a household with its members to another grid, out of its unit, and announces it', async () => {
    const h = await household(gridA);
    await ok(CREATE_UNIT, { input: { gridId: gridA, name: `迁移联户${randomUUID().slice(0, 4)}`, householdIds: [h.id] } });
    // A gridworker moves households between their own grids only: another grid of the community is refused.
    const neighbour = await grid(communities[0]!);
    expect(await fails(MOVE, { input: { householdId: h.id, gridId: neighbour, reason: '搬到隔壁网格' } }, gridworker)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await fails(MOVE, { input: { householdId: h.id, gridId: gridB, reason: '搬家到隔壁社区' } }, gridworker)).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.gridId',
    });
    expect(await fails(MOVE, { input: { householdId: h.id, gridId: gridA, reason: '原地不动' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.gridId',
    });
    expect(await ok(MOVE, { input: { householdId: h.id, gridId: gridB, reason: '搬家到隔壁社区' } })).toEqual({
      id: h.id,
      grid: { id: gridB },
      unit: null,
    });
    const moved = await view(h.id);
    expect(moved.members.every((m) => m.household.grid.id === gridB)).toBe(true);
    expect(moved.ledgerHistory[0]).toMatchObject({ action: 'HOUSEHOLD_MOVED', note: '搬家到隔壁社区', changedBy: admin.subject });
    const events: Array<{ name: string; payload: { gridId: string; regionCode: string } }> = await sg.dataSource.query(
      `SELECT name, payload FROM grid.outbox WHERE kind = 'EVENT' AND aggregate_id = $1 ORDER BY position`,
      [h.id],
    );
    expect(events.map((e) => [e.name, e.payload.gridId, e.payload.regionCode])).toEqual([
      ['HouseholdRegistered', gridA, communities[0]],
      ['HouseholdMoved', gridB, communities[1]],
    ]);
    // The gridworker of grid A no longer reaches it.
    expect(await fails(UPDATE, { input: { householdId: h.id, address: '已迁走' } }, gridworker)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the history append-only in the database, and refuses other grids to a gridworker', async () => {
    const h = await household(gridB);
    await ok(UPDATE_GROUPS, { input: { householdId: h.id, specialGroups: ['LOW_INCOME'] } });
    await expect(
      sg.dataSource.query(`UPDATE grid.household_ledger_change SET changed_by = 'someone-else' WHERE household_id = $1`, [h.id]),
    ).rejects.toThrow(/append-only/);
    await expect(sg.dataSource.query(`DELETE FROM grid.household_ledger_change WHERE household_id = $1`, [h.id])).rejects.toThrow(
      /append-only/,
    );
    expect((await view(h.id)).ledgerHistory).toHaveLength(1);
    expect(await fails(UPDATE, { input: { householdId: h.id, address: '越权修改' } }, gridworker)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await fails(UPDATE_MEMBER, { input: { memberId: h.members[0]!.id, name: '越权' } }, gridworker)).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

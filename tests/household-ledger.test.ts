import type { RunningPlatform } from '../scripts/platform';
import { gql, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Issue 11's household ledger through the gateway: a household moves straight into a ten-household
 * unit of its new grid in one move (all or nothing, the unit's county cap kept), and auditors read
 * the append-only history of ledger writes in their scope (field names, never values).
 */

const COUNTY = '520201';
const MOVE = 'mutation ($i: MoveHouseholdInput!) { moveHousehold(input: $i) { id grid { id } unit { id } } }';
const CHANGES = `query ($c: ID!, $personalOnly: Boolean) { householdLedgerChanges(regionCode: $c, personalOnly: $personalOnly, first: 500) {
  totalCount edges { node { householdId gridId regionCode action fields personal note changedBy } } } }`;

interface Change {
  householdId: string;
  gridId: string;
  action: string;
  fields: string[];
  personal: boolean;
  note: string | null;
  changedBy: string;
}

describe('the household ledger kept current, through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let community: string;
  let from: string;
  let to: string;
  let unitOfTo: string;
  let unitOfFrom: string;

  const create = async <T extends { id: string }>(token: string, query: string, input: Record<string, unknown>): Promise<T> => {
    const result = await gql<Record<string, T>>(platform, token, query, { i: input });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  };
  const grid = (name: string) =>
    create(admin, 'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
      code: randomGridCode(),
      name,
      kind: 'COMPREHENSIVE',
      regionCode: community,
    });
  const household = (gridId: string) =>
    create(admin, 'mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }', {
      gridId,
      address: '台账测试小区2栋1单元301',
      members: [{ name: '钱台账', phone: '13800003333', residentId: randomResidentId(COUNTY), relation: 'HEAD' }],
    });
  const unit = (gridId: string, name: string, householdIds: string[] = []) =>
    create(admin, 'mutation ($i: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $i) { id } }', {
      gridId,
      name,
      householdIds,
    });

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ sub: 'ledger-admin', roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    ({ community } = await seedCommunity(platform, COUNTY, '台账测试社区'));
    from = (await grid('台账迁出网格')).id;
    to = (await grid('台账迁入网格')).id;
    unitOfTo = (await unit(to, '迁入网格第一联户')).id;
    unitOfFrom = (await unit(from, '迁出网格第一联户')).id;
  }, 60_000);
  afterAll(() => platform.stop());

  it('moves a household straight into a unit of its new grid in one move', async () => {
    const moving = await household(from);
    const moved = await gql<{ moveHousehold: { grid: { id: string }; unit: { id: string } | null } }>(platform, admin, MOVE, {
      i: { householdId: moving.id, gridId: to, unitId: unitOfTo, reason: '搬入迁入网格的新房' },
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.moveHousehold).toMatchObject({ grid: { id: to }, unit: { id: unitOfTo } });
    const units = await gql<{ grid: { tenHouseholdUnits: Array<{ id: string; householdCount: number }> } }>(
      platform,
      admin,
      'query ($id: ID!) { grid(id: $id) { tenHouseholdUnits { id householdCount } } }',
      { id: to },
    );
    expect(units.data!.grid.tenHouseholdUnits.find((u) => u.id === unitOfTo)?.householdCount).toBe(1);
  });

  it('refuses a unit of another grid, or a full one, and then moves nothing', async () => {
    const staying = await household(from);
    const wrongUnit = await gql(platform, admin, MOVE, { i: { householdId: staying.id, gridId: to, unitId: unitOfFrom, reason: '搬家' } });
    expect(wrongUnit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.unitId' });
    // A county whose units hold one household: the unit of the new grid is full.
    const full = (await unit(to, '迁入网格满员联户', [(await household(to)).id])).id;
    const policy = await gql<{ tenHouseholdUnitPolicy: { maxHouseholds: number } }>(
      platform,
      admin,
      'query ($c: ID!) { tenHouseholdUnitPolicy(countyCode: $c) { maxHouseholds } }',
      { c: COUNTY },
    );
    const cap = policy.data!.tenHouseholdUnitPolicy.maxHouseholds;
    // Fill the unit up to the county's cap, then one more must be refused.
    const fillers = await Promise.all(Array.from({ length: cap - 1 }, () => household(to)));
    const filled = await gql(platform, admin, 'mutation ($i: UpdateTenHouseholdUnitInput!) { updateTenHouseholdUnit(input: $i) { id } }', {
      i: { unitId: full, addHouseholdIds: fillers.map((f) => f.id) },
    });
    expect(filled.errors).toBeUndefined();
    const tooMany = await gql(platform, admin, MOVE, { i: { householdId: staying.id, gridId: to, unitId: full, reason: '搬家' } });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.unitId' });
    const still = await gql<{ household: { grid: { id: string } } }>(
      platform,
      admin,
      'query ($id: ID!) { household(id: $id) { grid { id } } }',
      {
        id: staying.id,
      },
    );
    expect(still.data!.household.grid.id).toBe(from);
  });

  it('lets auditors read the ledger’s change history in their scope, and nobody else', async () => {
    const changed = await household(from);
    const updated = await gql(platform, admin, 'mutation ($i: UpdateHouseholdInput!) { updateHousehold(input: $i) { id } }', {
      i: { householdId: changed.id, address: '台账测试小区2栋1单元302' },
    });
    expect(updated.errors).toBeUndefined();
    const moved = await gql(platform, admin, MOVE, { i: { householdId: changed.id, gridId: to, unitId: unitOfTo, reason: '调整网格' } });
    expect(moved.errors).toBeUndefined();

    const auditor = await tokenFor({ roles: ['AUDITOR'], regions: [COUNTY] });
    const read = await gql<{ householdLedgerChanges: { edges: Array<{ node: Change }> } }>(platform, auditor, CHANGES, { c: community });
    expect(read.errors).toBeUndefined();
    const mine = read.data!.householdLedgerChanges.edges.map((e) => e.node).filter((c) => c.householdId === changed.id);
    expect(mine.map((c) => [c.action, c.personal, c.changedBy])).toEqual([
      ['HOUSEHOLD_MOVED', false, 'ledger-admin'],
      ['HOUSEHOLD_UPDATED', true, 'ledger-admin'],
    ]);
    expect(mine[0]).toMatchObject({ gridId: to, note: '调整网格' });
    // Field names, never the values written.
    expect(JSON.stringify(mine)).not.toContain('302');
    const personal = await gql<{ householdLedgerChanges: { edges: Array<{ node: Change }> } }>(platform, auditor, CHANGES, {
      c: community,
      personalOnly: true,
    });
    expect(personal.data!.householdLedgerChanges.edges.every((e) => e.node.personal)).toBe(true);

    const otherCounty = await tokenFor({ roles: ['AUDITOR'], regions: ['520322'] });
    const outside = await gql<{ householdLedgerChanges: { totalCount: number } }>(platform, otherCounty, CHANGES, { c: community });
    expect(outside.data!.householdLedgerChanges.totalCount).toBe(0);
    const staff = await gql(platform, admin, CHANGES, { c: community });
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { Identity } from '@gg/shared';
import { randomInt, randomUUID } from 'node:crypto';
import { gridService } from '../src/service';
import { randomResidentIdOf, registerCommunities } from './fixtures';

const CREATE_GRID = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;
const CREATE_UNIT = `mutation ($input: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $input) { id householdCount } }`;
const UPDATE_UNIT = `mutation ($input: UpdateTenHouseholdUnitInput!) { updateTenHouseholdUnit(input: $input) { id householdCount } }`;
const SET_POLICY = `mutation ($input: SetTenHouseholdUnitPolicyInput!) { setTenHouseholdUnitPolicy(input: $input) { countyCode maxHouseholds isDefault } }`;
const POLICY = `query ($c: ID!) { tenHouseholdUnitPolicy(countyCode: $c) { countyCode maxHouseholds isDefault } }`;

describe("a ten-household unit's size cap is its county's setting", () => {
  let sg: TestSubgraph;
  let county: string;
  let admin: Identity;
  let gridId: string;

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
  async function households(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const member = { name: '孙联户', residentId: randomResidentIdOf(county), relation: 'HEAD' };
      ids.push((await ok<{ id: string }>(REGISTER, { input: { gridId, address: `联户测试楼${i}号`, members: [member] } })).id);
    }
    return ids;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    // A county of its own, so its unit policy is nobody else's.
    county = `58${String(randomInt(1000, 10000))}`;
    const { communities } = await registerCommunities(sg, county, 1);
    admin = testIdentity({ regionScopes: [county] });
    gridId = (
      await ok<{ id: string }>(CREATE_GRID, {
        input: {
          code: `U-${randomUUID().slice(0, 8).toUpperCase()}`,
          name: '联户测试网格',
          kind: 'COMPREHENSIVE',
          regionCode: communities[0],
        },
      })
    ).id;
  });
  afterAll(() => sg.stop());

  it("holds more than the central household's 30 by default, up to 50", async () => {
    expect(await ok(POLICY, { c: county })).toEqual({ countyCode: county, maxHouseholds: 50, isDefault: true });
    const ids = await households(51);
    const unit = await ok<{ id: string; householdCount: number }>(CREATE_UNIT, {
      input: { gridId, name: '大楼联户', householdIds: ids.slice(0, 31) },
    });
    expect(unit.householdCount).toBe(31);
    expect(await ok(UPDATE_UNIT, { input: { unitId: unit.id, addHouseholdIds: ids.slice(31, 50) } })).toMatchObject({ householdCount: 50 });
    expect(await fails(UPDATE_UNIT, { input: { unitId: unit.id, addHouseholdIds: ids.slice(50) } })).toMatchObject({
      code: 'CONFLICT',
      field: 'input.addHouseholdIds',
    });
    expect(await fails(CREATE_UNIT, { input: { gridId, name: '超限联户', householdIds: ids.slice(0, 51) } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.householdIds',
    });
  });

  it("follows the county's own cap, and a unit above a lowered cap may still shrink", async () => {
    const ids = await households(7);
    const unit = await ok<{ id: string }>(CREATE_UNIT, { input: { gridId, name: '小联户', householdIds: ids.slice(0, 4) } });
    expect(await ok(SET_POLICY, { input: { countyCode: county, maxHouseholds: 3 } })).toEqual({
      countyCode: county,
      maxHouseholds: 3,
      isDefault: false,
    });
    expect(await ok(POLICY, { c: county })).toMatchObject({ maxHouseholds: 3, isDefault: false });
    expect(await fails(UPDATE_UNIT, { input: { unitId: unit.id, addHouseholdIds: [ids[4]] } })).toMatchObject({ code: 'CONFLICT' });
    expect(await ok(UPDATE_UNIT, { input: { unitId: unit.id, removeHouseholdIds: [ids[0]] } })).toMatchObject({ householdCount: 3 });
    expect(await fails(CREATE_UNIT, { input: { gridId, name: '又一联户', householdIds: [ids[0], ids[4], ids[5], ids[6]] } })).toMatchObject(
      {
        code: 'BAD_USER_INPUT',
        field: 'input.householdIds',
      },
    );
    expect(await ok(CREATE_UNIT, { input: { gridId, name: '又一联户', householdIds: [ids[0], ids[4], ids[5]] } })).toMatchObject({
      householdCount: 3,
    });
    for (const maxHouseholds of [0, 301])
      expect(await fails(SET_POLICY, { input: { countyCode: county, maxHouseholds } })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.maxHouseholds',
      });
    const streetStaff = testIdentity({ roles: ['STREET_STAFF'], regionScopes: [`${county}001`] });
    expect(await fails(SET_POLICY, { input: { countyCode: county, maxHouseholds: 10 } }, streetStaff)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await ok(POLICY, { c: county }, testIdentity({ regionScopes: ['520322'] }))).toBeNull();
  });
});

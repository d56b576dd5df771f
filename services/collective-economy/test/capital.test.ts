import { tableOf } from '@gg/shared';
import { claimTestStreet, pendingSchemaChanges, testIdentity } from '@gg/shared/src/testing';
import { REGISTER_CAPITAL, startCollectiveWorld, type CollectiveWorld } from './collective.fixtures';

const CAPITAL = `query ($id: ID!, $d: Date) { capital(id: $id) { id name kind category cost(asOf: $d) accumulatedDepreciation(asOf: $d)
  bookValue(asOf: $d) disposedOn history { kind effectiveOn amount reason } collectiveOrganisation { id } } }`;
const REGISTER = `query ($o: ID!, $c: CapitalCategory!, $d: Date) { capitalRegister(collectiveOrganisationId: $o, category: $c, asOf: $d) {
  asOf lines { capital { name } cost accumulatedDepreciation bookValue } totalBookValue } }`;
const CHANGE = `mutation ($i: RecordCapitalChangeInput!) { recordCapitalChange(input: $i) { id } }`;
const POLICY = `query ($c: ID!) { depreciationPolicy(countyCode: $c) { countyCode usefulLives { kind months } residualRateBasisPoints isDefault } }`;
const SET_POLICY = `mutation ($i: SetDepreciationPolicyInput!) { setDepreciationPolicy(input: $i) { usefulLives { kind months } isDefault } }`;

describe('the three capitals', () => {
  let w: CollectiveWorld;
  beforeAll(async () => {
    w = await startCollectiveWorld();
  });
  afterAll(() => w.stop());

  it('migrates to exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(w.sg.dataSource)).toEqual([]);
  });

  it('keeps a register per capital with book values as of any day, depreciating assets as the county set them', async () => {
    const o = await w.newOrganisation();
    const register = (i: Record<string, unknown>) =>
      w.ok<{ id: string; usefulLifeMonths: number | null }>(REGISTER_CAPITAL, { i: { collectiveOrganisationId: o, ...i } });
    const shop = await register({
      kind: 'SHOPFRONT',
      name: '幸福社区1号门面',
      location: '幸福路1号',
      acquiredOn: '2024-01-10',
      value: '120000.00',
    });
    expect(shop).toMatchObject({ usefulLifeMonths: 240 });
    await register({ kind: 'BANK_DEPOSIT', name: '集体经济专户', acquiredOn: '2024-01-01', value: '50000.00' });
    const pond = await register({ kind: 'POND', name: '后山鱼塘', acquiredOn: '2023-05-01', value: '8000.00' });

    expect(await w.ok(CAPITAL, { id: shop.id, d: '2024-12-31' })).toMatchObject({
      category: 'ASSET',
      cost: '120000.00',
      accumulatedDepreciation: '5225.00',
      bookValue: '114775.00',
      disposedOn: null,
      history: [{ kind: 'ACQUIRED', effectiveOn: '2024-01-10', amount: '120000.00' }],
    });
    expect(await w.ok(REGISTER, { o, c: 'ASSET', d: '2023-12-31' })).toMatchObject({ lines: [], totalBookValue: '0.00' });
    expect(await w.ok(REGISTER, { o, c: 'FUND', d: '2024-06-30' })).toMatchObject({
      lines: [{ capital: { name: '集体经济专户' }, bookValue: '50000.00' }],
      totalBookValue: '50000.00',
    });

    await w.ok(CHANGE, { i: { capitalId: pond.id, kind: 'DISPOSED', effectiveOn: '2024-07-01', reason: '征收' } });
    expect(await w.ok(REGISTER, { o, c: 'RESOURCE', d: '2024-06-30' })).toMatchObject({ totalBookValue: '8000.00' });
    expect(await w.ok(REGISTER, { o, c: 'RESOURCE', d: '2024-07-01' })).toMatchObject({ lines: [], totalBookValue: '0.00' });
    const after = await w.sg.query(CHANGE, {
      i: { capitalId: pond.id, kind: 'INCREASE', effectiveOn: '2024-08-01', amount: '1.00', reason: '补记' },
    });
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.capitalId' });

    // An improvement depreciates from the month after it; the history only grows.
    await w.ok(CHANGE, { i: { capitalId: shop.id, kind: 'INCREASE', effectiveOn: '2025-01-15', amount: '24000.00', reason: '装修' } });
    expect(await w.ok(CAPITAL, { id: shop.id, d: '2025-02-28' })).toMatchObject({
      cost: '144000.00',
      // 13 months of 475.00 on the first value, one of 95.00 on the improvement.
      accumulatedDepreciation: '6270.00',
      bookValue: '137730.00',
    });
    const tooMuch = await w.sg.query(CHANGE, {
      i: { capitalId: shop.id, kind: 'DECREASE', effectiveOn: '2025-03-01', amount: '200000.00', reason: '核销' },
    });
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const backDated = await w.sg.query(CHANGE, {
      i: { capitalId: shop.id, kind: 'DECREASE', effectiveOn: '2025-01-01', amount: '1.00', reason: '核销' },
    });
    expect(backDated.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.effectiveOn' });

    // The database refuses to rewrite history, whatever code tries.
    await expect(
      w.sg.dataSource.query(`UPDATE ${tableOf(w.sg.dataSource, 'capital_change')} SET amount_fen = 1 WHERE capital_id = $1`, [shop.id]),
    ).rejects.toThrow(/append-only/);
    await expect(w.sg.dataSource.query(`DELETE FROM ${tableOf(w.sg.dataSource, 'capital')} WHERE id = $1`, [shop.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('applies a county’s depreciation policy to assets registered after it, never to earlier ones', async () => {
    // Jinping: no other test sets its depreciation policy (the test database is created afresh for each run).
    const county = '522628';
    const { communities } = await claimTestStreet(w.organisationDb, county, [{ name: '政策社区' }]);
    await w.sg.catchUp();
    const admin = testIdentity({ regionScopes: [county] });
    const o = await w.ok<{ id: string }>(
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      {
        i: { name: '政策测试合作社', regionCode: communities[0], foundedOn: '2020-01-01' },
      },
      admin,
    );
    const van = (name: string) =>
      w.ok<{ id: string; usefulLifeMonths: number }>(
        REGISTER_CAPITAL,
        { i: { collectiveOrganisationId: o.id, kind: 'VEHICLE', name, acquiredOn: '2024-01-01', value: '1000.00' } },
        admin,
      );
    expect(await w.ok(POLICY, { c: county }, admin)).toMatchObject({ isDefault: true, residualRateBasisPoints: 500 });
    const before = await van('旧车');
    await w.ok(
      SET_POLICY,
      { i: { countyCode: county, usefulLives: [{ kind: 'VEHICLE', months: 60 }], residualRateBasisPoints: 0 } },
      admin,
    );
    const later = await van('新车');
    expect([before.usefulLifeMonths, later.usefulLifeMonths]).toEqual([48, 60]);
    expect(await w.ok(CAPITAL, { id: later.id, d: '2024-12-31' }, admin)).toMatchObject({ accumulatedDepreciation: '183.33' });
    const fund = await w.sg.query(
      SET_POLICY,
      { i: { countyCode: county, usefulLives: [{ kind: 'LAND', months: 60 }], residualRateBasisPoints: 0 } },
      admin,
    );
    expect(fund.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.usefulLives.0.kind' });
    // Another county's administrator sets nothing here and sees nothing of it.
    const outsider = testIdentity({ regionScopes: ['520322'] });
    const refused = await w.sg.query(SET_POLICY, { i: { countyCode: county, usefulLives: [], residualRateBasisPoints: 0 } }, outsider);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await w.ok(POLICY, { c: county }, outsider)).toBeNull();
  });

  it('shows nothing of a capital to another county and nothing to roles without the right', async () => {
    const o = await w.newOrganisation();
    const shop = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: o, kind: 'SHOPFRONT', name: '隔离门面', acquiredOn: '2024-01-01', value: '1.00' },
    });
    const outsider = testIdentity({ regionScopes: ['520322'] });
    expect(await w.ok(CAPITAL, { id: shop.id }, outsider)).toBeNull();
    expect(await w.ok(REGISTER, { o, c: 'ASSET' }, outsider)).toBeNull();
    const write = await w.sg.query(
      CHANGE,
      { i: { capitalId: shop.id, kind: 'INCREASE', effectiveOn: '2025-01-01', amount: '1.00', reason: '越权' } },
      outsider,
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const resident = await w.sg.query(CAPITAL, { id: shop.id }, testIdentity({ roles: ['RESIDENT'] }));
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

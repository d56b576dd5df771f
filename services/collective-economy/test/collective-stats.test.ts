import { queryCounterOf, tableOf, todayInChina } from '@gg/shared';
import { testIdentity } from '@gg/shared/src/testing';
import { bookValueAsOf } from '../src/capital/capital.rules';
import { raiseRentCharges } from '../src/lease/lease.jobs';
import { CREATE_LEASE, PAY, REGISTER_CAPITAL, startCollectiveWorld, type CollectiveWorld } from './collective.fixtures';
import { randomResidentId } from './fixtures';

const STATS = `query ($r: [_Any!]!, $y: Int) { _entities(representations: $r) { ... on Region { collectiveStats(year: $y) {
  year organisations shareholders capitalsByKind { kind category count bookValue } totalBookValue annualIncome netIncome
  communityShare organisationsMeetingTarget overdueRentCharges overdueRent } } } }`;
const PROFILE = `mutation ($i: ChangeCollectiveOrganisationProfileInput!) { changeCollectiveOrganisationProfile(input: $i) {
  id businessLines foundingPartySecretaryId annualIncomeTarget } }`;
const ORGANISATION = 'query ($id: ID!) { collectiveOrganisation(id: $id) { foundingPartySecretaryId annualIncomeTarget businessLines } }';

describe('the organisation’s profile and Region.collectiveStats', () => {
  let w: CollectiveWorld;
  beforeAll(async () => {
    w = await startCollectiveWorld();
  });
  afterAll(() => w.stop());

  it('records a checked founding Party secretary, business lines and an income target of 50,000 yuan unless set', async () => {
    const secretary = await w.registerMember(w.community);
    const o = await w.newOrganisation({ foundingPartySecretaryId: secretary, businessLines: ['HOUSEKEEPING'] });
    expect(await w.ok(ORGANISATION, { id: o })).toEqual({
      foundingPartySecretaryId: secretary,
      annualIncomeTarget: '50000.00',
      businessLines: ['HOUSEKEEPING'],
    });
    expect(
      await w.ok(PROFILE, { i: { collectiveOrganisationId: o, businessLines: ['LEASING', 'RETAIL'], annualIncomeTarget: '80000.00' } }),
    ).toMatchObject({
      businessLines: ['LEASING', 'RETAIL'],
      foundingPartySecretaryId: secretary,
      annualIncomeTarget: '80000.00',
    });
    const change = (i: Record<string, unknown>, identity = w.admin) =>
      w.sg.query(PROFILE, { i: { collectiveOrganisationId: o, ...i } }, identity);
    const unknown = await change({ foundingPartySecretaryId: '00000000-0000-4000-8000-00000000abcd' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.foundingPartySecretaryId' });
    const elsewhere = await change({ foundingPartySecretaryId: await w.registerMember('520322001001') });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.foundingPartySecretaryId' });
    const otherCommunity = await change({ foundingPartySecretaryId: await w.registerMember(`${w.street}999`) });
    expect(otherCommunity.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.foundingPartySecretaryId' });
    // The street's own secretary may have founded it.
    expect((await change({ foundingPartySecretaryId: await w.registerMember(w.street) })).errors).toBeUndefined();
    const negative = await change({ annualIncomeTarget: '-1.00' });
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.annualIncomeTarget' });
    const outsider = await change({ annualIncomeTarget: '1.00' }, testIdentity({ regionScopes: ['520322'] }));
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.collectiveOrganisationId' });
    expect(await w.ok(ORGANISATION, { id: o })).toMatchObject({ annualIncomeTarget: '80000.00' });
  });

  it('counts a region’s organisations, shareholders, capitals, income from the ledger, targets met and overdue rent, within scope', async () => {
    // One organisation meets a 30,000.00 target with a year's rent; the other, at the default target, does not.
    const meeting = await w.newOrganisation({ annualIncomeTarget: '30000.00' });
    const short = await w.newOrganisation();
    const shop = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: meeting, kind: 'SHOPFRONT', name: '统计门面', acquiredOn: '2024-01-10', value: '120000.00' },
    });
    await w.ok(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: short, kind: 'LAND', name: '统计土地', acquiredOn: '2020-01-01', value: '9000.00' },
    });
    await w.ok(CREATE_LEASE, {
      i: {
        capitalId: shop.id,
        tenantKind: 'ORGANISATION',
        tenantName: '统计超市',
        startsOn: '2025-01-01',
        endsOn: '2025-12-31',
        monthlyRent: '3000.00',
        dueDay: 10,
      },
    });
    await raiseRentCharges(w.sg.dataSource, '2025-12', { regionCode: w.street });
    const [january] = await w.sg.dataSource.query(
      `SELECT c.id FROM ${tableOf(w.sg.dataSource, 'rent_charge')} c JOIN ${tableOf(w.sg.dataSource, 'lease')} l ON l.id = c.lease_id
       WHERE l.capital_id = $1 AND c.month = '2025-01'`,
      [shop.id],
    );
    await w.ok(PAY, { i: { rentChargeId: january.id, amount: '3000.00', paidOn: '2025-01-10' } });
    await w.ok('mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: short,
        postedOn: '2025-06-01',
        description: '家政收入与工资',
        lines: [
          { account: 'CASH', debit: '1000.00' },
          { account: 'INCOME_HOUSEKEEPING', credit: '1000.00' },
          { account: 'EXPENSE_WAGES', debit: '1500.00' },
          { account: 'CASH', credit: '1500.00' },
        ],
      },
    });
    for (const name of ['股东甲', '股东乙'])
      await w.ok('mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }', {
        i: {
          collectiveOrganisationId: meeting,
          name,
          residentId: randomResidentId(),
          shares: 10,
          capital: '1000.00',
          joinedOn: '2024-01-05',
        },
      });

    const stats = async (identity = w.admin, year = 2025) =>
      (
        await w.sg.query<{
          _entities: Array<{ collectiveStats: Record<string, unknown> & { capitalsByKind: Array<Record<string, unknown>> } }>;
        }>(STATS, { r: [{ __typename: 'Region', code: w.street }], y: year }, identity)
      ).data!._entities[0]!.collectiveStats;
    const shopValue = bookValueAsOf(
      'ASSET',
      { usefulLifeMonths: 240n, residualRateBp: 500n },
      [{ kind: 'ACQUIRED', effectiveOn: '2024-01-10', amountFen: 12_000_000n }],
      todayInChina(new Date()),
    );
    const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
    const figures = await stats();
    // The street holds this file's organisations only: the first test's one (no income) and these two.
    expect(figures).toMatchObject({
      year: 2025,
      organisations: 3,
      shareholders: 2,
      totalBookValue: yuan(shopValue.bookValueFen + 900_000n),
      annualIncome: '37000.00',
      netIncome: '35500.00',
      // 20% of 36,000.00; the loss-making organisation gives nothing.
      communityShare: '7200.00',
      organisationsMeetingTarget: 1,
      overdueRentCharges: 11,
      overdueRent: '33000.00',
    });
    expect(figures.capitalsByKind.find((k) => k.kind === 'SHOPFRONT')).toEqual({
      kind: 'SHOPFRONT',
      category: 'ASSET',
      count: 1,
      bookValue: yuan(shopValue.bookValueFen),
    });
    expect(figures.capitalsByKind.find((k) => k.kind === 'LAND')).toEqual({
      kind: 'LAND',
      category: 'RESOURCE',
      count: 1,
      bookValue: '9000.00',
    });
    expect(figures.capitalsByKind).toHaveLength(12);
    expect(await stats(w.admin, 2024)).toMatchObject({ annualIncome: '0.00', organisationsMeetingTarget: 0, overdueRent: '33000.00' });

    // A dashboard of the county sees the same; another county's sees nothing of it; a resident may not ask.
    expect(await stats(testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520201'] }))).toMatchObject({
      organisations: 3,
      annualIncome: '37000.00',
    });
    expect(await stats(testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520322'] }))).toMatchObject({
      organisations: 0,
      shareholders: 0,
      totalBookValue: '0.00',
      annualIncome: '0.00',
      overdueRentCharges: 0,
      overdueRent: '0.00',
    });
    // One statement per figure for a whole batch of regions.
    const counter = queryCounterOf(w.sg.dataSource);
    const before = counter.count;
    const batch = await w.sg.query<{ _entities: Array<{ collectiveStats: { organisations: number } }> }>(STATS, {
      r: [w.street, w.community, '520201', '520322'].map((code) => ({ __typename: 'Region', code })),
      y: 2025,
    });
    expect(batch.data!._entities.map((e) => e.collectiveStats.organisations)).toEqual([3, 3, expect.any(Number), 0]);
    expect(counter.count - before).toBe(4);

    const AGAINST =
      'query ($id: ID!) { collectiveOrganisation(id: $id) { incomeAgainstTarget(year: 2025) { year income target met shortfall } } }';
    expect(await w.ok(AGAINST, { id: meeting })).toEqual({
      incomeAgainstTarget: { year: 2025, income: '36000.00', target: '30000.00', met: true, shortfall: '0.00' },
    });
    expect(await w.ok(AGAINST, { id: short })).toEqual({
      incomeAgainstTarget: { year: 2025, income: '1000.00', target: '50000.00', met: false, shortfall: '49000.00' },
    });
    const residentRead = await w.sg.query(AGAINST, { id: meeting }, testIdentity({ roles: ['RESIDENT'] }));
    expect(residentRead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(residentRead.data).toEqual({ collectiveOrganisation: { incomeAgainstTarget: null } });
    expect(await w.ok(AGAINST, { id: meeting }, testIdentity({ regionScopes: ['520322'] }))).toBeNull();
    const resident = await w.sg.query(STATS, { r: [{ __typename: 'Region', code: w.street }] }, testIdentity({ roles: ['RESIDENT'] }));
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

import type { RunningPlatform } from '../scripts/platform';
import { rentChargesJob } from '../services/collective-economy/src/lease/lease.jobs';
import { gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Issue 14 reviewed through the gateway at the edges of money and time: amounts of 0, 0.01, the
 * largest, over-precise, negative and malformed; part months worth less than a fen; entries other
 * records stand on. Every refusal names its field and writes nothing.
 */
describe('the collective economy at the edges, through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let community: string;

  type Errors = ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
  const run = (query: string, variables: Record<string, unknown> = {}) => gql(platform, admin, query, variables);
  const ok = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await run(query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data as Record<string, T>)[0]!;
  };
  const refusal = (errors: Errors | undefined) => errors?.map((e) => [e.extensions?.code, e.extensions?.field]);

  const CREATE = 'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }';
  const POST = 'mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) { id } }';
  const ENTRIES = 'query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o) { totalCount } }';
  const newOrganisation = async (name: string) =>
    (await ok<{ id: string }>(CREATE, { i: { name, regionCode: community, foundedOn: '2020-01-01', businessLines: ['LEASING'] } })).id;
  const entryCount = async (organisation: string) => (await ok<{ totalCount: number }>(ENTRIES, { o: organisation })).totalCount;

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    ({ community } = await seedCommunity(platform, '520201', '边界社区'));
  }, 60_000);
  afterAll(() => platform.stop());

  it('takes a ledger amount only as exact yuan and fen, refusing every other text naming the line’s field', async () => {
    const organisation = await newOrganisation('边界一社股份经济合作社');
    const post = (debit: unknown, credit: unknown = debit) =>
      run(POST, {
        i: {
          collectiveOrganisationId: organisation,
          postedOn: '2025-03-01',
          description: '边界金额',
          lines: [
            { account: 'CASH', debit },
            { account: 'INCOME_OTHER', credit },
          ],
        },
      });
    for (const amount of ['0', '0.00', '-0.00'])
      expect([amount, refusal((await post(amount)).errors)]).toEqual([amount, [['BAD_USER_INPUT', 'input.lines.0']]]);
    for (const amount of ['0.001', '1.234', '01', '1.', '.5', '', ' 1', '1e3', '1,000', '１', 'NaN', '10000000000000.00', 1.5, 1])
      expect([amount, refusal((await post(amount, '1.00')).errors)]).toEqual([amount, [['BAD_USER_INPUT', 'input.lines.0.debit']]]);
    expect(refusal((await post('-0.01')).errors)).toEqual([['BAD_USER_INPUT', 'input.lines.0.debit']]);
    expect(refusal((await post('1.00', '1.01')).errors)).toEqual([['BAD_USER_INPUT', 'input.lines']]);
    expect(await entryCount(organisation)).toBe(0);
    // A period that ends before it starts is refused, as the statements refuse it (it was an empty list).
    const backwards = await run(
      'query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o, from: "2025-12-31", to: "2025-01-01") { totalCount } }',
      {
        o: organisation,
      },
    );
    expect(refusal(backwards.errors)).toEqual([['BAD_USER_INPUT', 'from']]);

    for (const amount of ['0.01', '1.1', '9999999999999.99']) expect((await post(amount)).errors).toBeUndefined();
    const statement = await ok<{ totalIncome: string; netIncome: string }>(
      'query ($o: ID!) { incomeStatement(collectiveOrganisationId: $o, from: "2025-03-01", to: "2025-03-31") { totalIncome netIncome } }',
      { o: organisation },
    );
    expect(statement).toEqual({ totalIncome: '10000000000001.10', netIncome: '10000000000001.10' });
  });

  it('refuses a capital registered at 0.00 naming input.value (it was an internal error), and registers 0.01', async () => {
    const organisation = await newOrganisation('边界二社股份经济合作社');
    const REGISTER = 'mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id cost } }';
    const register = (value: string) =>
      run(REGISTER, { i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '边界地块', acquiredOn: '2024-01-01', value } });
    for (const value of ['0', '0.00', '-0.01']) {
      const refused = await register(value);
      expect([value, refusal(refused.errors)]).toEqual([value, [['BAD_USER_INPUT', 'input.value']]]);
    }
    const REGISTER_LINES = 'query ($o: ID!) { capitalRegister(collectiveOrganisationId: $o, category: RESOURCE) { lines { cost } } }';
    expect(await ok<{ lines: unknown[] }>(REGISTER_LINES, { o: organisation })).toEqual({ lines: [] });
    expect((await register('0.01')).data).toEqual({ registerCapital: { id: expect.any(String), cost: '0.01' } });
  });

  it('raises no 0.00 charge for a part month of a tiny rent, so neither the job nor the mutation stops on it', async () => {
    const organisation = await newOrganisation('边界三社股份经济合作社');
    const land = await ok<{ id: string }>('mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }', {
      i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '边界菜地', acquiredOn: '2020-01-01', value: '100.00' },
    });
    const LEASE = 'mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }';
    const lease = (startsOn: string, endsOn: string) =>
      ok<{ id: string }>(LEASE, {
        i: { capitalId: land.id, tenantKind: 'ORGANISATION', tenantName: '边界农场', startsOn, endsOn, monthlyRent: '0.01', dueDay: 5 },
      });
    // One day of January at 0.01 a month is 0.0003 yuan: less than a fen, nothing owed.
    const first = await lease('2025-01-31', '2025-02-28');
    const raised = await ok<Array<{ month: string; amount: string }>>(
      'mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { month amount } }',
      { i: { leaseId: first.id, throughMonth: '2025-02' } },
    );
    expect(raised).toEqual([{ month: '2025-02', amount: '0.01' }]);

    const second = await lease('2025-03-31', '2025-04-30');
    const economy = platform.dataSources['collective-economy']!;
    const result = await rentChargesJob.handler(
      { month: '2025-04', regionCode: community },
      { dataSource: economy, jobId: 'edges-test', attempt: 1 },
    );
    expect(result).toMatchObject({ month: '2025-04' });
    const charges = await ok<{ charges: Array<{ month: string; amount: string }> }>(
      'query ($id: ID!) { lease(id: $id) { charges { month amount } } }',
      { id: second.id },
    );
    expect(charges.charges).toEqual([{ month: '2025-04', amount: '0.01' }]);
  });

  it('refuses reversing by hand an entry a rent charge, a rent payment or a posted distribution stands on', async () => {
    const second = await tokenFor({ sub: 'edges-approver', roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    const organisation = await newOrganisation('边界四社股份经济合作社');
    const shop = await ok<{ id: string }>('mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }', {
      i: { collectiveOrganisationId: organisation, kind: 'SHOPFRONT', name: '边界门面', acquiredOn: '2020-01-01', value: '1000.00' },
    });
    const lease = await ok<{ id: string }>('mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }', {
      i: {
        capitalId: shop.id,
        tenantKind: 'ORGANISATION',
        tenantName: '边界商店',
        startsOn: '2024-01-01',
        endsOn: '2024-12-31',
        monthlyRent: '100.00',
        dueDay: 5,
      },
    });
    const [january] = await ok<Array<{ id: string }>>('mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { id } }', {
      i: { leaseId: lease.id, throughMonth: '2024-12' },
    });
    await ok('mutation ($i: PayRentInput!) { payRent(input: $i) { id } }', {
      i: { rentChargeId: january!.id, amount: '40.00', paidOn: '2024-01-10' },
    });
    await ok('mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: organisation,
        name: '边界股东',
        residentId: randomResidentId('520201'),
        shares: 3,
        capital: '3.00',
        joinedOn: '2024-01-01',
      },
    });
    await ok('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
      i: { collectiveOrganisationId: organisation, period: '2024' },
    });
    const STEP = (name: string) => `mutation ($i: DistributionStepInput!) { ${name}(input: $i) { status } }`;
    const drafted = await ok<{ id: string }>('mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { id } }', {
      i: { collectiveOrganisationId: organisation, year: 2024, recordDate: '2025-01-01' },
    });
    await ok(STEP('reviewDistribution'), { i: { distributionId: drafted.id } });
    const approved = await gql(platform, second, STEP('approveDistribution'), { i: { distributionId: drafted.id } });
    expect(approved.errors).toBeUndefined();
    await ok(STEP('postDistribution'), { i: { distributionId: drafted.id } });

    const entries = await ok<{ edges: Array<{ node: { id: string; description: string } }> }>(
      'query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o, first: 50) { edges { node { id description } } } }',
      { o: organisation },
    );
    const before = entries.edges.length;
    expect(before).toBe(14); // 12 months raised, 1 payment, 1 distribution
    const REVERSE = 'mutation ($i: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $i) { id } }';
    for (const { node } of entries.edges) {
      const refused = await run(REVERSE, { i: { entryId: node.id, postedOn: '2025-06-30', reason: '复核冲销' } });
      expect([node.description, refusal(refused.errors)]).toEqual([node.description, [['CONFLICT', 'input.entryId']]]);
    }
    expect(await entryCount(organisation)).toBe(before);

    // An entry posted by hand is still corrected by a reversal.
    const own = await ok<{ id: string }>(POST, {
      i: {
        collectiveOrganisationId: organisation,
        postedOn: '2025-06-01',
        description: '手工凭证',
        lines: [
          { account: 'EXPENSE_OTHER', debit: '1.00' },
          { account: 'CASH', credit: '1.00' },
        ],
      },
    });
    expect((await run(REVERSE, { i: { entryId: own.id, postedOn: '2025-06-30', reason: '复核冲销' } })).errors).toBeUndefined();
  });

  it('counts on the dashboard the community share of the year’s rate, and a drafted year’s own figure', async () => {
    const { community: own } = await seedCommunity(platform, '520201', '边界五社区');
    const create = async (name: string) =>
      (await ok<{ id: string }>(CREATE, { i: { name, regionCode: own, foundedOn: '2020-01-01', businessLines: ['RETAIL'] } })).id;
    const income = (organisation: string, amount: string) =>
      ok(POST, {
        i: {
          collectiveOrganisationId: organisation,
          postedOn: '2024-06-30',
          description: '门店收入',
          lines: [
            { account: 'CASH', debit: amount },
            { account: 'INCOME_RETAIL', credit: amount },
          ],
        },
      });
    // 12.5% from 2024: 100.00 of net income gives the community 12.50, as the draft will.
    const rated = await create('边界五社甲股份经济合作社');
    await ok('mutation ($i: SetCommunityShareRateInput!) { setCommunityShareRate(input: $i) { rate } }', {
      i: { collectiveOrganisationId: rated, rate: '12.5', fromYear: 2024 },
    });
    await income(rated, '100.00');
    // No shareholder on the register: the drafted year gives all 10.00 to the community collective.
    const alone = await create('边界五社乙股份经济合作社');
    await income(alone, '10.00');
    await ok('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
      i: { collectiveOrganisationId: alone, period: '2024' },
    });
    const draft = await ok<{ communityShare: string }>(
      'mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { communityShare } }',
      { i: { collectiveOrganisationId: alone, year: 2024, recordDate: '2025-01-01' } },
    );
    expect(draft.communityShare).toBe('10.00');

    const stats = await ok<{ collectiveStats: Record<string, unknown> }>(
      'query ($c: ID!) { region(code: $c) { collectiveStats(year: 2024) { organisations netIncome communityShare } } }',
      { c: own },
    );
    expect(stats.collectiveStats).toEqual({ organisations: 2, netIncome: '110.00', communityShare: '22.50' });
  });

  it('keeps a month open while a lease’s rent of it is not raised, so no month of rent is lost to a closed period', async () => {
    const organisation = await newOrganisation('边界六社股份经济合作社');
    const shop = await ok<{ id: string }>('mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }', {
      i: { collectiveOrganisationId: organisation, kind: 'SHOPFRONT', name: '边界六社门面', acquiredOn: '2020-01-01', value: '1000.00' },
    });
    const lease = await ok<{ id: string }>('mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }', {
      i: {
        capitalId: shop.id,
        tenantKind: 'ORGANISATION',
        tenantName: '边界六社商店',
        startsOn: '2025-03-01',
        endsOn: '2025-03-10',
        monthlyRent: '310.00',
        dueDay: 5,
      },
    });
    const CLOSE = 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }';
    for (const period of ['2025-03', '2025']) {
      const refused = await run(CLOSE, { i: { collectiveOrganisationId: organisation, period } });
      expect([period, refusal(refused.errors)]).toEqual([period, [['CONFLICT', 'input.period']]]);
      expect(refused.errors?.[0]?.message).toContain('2025-03');
    }
    // February has no rent of this lease: it closes. Once March's ten days (100.00) are raised, March and the year close.
    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2025-02' } })).errors).toBeUndefined();
    const raised = await ok<Array<{ month: string; amount: string }>>(
      'mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { month amount } }',
      { i: { leaseId: lease.id, throughMonth: '2025-03' } },
    );
    expect(raised).toEqual([{ month: '2025-03', amount: '100.00' }]);
    for (const period of ['2025-03', '2025'])
      expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period } })).errors).toBeUndefined();
  });
});

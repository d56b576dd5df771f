import type { RunningPlatform } from '../scripts/platform';
import { capitalDepreciationJob, type DepreciationRunResult } from '../services/collective-economy/src/capital/capital.jobs';
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
      i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '边界地块', acquiredOn: '2020-01-01', value: '1000.00' },
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
    expect(before).toBe(14); // 12 months raised, 1 payment, 1 distribution (a plot leased, not among the fixed assets)
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
      i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '边界六社地块', acquiredOn: '2020-01-01', value: '1000.00' },
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
  it('refuses a lease recorded after its months were closed, naming input.startsOn, and takes it from the first open month', async () => {
    const organisation = await newOrganisation('边界七社股份经济合作社');
    const shop = await ok<{ id: string }>('mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }', {
      i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '边界七社地块', acquiredOn: '2020-01-01', value: '1000.00' },
    });
    const CLOSE = 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }';
    // No lease yet: January to March 2024 close, then the year 2023.
    for (const period of ['2023', '2024-01', '2024-02', '2024-03'])
      expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period } })).errors).toBeUndefined();
    const CREATE_LEASE = 'mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id startsOn } }';
    const LEASES = 'query ($o: ID!) { leases(collectiveOrganisationId: $o) { id } }';
    const lease = (startsOn: string, endsOn: string) => ({
      capitalId: shop.id,
      tenantKind: 'ORGANISATION',
      tenantName: '边界七社商店',
      startsOn,
      endsOn,
      monthlyRent: '300.00',
      dueDay: 5,
    });
    // A term reaching back into a closed month, or a closed year, has rent that could never be raised.
    for (const [startsOn, period] of [
      ['2024-02-15', '2024-02'],
      ['2024-03-31', '2024-03'],
      ['2023-12-01', '2023'],
    ] as const) {
      const refused = await run(CREATE_LEASE, { i: lease(startsOn, '2024-12-31') });
      expect([startsOn, refusal(refused.errors)]).toEqual([startsOn, [['CONFLICT', 'input.startsOn']]]);
      expect(refused.errors?.[0]?.message).toContain(`The books of ${period} are closed`);
    }
    expect(await ok<unknown[]>(LEASES, { o: organisation })).toEqual([]);
    // From the first open month it is recorded, and its rent raised into open periods only.
    const recorded = await ok<{ id: string; startsOn: string }>(CREATE_LEASE, { i: lease('2024-04-01', '2024-12-31') });
    const raised = await ok<Array<{ month: string }>>('mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { month } }', {
      i: { leaseId: recorded.id, throughMonth: '2024-04' },
    });
    expect(raised).toEqual([{ month: '2024-04' }]);
  });
  it('reduces or waives a rent charge with a reason by an adjusting entry, never below what was paid nor into closed books', async () => {
    const organisation = await newOrganisation('边界八社股份经济合作社');
    const shop = await ok<{ id: string }>('mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }', {
      i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '边界八社地块', acquiredOn: '2020-01-01', value: '1000.00' },
    });
    const lease = await ok<{ id: string }>('mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }', {
      i: {
        capitalId: shop.id,
        tenantKind: 'ORGANISATION',
        tenantName: '边界八社商店',
        startsOn: '2025-01-01',
        endsOn: '2025-03-31',
        monthlyRent: '1000.00',
        dueDay: 10,
      },
    });
    const charges = await ok<Array<{ id: string; month: string }>>(
      'mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { id month } }',
      { i: { leaseId: lease.id, throughMonth: '2025-03' } },
    );
    const [january, february] = charges;
    await ok('mutation ($i: PayRentInput!) { payRent(input: $i) { id } }', {
      i: { rentChargeId: january!.id, amount: '400.00', paidOn: '2025-01-05' },
    });
    const REDUCE = `mutation ($i: ReduceRentChargeInput!) { reduceRentCharge(input: $i) {
      month amount paid reduced outstanding overdue settledOn reductions { reducedOn amount reason entry { postedOn lines { account debit credit } } } } }`;
    const LEASE = 'query ($id: ID!) { lease(id: $id) { outstanding charges { month amount paid reduced outstanding overdue } } }';
    const before = await ok<unknown>(LEASE, { id: lease.id });
    // What was paid is not reduced: 600.01 is more than the 600.00 outstanding.
    const tooMuch = await run(REDUCE, {
      i: { rentChargeId: january!.id, amount: '600.01', reducedOn: '2025-02-01', reason: '门面整修期间减免' },
    });
    expect(refusal(tooMuch.errors)).toEqual([['BAD_USER_INPUT', 'input.amount']]);
    expect(tooMuch.errors?.[0]?.message).toContain('400.00 already paid is not reduced');
    // The rest of January waived: the charge's amount stays as raised, the reduction and its entry beside it.
    const waived = await ok<Record<string, unknown>>(REDUCE, {
      i: { rentChargeId: january!.id, amount: '600.00', reducedOn: '2025-02-01', reason: '门面整修期间减免' },
    });
    expect(waived).toEqual({
      month: '2025-01',
      amount: '1000.00',
      paid: '400.00',
      reduced: '600.00',
      outstanding: '0.00',
      overdue: false,
      settledOn: '2025-02-01',
      reductions: [
        {
          reducedOn: '2025-02-01',
          amount: '600.00',
          reason: '门面整修期间减免',
          entry: {
            postedOn: '2025-02-01',
            lines: [
              { account: 'INCOME_LEASING', debit: '600.00', credit: '0.00' },
              { account: 'RENT_RECEIVABLE', debit: '0.00', credit: '600.00' },
            ],
          },
        },
      ],
    });
    const settled = await run(REDUCE, { i: { rentChargeId: january!.id, amount: '0.01', reducedOn: '2025-02-01', reason: '再减' } });
    expect(refusal(settled.errors)).toEqual([['BAD_USER_INPUT', 'input.amount']]);
    // February's books closed: a reduction dated in them is refused naming its day, and nothing is written.
    expect(
      (
        await run('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
          i: { collectiveOrganisationId: organisation, period: '2025-02' },
        })
      ).errors,
    ).toBeUndefined();
    const closed = await run(REDUCE, { i: { rentChargeId: february!.id, amount: '1000.00', reducedOn: '2025-02-20', reason: '免租' } });
    expect(refusal(closed.errors)).toEqual([['CONFLICT', 'input.reducedOn']]);
    // Waived whole in an open month: February is no longer overdue, March still is.
    await ok(REDUCE, { i: { rentChargeId: february!.id, amount: '1000.00', reducedOn: '2025-04-01', reason: '免租' } });
    const after = await ok<{ outstanding: string; charges: unknown[] }>(LEASE, { id: lease.id });
    expect(after).toEqual({
      outstanding: '1000.00',
      charges: [
        { month: '2025-01', amount: '1000.00', paid: '400.00', reduced: '600.00', outstanding: '0.00', overdue: false },
        { month: '2025-02', amount: '1000.00', paid: '0.00', reduced: '1000.00', outstanding: '0.00', overdue: false },
        { month: '2025-03', amount: '1000.00', paid: '0.00', reduced: '0.00', outstanding: '1000.00', overdue: true },
      ],
    });
    expect(after).not.toEqual(before);
    const overdue = await ok<{ edges: Array<{ node: { month: string } }> }>(
      'query ($o: ID!) { rentCharges(collectiveOrganisationId: $o, overdueOnly: true) { edges { node { month } } } }',
      { o: organisation },
    );
    expect(overdue.edges.map((e) => e.node.month)).toEqual(['2025-03']);
    // The books: receivable 3000.00 raised, 400.00 paid and 1600.00 reduced; income 3000.00 less 1600.00.
    const trial = await ok<{ accounts: Array<{ account: string; debit: string; credit: string }> }>(
      `query ($o: ID!) { trialBalance(collectiveOrganisationId: $o, from: "2000-01-01", to: "2100-12-31") { accounts { account debit credit } } }`,
      { o: organisation },
    );
    expect(trial.accounts.filter((a) => ['CASH', 'RENT_RECEIVABLE', 'INCOME_LEASING'].includes(a.account))).toEqual([
      { account: 'CASH', debit: '400.00', credit: '0.00' },
      { account: 'RENT_RECEIVABLE', debit: '3000.00', credit: '2000.00' },
      { account: 'INCOME_LEASING', debit: '1600.00', credit: '3000.00' },
    ]);
    // The reduction's entry is not reversed by hand: the charge stands on it.
    const ENTRIES_OF = 'query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o) { edges { node { id description } } } }';
    const entries = await ok<{ edges: Array<{ node: { id: string; description: string } }> }>(ENTRIES_OF, { o: organisation });
    const reductionEntry = entries.edges.find((e) => e.node.description.startsWith('2025-01租金减免'))!;
    const reversal = await run('mutation ($i: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $i) { id } }', {
      i: { entryId: reductionEntry.node.id, postedOn: '2025-04-02', reason: '撤销减免' },
    });
    expect(refusal(reversal.errors)).toEqual([['CONFLICT', 'input.entryId']]);
  });
  it('keeps the fixed assets in the books as the register values them: registered, depreciated once a month, disposed of', async () => {
    // A community of its own, so the depreciation run limited to it sees this test's assets only.
    const { community: own } = await seedCommunity(platform, '520201', '折旧社区');
    const organisation = (
      await ok<{ id: string }>(CREATE, {
        i: { name: '折旧社区股份经济合作社', regionCode: own, foundedOn: '2020-01-01', businessLines: ['LEASING'] },
      })
    ).id;
    const REGISTER = 'mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }';
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '折旧社区货车', acquiredOn: '2024-01-15', value: '120000.00' },
      })
    ).id;
    type Amounts = Array<{ account: string; amount: string }>;
    interface Books {
      balanceSheet: { assets: Amounts; equity: Amounts; totalAssets: string; totalEquity: string };
      incomeStatement: { expenses: Amounts };
      capital: { bookValue: string; accumulatedDepreciation: string };
    }
    const books = async (asOf: string, capital = van): Promise<Books> => {
      const result = await run(
        `query ($o: ID!, $d: Date!, $c: ID!) {
          balanceSheet(collectiveOrganisationId: $o, asOf: $d) { assets { account amount } equity { account amount } totalAssets totalEquity }
          incomeStatement(collectiveOrganisationId: $o, from: "2000-01-01", to: $d) { expenses { account amount } }
          capital(id: $c) { bookValue(asOf: $d) accumulatedDepreciation(asOf: $d) } }`,
        { o: organisation, d: asOf, c: capital },
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data as unknown as Books;
    };
    const amountOf = (amounts: Amounts, account: string) => amounts.find((a) => a.account === account)?.amount;
    const depreciate = (month: string): Promise<DepreciationRunResult> =>
      capitalDepreciationJob.handler(
        { month, regionCode: own },
        { dataSource: platform.dataSources['collective-economy'], jobId: 'edges-depreciation', attempt: 1 },
      ) as Promise<DepreciationRunResult>;

    // Registered: the van enters the books at its value, against the collective's accumulation fund.
    const registered = await books('2024-01-31');
    expect(registered.balanceSheet).toEqual({
      assets: [{ account: 'FIXED_ASSETS', amount: '120000.00' }],
      equity: [{ account: 'PUBLIC_ACCUMULATION_FUND', amount: '120000.00' }],
      totalAssets: '120000.00',
      totalEquity: '120000.00',
    });

    // February and March depreciated, each on its last day; the books agree with the register to the fen.
    expect(await depreciate('2024-03')).toMatchObject({ posted: 2, blocked: [] });
    const march = await books('2024-03-31');
    expect(march.capital.accumulatedDepreciation).not.toBe('0.00');
    expect(amountOf(march.balanceSheet.assets, 'ACCUMULATED_DEPRECIATION')).toBe(`-${march.capital.accumulatedDepreciation}`);
    expect(march.balanceSheet.totalAssets).toBe(march.capital.bookValue);
    expect(amountOf(march.incomeStatement.expenses, 'EXPENSE_DEPRECIATION')).toBe(march.capital.accumulatedDepreciation);
    // Run again, twice at once: nothing posted twice.
    const again = await Promise.all([depreciate('2024-03'), depreciate('2024-03')]);
    expect(again.map((r) => r.posted)).toEqual([0, 0]);
    expect(await books('2024-03-31')).toEqual(march);

    // April is not closed before its run (its income would lack the van's depreciation); once run, it is.
    const CLOSE = 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }';
    const early = await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2024-04' } });
    expect(refusal(early.errors)).toEqual([['CONFLICT', 'input.period']]);
    expect(await depreciate('2024-04')).toMatchObject({ posted: 1, blocked: [] });
    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2024-04' } })).errors).toBeUndefined();
    expect(await depreciate('2024-05')).toMatchObject({ posted: 1, blocked: [] });
    const april = await books('2024-04-30');
    expect(amountOf(april.balanceSheet.assets, 'ACCUMULATED_DEPRECIATION')).toBe(`-${april.capital.accumulatedDepreciation}`);
    expect(april.capital.accumulatedDepreciation).not.toBe(march.capital.accumulatedDepreciation);
    const may = await books('2024-05-31');
    expect(may.balanceSheet.totalAssets).toBe(may.capital.bookValue);

    // The register's accounts are not posted by hand, and its entries are not reversed by hand.
    const byHand = await run(POST, {
      i: {
        collectiveOrganisationId: organisation,
        postedOn: '2024-05-31',
        description: '手工折旧',
        lines: [
          { account: 'EXPENSE_DEPRECIATION', debit: '1.00' },
          { account: 'ACCUMULATED_DEPRECIATION', credit: '1.00' },
        ],
      },
    });
    expect(refusal(byHand.errors)).toEqual([['BAD_USER_INPUT', 'input.lines.1.account']]);
    const entries = await ok<{ edges: Array<{ node: { id: string; postedOn: string } }> }>(
      'query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o) { edges { node { id postedOn } } } }',
      { o: organisation },
    );
    expect(entries.edges.map((e) => e.node.postedOn).sort()).toEqual([
      '2024-01-15',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
    const reversal = await run('mutation ($i: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $i) { id } }', {
      i: { entryId: entries.edges[0]!.node.id, postedOn: '2024-06-01', reason: '冲销' },
    });
    expect(refusal(reversal.errors)).toEqual([['CONFLICT', 'input.entryId']]);

    // Disposed of at the end of June: June's depreciation expensed, the van out of the books, its net value out of the fund.
    await ok('mutation ($i: RecordCapitalChangeInput!) { recordCapitalChange(input: $i) { id } }', {
      i: { capitalId: van, kind: 'DISPOSED', effectiveOn: '2024-06-30', reason: '报废' },
    });
    const disposed = await books('2024-06-30');
    expect(disposed.balanceSheet).toMatchObject({ totalAssets: '0.00', totalEquity: '0.00' });
    expect(amountOf(disposed.balanceSheet.assets, 'FIXED_ASSETS')).toBe('0.00');
    expect(amountOf(disposed.balanceSheet.assets, 'ACCUMULATED_DEPRECIATION')).toBe('0.00');
    expect(BigInt(amountOf(disposed.incomeStatement.expenses, 'EXPENSE_DEPRECIATION')!.replace('.', ''))).toBeGreaterThan(
      BigInt(may.capital.accumulatedDepreciation.replace('.', '')),
    );
    expect(await depreciate('2024-07')).toMatchObject({ posted: 0 });

    // Registered late, into a closed year: posted on the first open day after it (1 January 2024) at its value then,
    // 2023's depreciation against the fund; its months from 2024 on are expense, posted by the run (closed April with May).
    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2023' } })).errors).toBeUndefined();
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const shed = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'BUILDING', name: '折旧社区仓库', acquiredOn: '2023-03-01', value: '80000.00' },
      })
    ).id;
    const entered = await books('2024-01-01', shed);
    expect(entered.capital.accumulatedDepreciation).not.toBe('0.00');
    expect(entered.balanceSheet.totalAssets).toBe(entered.capital.bookValue);
    expect(amountOf(entered.balanceSheet.assets, 'ACCUMULATED_DEPRECIATION')).toBe(`-${entered.capital.accumulatedDepreciation}`);
    expect(amountOf(entered.incomeStatement.expenses, 'EXPENSE_DEPRECIATION')).toBeUndefined();
    const lastMonthEnd = new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await depreciate(lastMonthEnd.slice(0, 7))).toMatchObject({ blocked: [{ capitalId: shed, month: '2024-04' }] });
    const late = await books(lastMonthEnd, shed);
    expect(late.balanceSheet.totalAssets).toBe(late.capital.bookValue);
    expect(amountOf(late.balanceSheet.assets, 'ACCUMULATED_DEPRECIATION')).toBe(`-${late.capital.accumulatedDepreciation}`);
    const fen = (money: string | undefined) => BigInt((money ?? '0.00').replace('.', ''));
    expect(fen(amountOf(late.incomeStatement.expenses, 'EXPENSE_DEPRECIATION'))).toBe(
      fen(amountOf(disposed.incomeStatement.expenses, 'EXPENSE_DEPRECIATION')) +
        fen(late.capital.accumulatedDepreciation) -
        fen(entered.capital.accumulatedDepreciation),
    );
  });
});

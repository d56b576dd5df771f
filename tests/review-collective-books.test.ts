import type { RunningPlatform } from '../scripts/platform';
import { capitalDepreciationJob, type DepreciationRunResult } from '../services/collective-economy/src/capital/capital.jobs';
import { Capital, CapitalChange } from '../services/collective-economy/src/capital/capital.entity';
import { gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';

/**
 * The collective economy's books reviewed as an accountant would, through the gateway: after every
 * operation the trial balance balances and the balance sheet's assets equal liabilities and equity;
 * a year's income statement holds each month's depreciation once, and the year's distribution is
 * drawn from it with rent reductions; reductions race payments; the depreciation run is rerun and
 * run at once; assets registered before the books kept them enter them once.
 */
describe('the collective books, reviewed as an accountant would', () => {
  let platform: RunningPlatform;
  let admin: string;

  type Errors = ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
  type Amounts = Array<{ account: string; amount: string }>;
  const run = (query: string, variables: Record<string, unknown> = {}, token = admin) => gql(platform, token, query, variables);
  const ok = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await run(query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data as Record<string, T>)[0]!;
  };
  const refusal = (errors: Errors | undefined) => errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
  const fen = (money: string | undefined) => BigInt((money ?? '0.00').replace('.', ''));
  const money = (amount: bigint) =>
    `${amount < 0n ? '-' : ''}${(amount < 0n ? -amount : amount) / 100n}.${((amount < 0n ? -amount : amount) % 100n).toString().padStart(2, '0')}`;
  const amountOf = (amounts: Amounts, account: string) => amounts.find((a) => a.account === account)?.amount;

  const CREATE = 'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }';
  const REGISTER = 'mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }';
  const CHANGE = 'mutation ($i: RecordCapitalChangeInput!) { recordCapitalChange(input: $i) { id } }';
  const CLOSE = 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }';
  const LEASE = 'mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }';
  const RAISE = 'mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { id month } }';
  const PAY = 'mutation ($i: PayRentInput!) { payRent(input: $i) { outstanding } }';
  const REDUCE = 'mutation ($i: ReduceRentChargeInput!) { reduceRentCharge(input: $i) { outstanding } }';

  /** A fresh community (the depreciation run is limited to it) and an organisation in it. */
  const newBooks = async (name: string) => {
    const { community: own } = await seedCommunity(platform, '520201', name);
    const organisation = (
      await ok<{ id: string }>(CREATE, {
        i: { name: `${name}股份经济合作社`, regionCode: own, foundedOn: '2020-01-01', businessLines: ['LEASING'] },
      })
    ).id;
    const depreciate = (month: string): Promise<DepreciationRunResult> =>
      capitalDepreciationJob.handler(
        { month, regionCode: own },
        { dataSource: platform.dataSources['collective-economy'], jobId: 'review-depreciation', attempt: 1 },
      ) as Promise<DepreciationRunResult>;
    return { own, organisation, depreciate };
  };

  /** The trial balance over all time balances, and the balance sheet at `asOf` has assets = liabilities + equity. */
  const expectWhole = async (organisation: string, asOf: string) => {
    const result = await run(
      `query ($o: ID!, $d: Date!) {
        trialBalance(collectiveOrganisationId: $o, from: "2000-01-01", to: "2100-12-31") { totalDebit totalCredit balanced }
        balanceSheet(collectiveOrganisationId: $o, asOf: $d) { totalAssets totalLiabilities totalEquity } }`,
      { o: organisation, d: asOf },
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const { trialBalance, balanceSheet } = result.data as {
      trialBalance: { totalDebit: string; totalCredit: string; balanced: boolean };
      balanceSheet: { totalAssets: string; totalLiabilities: string; totalEquity: string };
    };
    expect(trialBalance.balanced).toBe(true);
    expect(trialBalance.totalDebit).toBe(trialBalance.totalCredit);
    expect(fen(balanceSheet.totalAssets)).toBe(fen(balanceSheet.totalLiabilities) + fen(balanceSheet.totalEquity));
    return balanceSheet;
  };

  const depreciationExpense = async (organisation: string, from: string, to: string) =>
    amountOf(
      (
        await ok<{ expenses: Amounts }>(
          'query ($o: ID!, $f: Date!, $t: Date!) { incomeStatement(collectiveOrganisationId: $o, from: $f, to: $t) { expenses { account amount } } }',
          { o: organisation, f: from, t: to },
        )
      ).expenses,
      'EXPENSE_DEPRECIATION',
    ) ?? '0.00';
  const registerDepreciation = async (capital: string, asOf: string) =>
    (
      await ok<{ accumulatedDepreciation: string }>(
        'query ($c: ID!, $d: Date!) { capital(id: $c) { accumulatedDepreciation(asOf: $d) } }',
        { c: capital, d: asOf },
      )
    ).accumulatedDepreciation;

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
  }, 60_000);
  afterAll(() => platform.stop());

  it('keeps a year whole: rent raised, paid and reduced, depreciation posted once, the distribution drawn from the same figures', async () => {
    const { organisation, depreciate } = await newBooks('复核年度社区');
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '复核货车', acquiredOn: '2025-01-15', value: '48000.00' },
      })
    ).id;
    await expectWhole(organisation, '2025-01-15');
    const land = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '复核地块', acquiredOn: '2020-01-01', value: '5000.00' },
      })
    ).id;
    const lease = (
      await ok<{ id: string }>(LEASE, {
        i: {
          capitalId: land,
          tenantKind: 'ORGANISATION',
          tenantName: '复核农场',
          startsOn: '2025-01-01',
          endsOn: '2025-12-31',
          monthlyRent: '1000.00',
          dueDay: 10,
        },
      })
    ).id;
    const charges = await ok<Array<{ id: string; month: string }>>(RAISE, { i: { leaseId: lease, throughMonth: '2025-12' } });
    expect(charges).toHaveLength(12);
    await expectWhole(organisation, '2025-12-31');
    await ok(PAY, { i: { rentChargeId: charges[0]!.id, amount: '1000.00', paidOn: '2025-01-10' } });
    await ok(PAY, { i: { rentChargeId: charges[1]!.id, amount: '300.00', paidOn: '2025-02-10' } });
    await ok(REDUCE, { i: { rentChargeId: charges[1]!.id, amount: '700.00', reducedOn: '2025-02-20', reason: '疫情减免' } });
    await ok(REDUCE, { i: { rentChargeId: charges[2]!.id, amount: '0.01', reducedOn: '2025-03-20', reason: '零头减免' } });
    await expectWhole(organisation, '2025-03-31');

    // Twice, and twice at once: February to December once each.
    await Promise.all([depreciate('2025-12'), depreciate('2025-12')]);
    expect(await depreciate('2025-12')).toMatchObject({ posted: 0 });
    await expectWhole(organisation, '2025-12-31');
    const yearDepreciation = await registerDepreciation(van, '2025-12-31');
    expect(fen(yearDepreciation)).toBeGreaterThan(0n);
    expect(await depreciationExpense(organisation, '2025-01-01', '2025-12-31')).toBe(yearDepreciation);
    // Each month on its own: September's is the register's September.
    expect(fen(await depreciationExpense(organisation, '2025-09-01', '2025-09-30'))).toBe(
      fen(await registerDepreciation(van, '2025-09-30')) - fen(await registerDepreciation(van, '2025-08-31')),
    );

    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2025' } })).errors).toBeUndefined();
    const distribution = await ok<{ income: string; expense: string; netIncome: string }>(
      'mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { income expense netIncome } }',
      { i: { collectiveOrganisationId: organisation, year: 2025, recordDate: '2026-01-01' } },
    );
    // 12 000.00 of rent less 700.01 reduced; the van's depreciation of the year the only expense.
    expect(distribution).toEqual({
      income: '11299.99',
      expense: yearDepreciation,
      netIncome: money(fen('11299.99') - fen(yearDepreciation)),
    });
    // The year closed: a rerun of its months posts nothing into it, and its figures stay as drawn.
    expect(await depreciate('2025-12')).toMatchObject({ posted: 0, blocked: [] });
    expect(await depreciationExpense(organisation, '2025-01-01', '2025-12-31')).toBe(yearDepreciation);
  });

  it('posts a month’s depreciation on its last day even when a change of the asset was posted after the month ended', async () => {
    const { organisation, depreciate } = await newBooks('复核改良社区');
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '复核改良货车', acquiredOn: '2026-06-15', value: '48000.00' },
      })
    ).id;
    expect(await depreciate('2026-08')).toMatchObject({ posted: 2 });
    // An improvement in October, recorded before September's run.
    await ok(CHANGE, { i: { capitalId: van, kind: 'INCREASE', effectiveOn: '2026-10-05', amount: '1200.00', reason: '加装货箱' } });
    expect(await depreciate('2026-09')).toMatchObject({ posted: 1 });
    const september = await registerDepreciation(van, '2026-09-30');
    expect(await depreciationExpense(organisation, '2026-01-01', '2026-09-30')).toBe(september);
    expect(fen(await depreciationExpense(organisation, '2026-09-01', '2026-09-30'))).toBe(
      fen(september) - fen(await registerDepreciation(van, '2026-08-31')),
    );
    const sheet = await expectWhole(organisation, '2026-10-31');
    expect(await depreciate('2026-10')).toMatchObject({ posted: 1 });
    expect((await expectWhole(organisation, '2026-10-31')).totalAssets).not.toBe(sheet.totalAssets);
  });

  it('keeps a year open while its depreciation is not posted, so the distribution drawn from it holds every month', async () => {
    const { organisation, depreciate } = await newBooks('复核结账社区');
    // Registered in the next year with its day in this one: its months are the year's expense.
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '复核结账货车', acquiredOn: '2025-03-10', value: '9600.00' },
      })
    ).id;
    const early = await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2025' } });
    expect(refusal(early.errors)).toEqual([['CONFLICT', 'input.period']]);
    expect(early.errors?.[0]?.message).toContain('复核结账货车');
    expect(await depreciate('2025-12')).toMatchObject({ posted: 9, blocked: [] });
    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2025' } })).errors).toBeUndefined();
    const yearDepreciation = await registerDepreciation(van, '2025-12-31');
    const distribution = await ok<{ expense: string; netIncome: string }>(
      'mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { expense netIncome } }',
      { i: { collectiveOrganisationId: organisation, year: 2025, recordDate: '2026-01-01' } },
    );
    expect(distribution).toEqual({ expense: yearDepreciation, netIncome: money(-fen(yearDepreciation)) });
    expect(await depreciate('2026-01')).toMatchObject({ posted: 1 });
    expect(await depreciationExpense(organisation, '2026-01-01', '2026-01-31')).toBe(
      money(fen(await registerDepreciation(van, '2026-01-31')) - fen(yearDepreciation)),
    );
  });

  it('posts an organisation’s pending depreciation on demand, as the run would, so a month closes without waiting for the 1st', async () => {
    const { own, organisation, depreciate } = await newBooks('复核计提社区');
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '复核计提货车', acquiredOn: '2026-06-15', value: '48000.00' },
      })
    ).id;
    const POST_DEPRECIATION =
      'mutation ($i: PostDepreciationInput!) { postDepreciation(input: $i) { postedOn lines { account debit credit } } }';
    const early = await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2026-08' } });
    expect(refusal(early.errors)).toEqual([['CONFLICT', 'input.period']]);
    // Not a month that has not ended, not another county's organisation, not by a resident.
    const thisMonth = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
    const unended = await run(POST_DEPRECIATION, { i: { collectiveOrganisationId: organisation, throughMonth: thisMonth } });
    expect(refusal(unended.errors)).toEqual([['BAD_USER_INPUT', 'input.throughMonth']]);
    const elsewhere = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520202'] });
    const outside = await run(POST_DEPRECIATION, { i: { collectiveOrganisationId: organisation, throughMonth: '2026-08' } }, elsewhere);
    expect(refusal(outside.errors)).toEqual([['NOT_FOUND', 'input.collectiveOrganisationId']]);
    const resident = await tokenFor({ roles: ['RESIDENT'], regions: [own] });
    const byResident = await run(POST_DEPRECIATION, { i: { collectiveOrganisationId: organisation, throughMonth: '2026-08' } }, resident);
    expect(byResident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Posted twice at once: July and August once each.
    const [first, second] = await Promise.all(
      [0, 1].map(() => run(POST_DEPRECIATION, { i: { collectiveOrganisationId: organisation, throughMonth: '2026-08' } })),
    );
    const posted = [first!, second!].flatMap((r) => (r.data as { postDepreciation: Array<{ postedOn: string }> }).postDepreciation);
    expect(posted.map((e) => e.postedOn).sort()).toEqual(['2026-07-31', '2026-08-31']);
    expect(await depreciate('2026-08')).toMatchObject({ posted: 0 });
    expect(await depreciationExpense(organisation, '2026-01-01', '2026-08-31')).toBe(await registerDepreciation(van, '2026-08-31'));
    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2026-08' } })).errors).toBeUndefined();
    await expectWhole(organisation, '2026-08-31');
  });

  it('registers an asset whose day is closed on the first open day after it, so the open months’ depreciation is their expense', async () => {
    const { organisation } = await newBooks('复核补登社区');
    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2026-03' } })).errors).toBeUndefined();
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '复核补登货车', acquiredOn: '2026-03-10', value: '48000.00' },
      })
    ).id;
    const entered = await ok<{ assets: Amounts }>(
      'query ($o: ID!) { balanceSheet(collectiveOrganisationId: $o, asOf: "2026-04-01") { assets { account amount } } }',
      { o: organisation },
    );
    expect(amountOf(entered.assets, 'FIXED_ASSETS')).toBe('48000.00');
    await ok('mutation ($i: PostDepreciationInput!) { postDepreciation(input: $i) { id } }', {
      i: { collectiveOrganisationId: organisation, throughMonth: '2026-10' },
    });
    // April to October are this open year's expense, not the accumulation fund's.
    const october = await registerDepreciation(van, '2026-10-31');
    expect(fen(october)).toBeGreaterThan(0n);
    expect(await depreciationExpense(organisation, '2026-01-01', '2026-10-31')).toBe(october);
    await expectWhole(organisation, '2026-10-31');
  });

  it('reports a month closed before an asset of it was registered blocked, and posts its depreciation with the next open month', async () => {
    const { organisation, depreciate } = await newBooks('复核补提社区');
    expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period: '2026-08' } })).errors).toBeUndefined();
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '复核补提货车', acquiredOn: '2026-06-15', value: '48000.00' },
      })
    ).id;
    expect(await depreciate('2026-09')).toMatchObject({ posted: 2, blocked: [{ capitalId: van, month: '2026-08' }] });
    expect(await depreciationExpense(organisation, '2026-08-01', '2026-08-31')).toBe('0.00');
    expect(await depreciationExpense(organisation, '2026-09-01', '2026-09-30')).toBe(
      money(fen(await registerDepreciation(van, '2026-09-30')) - fen(await registerDepreciation(van, '2026-07-31'))),
    );
    expect(await depreciate('2026-09')).toMatchObject({ posted: 0, blocked: [] });
    await expectWhole(organisation, '2026-09-30');
  });

  it('takes an asset disposed of in closed books out at its value on its day: the depreciation posted after it expensed back', async () => {
    const { organisation, depreciate } = await newBooks('复核处置社区');
    const van = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'VEHICLE', name: '复核处置货车', acquiredOn: '2025-03-10', value: '9600.00' },
      })
    ).id;
    await depreciate('2025-08');
    await expectWhole(organisation, '2025-08-31');
    const may = await depreciationExpense(organisation, '2025-05-01', '2025-05-31');
    expect(may).toBe(money(fen(await registerDepreciation(van, '2025-05-31')) - fen(await registerDepreciation(van, '2025-04-30'))));
    for (const period of ['2025-05', '2025-06'])
      expect((await run(CLOSE, { i: { collectiveOrganisationId: organisation, period } })).errors).toBeUndefined();
    const disposal = await registerDepreciation(van, '2025-05-20');
    // Scrapped on 20 May, found out now: May is closed, so it is posted in an open period.
    expect(
      (await run(CHANGE, { i: { capitalId: van, kind: 'DISPOSED', effectiveOn: '2025-05-20', reason: '报废' } })).errors,
    ).toBeUndefined();
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const sheet = await ok<{ assets: Amounts; totalAssets: string; totalEquity: string }>(
      'query ($o: ID!, $d: Date!) { balanceSheet(collectiveOrganisationId: $o, asOf: $d) { assets { account amount } totalAssets totalEquity } }',
      { o: organisation, d: today },
    );
    expect(amountOf(sheet.assets, 'FIXED_ASSETS')).toBe('0.00');
    expect(amountOf(sheet.assets, 'ACCUMULATED_DEPRECIATION')).toBe('0.00');
    expect(sheet).toMatchObject({ totalAssets: '0.00', totalEquity: '0.00' });
    await expectWhole(organisation, today);
    // All told, the depreciation expensed is the register's at its disposal, not a fen more.
    expect(await depreciationExpense(organisation, '2000-01-01', today)).toBe(disposal);
    // Closed May's figures did not move.
    expect(await depreciationExpense(organisation, '2025-05-01', '2025-05-31')).toBe(may);
    expect(await depreciate('2025-12')).toMatchObject({ posted: 0 });
  });

  it('weighs reductions and payments of one charge at once, one after the other, never below nothing outstanding', async () => {
    const { organisation } = await newBooks('复核并发社区');
    const land = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '复核并发地块', acquiredOn: '2020-01-01', value: '5000.00' },
      })
    ).id;
    const lease = (
      await ok<{ id: string }>(LEASE, {
        i: {
          capitalId: land,
          tenantKind: 'PERSON',
          tenantName: '复核租户',
          startsOn: '2025-01-01',
          endsOn: '2025-06-30',
          monthlyRent: '1000.00',
          dueDay: 10,
        },
      })
    ).id;
    const charges = await ok<Array<{ id: string }>>(RAISE, { i: { leaseId: lease, throughMonth: '2025-06' } });
    for (const [i, charge] of charges.entries()) {
      const results = await Promise.all([
        run(PAY, { i: { rentChargeId: charge.id, amount: '600.00', paidOn: '2025-07-01' } }),
        run(REDUCE, { i: { rentChargeId: charge.id, amount: '600.00', reducedOn: '2025-07-01', reason: `并发减免${i}` } }),
        run(REDUCE, { i: { rentChargeId: charge.id, amount: '400.00', reducedOn: '2025-07-01', reason: `并发减免${i}` } }),
      ]);
      const refused = results.filter((r) => r.errors).map((r) => refusal(r.errors as Errors));
      for (const r of refused) expect(r).toEqual([['BAD_USER_INPUT', 'input.amount']]);
      expect(refused.length).toBeGreaterThanOrEqual(1);
    }
    const after = await ok<{ outstanding: string; charges: Array<{ amount: string; paid: string; reduced: string; outstanding: string }> }>(
      'query ($id: ID!) { lease(id: $id) { outstanding charges { amount paid reduced outstanding } } }',
      { id: lease },
    );
    for (const c of after.charges) {
      expect(fen(c.outstanding)).toBeGreaterThanOrEqual(0n);
      expect(fen(c.paid) + fen(c.reduced) + fen(c.outstanding)).toBe(fen(c.amount));
    }
    const trial = await ok<{ accounts: Array<{ account: string; debit: string; credit: string }> }>(
      'query ($o: ID!) { trialBalance(collectiveOrganisationId: $o, from: "2000-01-01", to: "2100-12-31") { accounts { account debit credit } } }',
      { o: organisation },
    );
    const receivable = trial.accounts.find((a) => a.account === 'RENT_RECEIVABLE')!;
    expect(fen(receivable.debit) - fen(receivable.credit)).toBe(after.charges.reduce((sum, c) => sum + fen(c.outstanding), 0n));
    expect(fen(after.outstanding)).toBe(fen(receivable.debit) - fen(receivable.credit));
    await expectWhole(organisation, '2025-07-01');
  });

  it('refuses a reduction of another county’s charge (NOT_FOUND), by a resident (FORBIDDEN), and at every wrong amount', async () => {
    const { own, organisation } = await newBooks('复核减免社区');
    const land = (
      await ok<{ id: string }>(REGISTER, {
        i: { collectiveOrganisationId: organisation, kind: 'LAND', name: '复核减免地块', acquiredOn: '2020-01-01', value: '5000.00' },
      })
    ).id;
    const lease = (
      await ok<{ id: string }>(LEASE, {
        i: {
          capitalId: land,
          tenantKind: 'PERSON',
          tenantName: '复核减免租户',
          startsOn: '2025-01-01',
          endsOn: '2025-01-31',
          monthlyRent: '100.00',
          dueDay: 10,
        },
      })
    ).id;
    const [charge] = await ok<Array<{ id: string }>>(RAISE, { i: { leaseId: lease, throughMonth: '2025-01' } });
    const reduce = (amount: unknown, token = admin) =>
      run(REDUCE, { i: { rentChargeId: charge!.id, amount, reducedOn: '2025-02-01', reason: '复核减免' } }, token);
    const elsewhere = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520202'] });
    expect(refusal((await reduce('1.00', elsewhere)).errors)).toEqual([['NOT_FOUND', 'input.rentChargeId']]);
    const resident = await tokenFor({ roles: ['RESIDENT'], regions: [own] });
    expect(refusal((await reduce('1.00', resident)).errors)?.[0]?.[0]).toBe('FORBIDDEN');
    for (const amount of ['0', '0.00', '-0.01', '0.001', '1e2', ''])
      expect([amount, refusal((await reduce(amount)).errors)]).toEqual([amount, [['BAD_USER_INPUT', 'input.amount']]]);
    expect(refusal((await reduce('100.01')).errors)).toEqual([['BAD_USER_INPUT', 'input.amount']]);
    expect((await reduce('0.01')).data).toEqual({ reduceRentCharge: { outstanding: '99.99' } });
    expect((await reduce('99.99')).data).toEqual({ reduceRentCharge: { outstanding: '0.00' } });
    await expectWhole(organisation, '2025-02-01');
  });

  it('brings an asset registered before the books kept assets into them once, on its day, however many runs and changes race for it', async () => {
    const { own, organisation, depreciate } = await newBooks('复核旧账社区');
    // As the register held it before fixed assets were posted (the demo's shopfront is such a row).
    const economy = platform.dataSources['collective-economy']!;
    const capital = await economy.getRepository(Capital).save(
      economy.getRepository(Capital).create({
        organisationId: organisation,
        regionCode: own,
        category: 'ASSET',
        kind: 'BUILDING',
        name: '复核旧仓库',
        location: null,
        acquiredOn: '2023-05-01',
        usefulLifeMonths: 240,
        residualRateBp: 500,
        registeredBy: 'review:legacy',
      }),
    );
    await economy.getRepository(CapitalChange).insert({
      capitalId: capital.id,
      organisationId: organisation,
      regionCode: own,
      kind: 'ACQUIRED',
      effectiveOn: '2023-05-01',
      amountFen: 2_400_000n,
      reason: '登记',
      recordedBy: 'review:legacy',
    });
    await Promise.all([
      depreciate('2026-09'),
      depreciate('2026-09'),
      run(CHANGE, { i: { capitalId: capital.id, kind: 'INCREASE', effectiveOn: '2026-10-05', amount: '100.00', reason: '修缮' } }),
    ]);
    const sheet = await ok<{ assets: Amounts }>(
      'query ($o: ID!) { balanceSheet(collectiveOrganisationId: $o, asOf: "2026-10-05") { assets { account amount } } }',
      { o: organisation },
    );
    expect(amountOf(sheet.assets, 'FIXED_ASSETS')).toBe('24100.00');
    // Entered on its acquisition day (no period closed), each month since the expense of its own year, not the fund's.
    expect(await depreciationExpense(organisation, '2024-01-01', '2024-12-31')).toBe(
      money(fen(await registerDepreciation(capital.id, '2024-12-31')) - fen(await registerDepreciation(capital.id, '2023-12-31'))),
    );
    expect(amountOf(sheet.assets, 'ACCUMULATED_DEPRECIATION')).toBe(`-${await registerDepreciation(capital.id, '2026-10-05')}`);
    await expectWhole(organisation, '2026-10-05');
  });
});

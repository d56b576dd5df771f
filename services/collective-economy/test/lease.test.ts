import { tableOf } from '@gg/shared';
import { testIdentity } from '@gg/shared/src/testing';
import { postDepreciation } from '../src/capital/capital.jobs';
import { flagOverdueRent, raiseRentCharges } from '../src/lease/lease.jobs';
import { CREATE_LEASE, PAY, REGISTER_CAPITAL, startCollectiveWorld, type CollectiveWorld } from './collective.fixtures';

const LEASE = `query ($id: ID!) { lease(id: $id) { id tenantName tenantPhone monthlyRent dueDay outstanding capital { name }
  charges { id month raisedOn dueOn amount paid outstanding overdue overdueSince settledOn payments { amount paidOn entry { lines { account debit credit } } } } } }`;
const TRIAL = `query ($o: ID!) { trialBalance(collectiveOrganisationId: $o, from: "2000-01-01", to: "2100-12-31") {
  accounts { account debit credit } balanced } }`;
const OVERDUE = `query ($o: ID!) { rentCharges(collectiveOrganisationId: $o, overdueOnly: true) { totalCount edges { node { month outstanding } } } }`;

interface Charge {
  id: string;
  month: string;
  amount: string;
  paid: string;
  outstanding: string;
  overdue: boolean;
  overdueSince: string | null;
  settledOn: string | null;
  dueOn: string;
}

describe('leases and rent', () => {
  let w: CollectiveWorld;
  beforeAll(async () => {
    w = await startCollectiveWorld();
  });
  afterAll(() => w.stop());

  /** A new organisation with a shopfront leased from a day, at a rent, due on the 10th. */
  async function leased(startsOn: string, endsOn: string, monthlyRent = '3000.00', tenant: Record<string, unknown> = {}) {
    const o = await w.newOrganisation();
    const shop = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: o, kind: 'SHOPFRONT', name: '幸福社区门面', acquiredOn: '2020-01-01', value: '200000.00' },
    });
    const lease = await w.ok<{ id: string }>(CREATE_LEASE, {
      i: {
        capitalId: shop.id,
        tenantKind: 'PERSON',
        tenantName: '王小二',
        tenantPhone: '13812345678',
        startsOn,
        endsOn,
        monthlyRent,
        dueDay: 10,
        ...tenant,
      },
    });
    return { o, shop: shop.id, lease: lease.id };
  }
  const chargesOf = async (lease: string) => (await w.ok<{ charges: Charge[] }>(LEASE, { id: lease })).charges;
  /** The rent accounts of an organisation's trial balance (the leased shopfront's own accounts, kept by the register, apart). */
  const accounts = async (o: string) =>
    Object.fromEntries(
      (await w.ok<{ accounts: Array<{ account: string; debit: string; credit: string }> }>(TRIAL, { o })).accounts
        .filter((a) => ['CASH', 'RENT_RECEIVABLE', 'INCOME_LEASING'].includes(a.account))
        .map((a) => [a.account, [a.debit, a.credit]]),
    );

  it('raises each month’s rent once, catching up missed months, and posts it to the ledger', async () => {
    const { o, lease } = await leased('2025-01-16', '2025-12-31');
    const first = await raiseRentCharges(w.sg.dataSource, '2025-03', { regionCode: w.street });
    expect(first.raised).toBeGreaterThanOrEqual(3);
    // Run again for the same month and for the next: March is not raised twice, April is raised.
    await raiseRentCharges(w.sg.dataSource, '2025-03', { regionCode: w.street });
    await raiseRentCharges(w.sg.dataSource, '2025-04', { regionCode: w.street });
    const charges = await chargesOf(lease);
    expect(charges.map((c) => [c.month, c.amount, c.dueOn])).toEqual([
      // 16 of 31 days.
      ['2025-01', '1548.39', '2025-01-16'],
      ['2025-02', '3000.00', '2025-02-10'],
      ['2025-03', '3000.00', '2025-03-10'],
      ['2025-04', '3000.00', '2025-04-10'],
    ]);
    expect(await accounts(o)).toEqual({ RENT_RECEIVABLE: ['10548.39', '0.00'], INCOME_LEASING: ['0.00', '10548.39'] });
  });

  it('survives a crash mid-run: a rerun raises the rest, and every charge and entry exists once', async () => {
    const leases = [
      await leased('2025-05-01', '2025-12-31'),
      await leased('2025-05-01', '2025-12-31'),
      await leased('2025-05-01', '2025-12-31'),
    ];
    const ids = leases.map((l) => l.lease).sort();
    // The second lease (in the job's order) crashes after its entry was appended, before its charge: the transaction dies.
    const crash = raiseRentCharges(w.sg.dataSource, '2025-05', {
      regionCode: w.street,
      onStep: (step, leaseId) => {
        if (step === 'posted' && leaseId === ids[1]) throw new Error('worker killed');
      },
    });
    await expect(crash).rejects.toThrow('worker killed');
    const counts = async () => Promise.all(ids.map(async (id) => (await chargesOf(id)).length));
    expect(await counts()).toEqual([1, 0, 0]);
    await raiseRentCharges(w.sg.dataSource, '2025-05', { regionCode: w.street });
    await raiseRentCharges(w.sg.dataSource, '2025-05', { regionCode: w.street });
    expect(await counts()).toEqual([1, 1, 1]);
    for (const { o } of leases)
      expect(await accounts(o)).toEqual({ RENT_RECEIVABLE: ['3000.00', '0.00'], INCOME_LEASING: ['0.00', '3000.00'] });
    // Two runs at once take turns on each lease: still one charge each.
    await Promise.all([
      raiseRentCharges(w.sg.dataSource, '2025-06', { regionCode: w.street }),
      raiseRentCharges(w.sg.dataSource, '2025-06', { regionCode: w.street }),
    ]);
    expect(await counts()).toEqual([2, 2, 2]);
    const entries: Array<{ n: number }> = await w.sg.dataSource.query(
      `SELECT count(*)::int AS n FROM ${tableOf(w.sg.dataSource, 'ledger_entry')} WHERE organisation_id = ANY($1)`,
      [leases.map((l) => l.o)],
    );
    // Two charges of each, and each shopfront's entry into the books when it was registered.
    expect(entries[0]!.n).toBe(9);
  });

  it('settles a charge in parts, refuses an overpayment naming the amount, and flags overdue rent', async () => {
    const { o, lease } = await leased('2025-07-01', '2025-09-30', '1200.00');
    await raiseRentCharges(w.sg.dataSource, '2025-08', { regionCode: w.street });
    const [july, august] = await chargesOf(lease);
    await w.ok(PAY, { i: { rentChargeId: july!.id, amount: '500.00', paidOn: '2025-07-05' } });
    const over = await w.sg.query(PAY, { i: { rentChargeId: july!.id, amount: '700.01', paidOn: '2025-07-06' } });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(over.errors?.[0]?.message).toBe('an overpayment: 700.01 is more than the 700.00 outstanding on this charge');
    expect(await w.ok(PAY, { i: { rentChargeId: july!.id, amount: '700.00', paidOn: '2025-07-08' } })).toMatchObject({
      paid: '1200.00',
      outstanding: '0.00',
      settledOn: '2025-07-08',
    });
    const early = await w.sg.query(PAY, { i: { rentChargeId: august!.id, amount: '1.00', paidOn: '2025-07-31' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paidOn' });
    await w.ok(PAY, { i: { rentChargeId: august!.id, amount: '200.00', paidOn: '2025-08-20' } });
    expect(await accounts(o)).toEqual({
      CASH: ['1400.00', '0.00'],
      RENT_RECEIVABLE: ['2400.00', '1400.00'],
      INCOME_LEASING: ['0.00', '2400.00'],
    });

    const first = await flagOverdueRent(w.sg.dataSource, '2025-08-11', w.street);
    expect(first.flagged).toBeGreaterThanOrEqual(1);
    expect((await flagOverdueRent(w.sg.dataSource, '2025-08-11', w.street)).flagged).toBe(0);
    const after = await chargesOf(lease);
    expect(after.map((c) => [c.month, c.overdue, c.overdueSince])).toEqual([
      ['2025-07', false, null],
      ['2025-08', true, '2025-08-11'],
    ]);
    expect(await w.ok(OVERDUE, { o })).toEqual({ totalCount: 1, edges: [{ node: { month: '2025-08', outstanding: '1000.00' } }] });
    // A month is closed only once the rent of every lease covering it is raised (it could never be raised after).
    const CLOSE = 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }';
    const unraised = await w.sg.query(CLOSE, { i: { collectiveOrganisationId: o, period: '2025-09' } });
    expect(unraised.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.period' });
    expect(unraised.errors?.[0]?.message).toContain('2025-09');
    await raiseRentCharges(w.sg.dataSource, '2025-09', { regionCode: w.street });
    // (Nor while the leased shopfront's depreciation of it is not posted.)
    await postDepreciation(w.sg.dataSource, '2025-09', { regionCode: w.street });
    await w.ok(CLOSE, { i: { collectiveOrganisationId: o, period: '2025-09' } });
    // A closed month takes neither a payment nor a lease: the payment names its day; a lease recorded after the
    // close, whose rent of September could never be raised, is refused naming its first day.
    const closed = await w.sg.query(PAY, { i: { rentChargeId: august!.id, amount: '1.00', paidOn: '2025-09-05' } });
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.paidOn' });
    const kiosk = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: o, kind: 'SHOPFRONT', name: '幸福社区报亭', acquiredOn: '2020-01-01', value: '1000.00' },
    });
    const late = await w.sg.query(CREATE_LEASE, {
      i: {
        capitalId: kiosk.id,
        tenantKind: 'ORGANISATION',
        tenantName: '报亭',
        startsOn: '2025-09-01',
        endsOn: '2025-09-30',
        monthlyRent: '100.00',
        dueDay: 10,
      },
    });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.startsOn' });
    expect((await w.ok<{ leases: unknown[] }>('query ($id: ID!) { capital(id: $id) { leases { id } } }', { id: kiosk.id })).leases).toEqual(
      [],
    );
    expect((await chargesOf(lease)).map((c) => c.month)).toEqual(['2025-07', '2025-08', '2025-09']);
    // A charge never holds more than its amount, whatever code tries.
    await expect(
      w.sg.dataSource.query(`UPDATE ${tableOf(w.sg.dataSource, 'rent_charge')} SET paid_fen = amount_fen + 1 WHERE id = $1`, [august!.id]),
    ).rejects.toThrow(/rent_charge_paid_check/);
  });

  it('refuses a lease of a fund, an overlapping lease and a term past 20 years', async () => {
    const { o, shop } = await leased('2026-01-01', '2026-12-31');
    const fund = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: o, kind: 'BANK_DEPOSIT', name: '专户', acquiredOn: '2020-01-01', value: '1.00' },
    });
    const lease = (i: Record<string, unknown>) =>
      w.sg.query(CREATE_LEASE, {
        i: {
          capitalId: shop,
          tenantKind: 'ORGANISATION',
          tenantName: '某超市',
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
          monthlyRent: '1.00',
          dueDay: 1,
          ...i,
        },
      });
    expect((await lease({ capitalId: fund.id })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.capitalId',
    });
    expect((await lease({ startsOn: '2026-12-31' })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.startsOn' });
    expect((await lease({ endsOn: '2047-01-01' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.endsOn',
    });
    expect((await lease({ monthlyRent: '-1.00' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.monthlyRent',
    });
    expect((await lease({ dueDay: 29 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDay' });
    expect((await lease({})).errors).toBeUndefined();
  });

  it('ends a lease early: the last month pro rata, nothing after it, never undoing a month raised, and the capital free again', async () => {
    const { lease, shop } = await leased('2024-01-01', '2024-12-31', '3100.00');
    await raiseRentCharges(w.sg.dataSource, '2024-03', { regionCode: w.street });
    const TERMINATE = 'mutation ($i: TerminateLeaseInput!) { terminateLease(input: $i) { terminatedOn terminationReason } }';
    const end = (lastDay: string) => w.sg.query(TERMINATE, { i: { leaseId: lease, lastDay, reason: '租户歇业' } });
    const early = await end('2024-03-30');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lastDay' });
    expect((await end('2025-01-01')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lastDay' });
    expect((await end('2024-05-15')).data).toEqual({ terminateLease: { terminatedOn: '2024-05-15', terminationReason: '租户歇业' } });
    expect((await end('2024-06-30')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leaseId' });
    await raiseRentCharges(w.sg.dataSource, '2024-12', { regionCode: w.street });
    // 15 of 31 days of 3,100.00 in May; nothing from June on.
    expect((await chargesOf(lease)).map((c) => [c.month, c.amount])).toEqual([
      ['2024-01', '3100.00'],
      ['2024-02', '3100.00'],
      ['2024-03', '3100.00'],
      ['2024-04', '3100.00'],
      ['2024-05', '1500.00'],
    ]);
    const next = await w.sg.query(CREATE_LEASE, {
      i: {
        capitalId: shop,
        tenantKind: 'ORGANISATION',
        tenantName: '新租户',
        startsOn: '2024-05-16',
        endsOn: '2024-12-31',
        monthlyRent: '1.00',
        dueDay: 1,
      },
    });
    expect(next.errors).toBeUndefined();
  });

  it('masks a person tenant, reveals them to administrators in scope (audited), and shows nothing to another county', async () => {
    const { o, lease, shop } = await leased('2026-01-01', '2026-06-30');
    expect(await w.ok(LEASE, { id: lease })).toMatchObject({ tenantName: '王**', tenantPhone: '138****5678' });
    const REVEAL = 'query ($id: ID!) { lease(id: $id) { tenantName(reveal: true) tenantPhone(reveal: true) } }';
    expect(await w.ok(REVEAL, { id: lease })).toEqual({ tenantName: '王小二', tenantPhone: '13812345678' });
    const gridworker = await w.sg.query(REVEAL, { id: lease }, testIdentity({ roles: ['GRIDWORKER'] }));
    expect(gridworker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const audited: Array<{ field: string; outcome: string }> = await w.sg.dataSource.query(
      `SELECT field, outcome FROM ${tableOf(w.sg.dataSource, 'personal_data_access')} WHERE record_id = $1 ORDER BY field, outcome`,
      [lease],
    );
    expect(audited.map((a) => `${a.field} ${a.outcome}`)).toEqual(
      expect.arrayContaining(['tenantName SUCCESS', 'tenantPhone SUCCESS', 'tenantName FAILURE']),
    );

    const outsider = testIdentity({ regionScopes: ['520322'] });
    expect(await w.ok(LEASE, { id: lease }, outsider)).toBeNull();
    const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Lease { id } ... on Capital { id } } }';
    const representations = [
      { __typename: 'Lease', id: lease },
      { __typename: 'Capital', id: shop },
    ];
    expect(await w.ok(ENTITIES, { r: representations })).toEqual([{ id: lease }, { id: shop }]);
    expect(await w.ok(ENTITIES, { r: representations }, outsider)).toEqual([null, null]);
    expect(await w.ok('query ($o: ID!) { leases(collectiveOrganisationId: $o) { id } }', { o }, outsider)).toBeNull();
    expect(await w.ok(OVERDUE, { o }, outsider)).toBeNull();
    await raiseRentCharges(w.sg.dataSource, '2026-01', { regionCode: w.street });
    const [charge] = await chargesOf(lease);
    const pay = await w.sg.query(PAY, { i: { rentChargeId: charge!.id, amount: '1.00', paidOn: '2026-01-15' } }, outsider);
    expect(pay.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.rentChargeId' });
    const resident = await w.sg.query(LEASE, { id: lease }, testIdentity({ roles: ['RESIDENT'] }));
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('raises one lease’s rent on demand as the job does: each month once, never a month not begun nor into a closed period', async () => {
    const RAISE = 'mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { id month amount lease { id } } }';
    const raise = (leaseId: string, throughMonth: string) =>
      w.sg.query<{ raiseRentCharges: Array<{ month: string; amount: string }> }>(RAISE, { i: { leaseId, throughMonth } });
    const { o, lease } = await leased('2025-01-01', '2025-12-31', '1000.00');
    const first = await w.ok<Array<{ month: string; amount: string; lease: { id: string } }>>(RAISE, {
      i: { leaseId: lease, throughMonth: '2025-03' },
    });
    expect(first.map((c) => [c.month, c.amount, c.lease.id])).toEqual([
      ['2025-01', '1000.00', lease],
      ['2025-02', '1000.00', lease],
      ['2025-03', '1000.00', lease],
    ]);
    expect(await w.ok(RAISE, { i: { leaseId: lease, throughMonth: '2025-03' } })).toEqual([]);
    // The job and the mutation share the once rule: April by the job, then only May by the mutation.
    await raiseRentCharges(w.sg.dataSource, '2025-04', { regionCode: w.street });
    expect((await w.ok<Array<{ month: string }>>(RAISE, { i: { leaseId: lease, throughMonth: '2025-05' } })).map((c) => c.month)).toEqual([
      '2025-05',
    ]);
    expect((await chargesOf(lease)).map((c) => c.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    expect(await accounts(o)).toEqual({ RENT_RECEIVABLE: ['5000.00', '0.00'], INCOME_LEASING: ['0.00', '5000.00'] });

    // Refusals name the field and write nothing. July cannot be closed while June and July are not raised; a lease
    // recorded after its books' July was closed is refused (its rent could never be raised), and one recorded before
    // this rule, with its July closed unraised (the close written as it was then), cannot be raised into it.
    const CLOSE = 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }';
    const early = await w.sg.query(CLOSE, { i: { collectiveOrganisationId: o, period: '2025-07' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.period' });
    const o2 = await w.newOrganisation();
    const stall = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: o2, kind: 'SHOPFRONT', name: '幸福社区摊位', acquiredOn: '2020-01-01', value: '1000.00' },
    });
    const stallLease = {
      capitalId: stall.id,
      tenantKind: 'ORGANISATION',
      tenantName: '摊主',
      startsOn: '2025-07-01',
      endsOn: '2025-12-31',
      monthlyRent: '100.00',
      dueDay: 10,
    };
    const late = await w.ok<{ id: string }>(CREATE_LEASE, { i: stallLease });
    await w.sg.dataSource.query(
      `INSERT INTO ${tableOf(w.sg.dataSource, 'ledger_period_close')} (organisation_id, region_code, period, closed_by)
       SELECT id, region_code, '2025-07', 'before-the-rule' FROM ${tableOf(w.sg.dataSource, 'collective_organisation')} WHERE id = $1`,
      [o2],
    );
    const afterClose = await w.sg.query(CREATE_LEASE, {
      i: { ...stallLease, capitalId: stall.id, startsOn: '2026-01-01', endsOn: '2026-12-31' },
    });
    expect(afterClose.errors).toBeUndefined();
    const capital2 = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: o2, kind: 'SHOPFRONT', name: '幸福社区二号摊位', acquiredOn: '2020-01-01', value: '1000.00' },
    });
    const intoClosed = await w.sg.query(CREATE_LEASE, { i: { ...stallLease, capitalId: capital2.id } });
    expect(intoClosed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.startsOn' });
    const closed = await raise(late.id, '2025-08');
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.throughMonth' });
    expect(closed.errors?.[0]?.message).toContain('2025-07');
    expect(await chargesOf(late.id)).toEqual([]);
    const future = await raise(lease, '2100-12');
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.throughMonth' });
    const malformed = await raise(lease, '2025-13');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.throughMonth' });
    const outsider = await w.sg.query(
      RAISE,
      { i: { leaseId: lease, throughMonth: '2025-06' } },
      testIdentity({ regionScopes: ['520322'] }),
    );
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.leaseId' });
    const resident = await w.sg.query(RAISE, { i: { leaseId: lease, throughMonth: '2025-06' } }, testIdentity({ roles: ['RESIDENT'] }));
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await chargesOf(lease)).map((c) => c.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    expect(await accounts(o)).toEqual({ RENT_RECEIVABLE: ['5000.00', '0.00'], INCOME_LEASING: ['0.00', '5000.00'] });

    // Two at once: the lease's lock makes them take turns, so each month is raised by exactly one.
    const other = await leased('2025-01-01', '2025-12-31', '1000.00');
    const both = await Promise.all([raise(other.lease, '2025-04'), raise(other.lease, '2025-04')]);
    expect(both.map((b) => b.errors)).toEqual([undefined, undefined]);
    expect(both.flatMap((b) => b.data!.raiseRentCharges.map((c) => c.month)).sort()).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(await accounts(other.o)).toEqual({ RENT_RECEIVABLE: ['4000.00', '0.00'], INCOME_LEASING: ['0.00', '4000.00'] });
  });
});

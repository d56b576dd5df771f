import { createDataSource, tableOf } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { LedgerEntry, LedgerLine } from '../src/ledger/ledger.entity';
import { collectiveEconomyService } from '../src/service';

const POST = `mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) {
  id postedOn description lines { account debit credit } reverses { id } reason reversedBy { id } } }`;
const REVERSE = `mutation ($i: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $i) { id reason reverses { id } lines { account debit credit } } }`;
const CLOSE = `mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }`;
const REPORTS = `query ($o: ID!, $from: Date!, $to: Date!) {
  trialBalance(collectiveOrganisationId: $o, from: $from, to: $to) { accounts { account kind debit credit } totalDebit totalCredit balanced }
  incomeStatement(collectiveOrganisationId: $o, from: $from, to: $to) { income { account amount } expenses { account amount } totalIncome totalExpense netIncome }
  balanceSheet(collectiveOrganisationId: $o, asOf: $to) { assets { account amount } liabilities { account amount } equity { account amount } currentEarnings totalAssets totalLiabilities totalEquity }
  closedLedgerPeriods(collectiveOrganisationId: $o) { period collectiveOrganisation { id } }
}`;
const ENTRIES = `query ($o: ID!, $from: Date, $to: Date) { ledgerEntries(collectiveOrganisationId: $o, from: $from, to: $to) { edges { node { id description } } totalCount } }`;

type Line = { account: string; debit?: string; credit?: string };
interface Reports {
  trialBalance: {
    accounts: Array<{ account: string; debit: string; credit: string }>;
    totalDebit: string;
    totalCredit: string;
    balanced: boolean;
  };
  incomeStatement: { income: Array<{ account: string; amount: string }>; totalIncome: string; totalExpense: string; netIncome: string };
  balanceSheet: {
    totalAssets: string;
    totalLiabilities: string;
    totalEquity: string;
    currentEarnings: string;
    assets: Array<{ account: string; amount: string }>;
  };
  closedLedgerPeriods: Array<{ period: string }>;
}

const fen = (money: string) => BigInt(money.replace('.', ''));
const tongzi = () => testIdentity({ regionScopes: ['520322'] });

describe('the ledger', () => {
  let sg: TestSubgraph;
  let organisationDb: DataSource;
  let community: string;

  async function newOrganisation(): Promise<string> {
    const result = await sg.query<{ createCollectiveOrganisation: { id: string } }>(
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      { i: { name: `账本测试${Math.random().toString(36).slice(2, 10)}`, regionCode: community, foundedOn: '2020-01-01' } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createCollectiveOrganisation.id;
  }

  const post = (o: string, postedOn: string, lines: Line[], description = '门面租金') =>
    sg.query<{ postLedgerEntry: { id: string; lines: Line[]; reversedBy: { id: string } | null } }>(POST, {
      i: { collectiveOrganisationId: o, postedOn, description, lines },
    });
  const reports = async (o: string, from = '2000-01-01', to = '2025-12-31') => {
    const result = await sg.query<Reports>(REPORTS, { o, from, to });
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const entryCount = (o: string) => sg.dataSource.getRepository(LedgerEntry).countBy({ organisationId: o });

  beforeAll(async () => {
    sg = await startTestSubgraph(collectiveEconomyService);
    organisationDb = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisationDb.initialize();
    const claimed = await claimTestStreet(organisationDb, '520201', [{ name: '账本社区' }]);
    community = claimed.communities[0]!;
    await sg.catchUp();
  });
  afterAll(async () => {
    await organisationDb.destroy();
    await sg.stop();
  });

  it('posts a balanced entry and reads it back exactly, in Money with two decimals', async () => {
    const o = await newOrganisation();
    const posted = await post(o, '2025-03-01', [
      { account: 'CASH', debit: '1500.5' },
      { account: 'INCOME_LEASING', credit: '1500.50' },
    ]);
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.postLedgerEntry.lines).toEqual([
      { account: 'CASH', debit: '1500.50', credit: '0.00' },
      { account: 'INCOME_LEASING', debit: '0.00', credit: '1500.50' },
    ]);
    const listed = await sg.query<{ ledgerEntries: { totalCount: number } }>(ENTRIES, { o, from: '2025-03-01', to: '2025-03-31' });
    expect(listed.data!.ledgerEntries.totalCount).toBe(1);
  });

  it.each([
    [
      'unbalanced',
      [
        { account: 'CASH', debit: '10.00' },
        { account: 'INCOME_OTHER', credit: '9.99' },
      ],
      'BAD_USER_INPUT',
      'input.lines',
    ],
    [
      'a line both debit and credit',
      [
        { account: 'CASH', debit: '1.00', credit: '1.00' },
        { account: 'INCOME_OTHER', credit: '0' },
      ],
      'BAD_USER_INPUT',
      'input.lines.0',
    ],
    [
      'a negative debit',
      [
        { account: 'CASH', debit: '-1.00' },
        { account: 'INCOME_OTHER', credit: '-1.00' },
      ],
      'BAD_USER_INPUT',
      'input.lines.0.debit',
    ],
    [
      'an over-precise amount',
      [
        { account: 'CASH', debit: '1.005' },
        { account: 'INCOME_OTHER', credit: '1.005' },
      ],
      'BAD_USER_INPUT',
      'input.lines.0.debit',
    ],
    ['one line', [{ account: 'CASH', debit: '1.00' }], 'BAD_USER_INPUT', 'input.lines'],
  ])('refuses %s naming the field, writing nothing', async (_, lines, code, field) => {
    const o = await newOrganisation();
    const refused = await post(o, '2025-03-01', lines);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await entryCount(o)).toBe(0);
  });

  it('is append-only and balanced in the database itself, whatever code writes to it', async () => {
    const o = await newOrganisation();
    const entryId = (
      await post(o, '2025-04-01', [
        { account: 'CASH', debit: '5.00' },
        { account: 'INCOME_RETAIL', credit: '5.00' },
      ])
    ).data!.postLedgerEntry.id;
    const line = tableOf(sg.dataSource, 'ledger_line');
    const entry = tableOf(sg.dataSource, 'ledger_entry');
    await expect(
      sg.dataSource.query(`UPDATE ${line} SET debit_fen = 600 WHERE entry_id = $1 AND debit_fen > 0`, [entryId]),
    ).rejects.toThrow(/append-only/);
    await expect(sg.dataSource.query(`DELETE FROM ${entry} WHERE id = $1`, [entryId])).rejects.toThrow(/append-only/);
    await expect(sg.dataSource.query(`TRUNCATE ${line}`)).rejects.toThrow(/append-only/);
    // An unbalanced entry written around the commands is refused when its transaction commits.
    await expect(
      sg.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(LedgerEntry, {
            organisationId: o,
            regionCode: community,
            postedOn: '2025-04-02',
            description: '绕过',
            postedBy: 'x',
            reversesEntryId: null,
            reason: null,
          }),
        );
        await manager.insert(LedgerLine, [
          { entryId: saved.id, position: 0, account: 'CASH', debitFen: 100n, creditFen: 0n },
          { entryId: saved.id, position: 1, account: 'INCOME_OTHER', debitFen: 0n, creditFen: 99n },
        ]);
      }),
    ).rejects.toThrow(/not balanced/);
    expect(await entryCount(o)).toBe(1);
  });

  it('corrects by a reversing entry with a reason, once; the original stays', async () => {
    const o = await newOrganisation();
    const original = (
      await post(o, '2025-05-03', [
        { account: 'RENT_RECEIVABLE', debit: '800.00' },
        { account: 'INCOME_LEASING', credit: '800.00' },
      ])
    ).data!.postLedgerEntry;
    const reversal = await sg.query<{ reverseLedgerEntry: { id: string; reason: string; reverses: { id: string }; lines: Line[] } }>(
      REVERSE,
      {
        i: { entryId: original.id, postedOn: '2025-05-04', reason: '租户重复计费' },
      },
    );
    expect(reversal.errors).toBeUndefined();
    expect(reversal.data!.reverseLedgerEntry).toMatchObject({ reason: '租户重复计费', reverses: { id: original.id } });
    expect(reversal.data!.reverseLedgerEntry.lines).toEqual([
      { account: 'RENT_RECEIVABLE', debit: '0.00', credit: '800.00' },
      { account: 'INCOME_LEASING', debit: '800.00', credit: '0.00' },
    ]);
    const again = await sg.query(REVERSE, { i: { entryId: original.id, postedOn: '2025-05-04', reason: '再来一次' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.entryId' });
    const ofReversal = await sg.query(REVERSE, {
      i: { entryId: reversal.data!.reverseLedgerEntry.id, postedOn: '2025-05-04', reason: '撤销冲销' },
    });
    expect(ofReversal.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.entryId' });
    const both = await reports(o);
    expect(both.incomeStatement.netIncome).toBe('0.00');
    expect(both.trialBalance.accounts).toContainEqual({ account: 'RENT_RECEIVABLE', kind: 'ASSET', debit: '800.00', credit: '800.00' });
  });

  it('closes an ended month; nothing is posted into it afterwards, not even around the commands', async () => {
    const o = await newOrganisation();
    expect(
      (
        await post(o, '2025-06-10', [
          { account: 'CASH', debit: '1.00' },
          { account: 'INCOME_OTHER', credit: '1.00' },
        ])
      ).errors,
    ).toBeUndefined();
    expect((await sg.query(CLOSE, { i: { collectiveOrganisationId: o, period: '2025-06' } })).errors).toBeUndefined();
    const twice = await sg.query(CLOSE, { i: { collectiveOrganisationId: o, period: '2025-06' } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.period' });
    const late = await post(o, '2025-06-30', [
      { account: 'CASH', debit: '1.00' },
      { account: 'INCOME_OTHER', credit: '1.00' },
    ]);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.postedOn' });
    await expect(
      sg.dataSource.query(
        `INSERT INTO ${tableOf(sg.dataSource, 'ledger_entry')} (region_code, organisation_id, posted_on, description, posted_by) VALUES ($1, $2, '2025-06-15', 'x', 'x')`,
        [community, o],
      ),
    ).rejects.toThrow(/closed/);
    // July is open; the current month has not ended and cannot be closed.
    expect(
      (
        await post(o, '2025-07-01', [
          { account: 'CASH', debit: '1.00' },
          { account: 'INCOME_OTHER', credit: '1.00' },
        ])
      ).errors,
    ).toBeUndefined();
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const early = await sg.query(CLOSE, { i: { collectiveOrganisationId: o, period: month } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect((await reports(o)).closedLedgerPeriods).toEqual([{ period: '2025-06', collectiveOrganisation: { id: o } }]);
  });

  it('draws statements that always agree with the entries (generated books)', async () => {
    const accounts = [
      'CASH',
      'RENT_RECEIVABLE',
      'SHARE_CAPITAL',
      'INCOME_LEASING',
      'INCOME_HOUSEKEEPING',
      'EXPENSE_WAGES',
      'DISTRIBUTIONS_PAYABLE',
    ];
    const entry = fc.record({
      debit: fc.constantFrom(...accounts),
      credit: fc.constantFrom(...accounts),
      amount: fc.bigInt({ min: 1n, max: 10_000_000_00n }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), async (entries) => {
        const o = await newOrganisation();
        for (const e of entries) {
          const amount = `${e.amount / 100n}.${(e.amount % 100n).toString().padStart(2, '0')}`;
          const day = `2025-08-${String(e.day).padStart(2, '0')}`;
          const result = await post(o, day, [
            { account: e.debit, debit: amount },
            { account: e.credit, credit: amount },
          ]);
          expect(result.errors).toBeUndefined();
        }
        const r = await reports(o, '2025-08-01', '2025-08-31');
        const sum = (kind: string, side: 'debit' | 'credit') => entries.filter((e) => e[side] === kind).reduce((s, e) => s + e.amount, 0n);
        expect(r.trialBalance.balanced).toBe(true);
        expect(fen(r.trialBalance.totalDebit)).toBe(entries.reduce((s, e) => s + e.amount, 0n));
        const income =
          sum('INCOME_LEASING', 'credit') -
          sum('INCOME_LEASING', 'debit') +
          sum('INCOME_HOUSEKEEPING', 'credit') -
          sum('INCOME_HOUSEKEEPING', 'debit');
        const expense = sum('EXPENSE_WAGES', 'debit') - sum('EXPENSE_WAGES', 'credit');
        expect(fen(r.incomeStatement.netIncome)).toBe(income - expense);
        expect(fen(r.balanceSheet.currentEarnings)).toBe(income - expense);
        expect(fen(r.balanceSheet.totalAssets)).toBe(fen(r.balanceSheet.totalLiabilities) + fen(r.balanceSheet.totalEquity));
      }),
      { numRuns: 12 },
    );
  });

  it('keeps the books inside their scope: another county sees null and cannot post', async () => {
    const o = await newOrganisation();
    const seen = await sg.query<Reports & { ledgerEntries: null }>(
      `${REPORTS.replace('closedLedgerPeriods(collectiveOrganisationId: $o) { period collectiveOrganisation { id } }', 'closedLedgerPeriods(collectiveOrganisationId: $o) { period } ledgerEntries(collectiveOrganisationId: $o) { totalCount }')}`,
      { o, from: '2025-01-01', to: '2025-12-31' },
      tongzi(),
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data).toEqual({
      trialBalance: null,
      incomeStatement: null,
      balanceSheet: null,
      closedLedgerPeriods: null,
      ledgerEntries: null,
    });
    const posted = await sg.query(
      POST,
      {
        i: {
          collectiveOrganisationId: o,
          postedOn: '2025-01-02',
          description: '越权',
          lines: [
            { account: 'CASH', debit: '1' },
            { account: 'INCOME_OTHER', credit: '1' },
          ],
        },
      },
      tongzi(),
    );
    expect(posted.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.collectiveOrganisationId' });
    const resident = await sg.query(REPORTS, { o, from: '2025-01-01', to: '2025-12-31' }, testIdentity({ roles: ['RESIDENT'] }));
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await entryCount(o)).toBe(0);
  });
});

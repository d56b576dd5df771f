import { createDataSource, tableOf } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { Distribution } from '../src/distribution/distribution.entity';
import { collectiveEconomyService } from '../src/service';
import { randomResidentId } from './fixtures';

const FIELDS = `id status year income expense netIncome communityShareRate communityShare shareholdersTotal nothingToDistribute summary
  allocations { shareholder { id name } shares amount } postedEntry { lines { account debit credit } } availableActions`;
const DRAFT = `mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { ${FIELDS} } }`;
const stepOf = (name: string) => `mutation ($i: DistributionStepInput!) { ${name}(input: $i) { ${FIELDS} } }`;
const HISTORY = `query ($o: ID!, $status: DistributionStatus, $first: Int, $after: String) {
  distributions(collectiveOrganisationId: $o, status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { year status netIncome communityShare draftedBy draftedByJob draftedAt reviewedBy reviewedAt approvedBy approvedAt postedAt postedEntry { id } } } } }`;
const REGISTER = `query ($o: ID!, $d: Date!) { shareRegister(collectiveOrganisationId: $o, asOf: $d) { shareholder { id name } shares capital } }`;

interface Result {
  status: string;
  netIncome: string;
  communityShare: string;
  shareholdersTotal: string;
  nothingToDistribute: boolean;
  summary: string;
  allocations: Array<{ shareholder: { id: string }; shares: number; amount: string }>;
  postedEntry: { lines: Array<{ account: string; debit: string; credit: string }> } | null;
  availableActions: string[];
  id: string;
}
const fen = (money: string) => BigInt(money.replace('.', ''));

describe('shareholders and the annual distribution', () => {
  let sg: TestSubgraph;
  let organisationDb: DataSource;
  let community: string;
  const drafter = testIdentity();
  const second = testIdentity();
  const third = testIdentity();

  async function ok<T>(query: string, variables: Record<string, unknown>, identity = drafter): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  const newOrganisation = async () =>
    (
      await ok<{ id: string }>('mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }', {
        i: { name: `分红测试${Math.random().toString(36).slice(2, 10)}`, regionCode: community, foundedOn: '2020-01-01' },
      })
    ).id;
  const shareholder = async (o: string, name: string, shares: number, capital: string) =>
    (
      await ok<{ id: string }>('mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id name } }', {
        i: { collectiveOrganisationId: o, name, residentId: randomResidentId(), shares, capital, joinedOn: '2024-01-05' },
      })
    ).id;
  const post = (o: string, postedOn: string, debit: string, credit: string, amount: string) =>
    ok('mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: o,
        postedOn,
        description: '年度收支',
        lines: [
          { account: debit, debit: amount },
          { account: credit, credit: amount },
        ],
      },
    });
  const close = (o: string, period: string) =>
    ok('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
      i: { collectiveOrganisationId: o, period },
    });

  beforeAll(async () => {
    sg = await startTestSubgraph(collectiveEconomyService);
    organisationDb = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisationDb.initialize();
    community = (await claimTestStreet(organisationDb, '520201', [{ name: '分红社区' }])).communities[0]!;
    await sg.catchUp();
  });
  afterAll(async () => {
    await organisationDb.destroy();
    await sg.stop();
  });

  it('keeps the share register of every day: transfers move shares and capital, history stays', async () => {
    const o = await newOrganisation();
    const zhang = await shareholder(o, '张三', 100, '10000.00');
    const li = await shareholder(o, '李四', 200, '20000.00');
    await ok('mutation ($i: TransferSharesInput!) { transferShares(input: $i) { shares } }', {
      i: { fromShareholderId: li, toShareholderId: zhang, shares: 50, transferredOn: '2024-06-01' },
    });
    const before = await ok<Array<{ shareholder: { id: string; name: string }; shares: number; capital: string }>>(REGISTER, {
      o,
      d: '2024-05-31',
    });
    const after = await ok<typeof before>(REGISTER, { o, d: '2024-06-01' });
    const byId = (lines: typeof before) => Object.fromEntries(lines.map((l) => [l.shareholder.id, [l.shares, l.capital]]));
    expect(byId(before)).toEqual({ [zhang]: [100, '10000.00'], [li]: [200, '20000.00'] });
    expect(byId(after)).toEqual({ [zhang]: [150, '15000.00'], [li]: [150, '15000.00'] });
    expect(before.map((l) => l.shareholder.name).sort()).toEqual(['张*', '李*']);
    const overdrawn = await sg.query('mutation ($i: TransferSharesInput!) { transferShares(input: $i) { shares } }', {
      i: { fromShareholderId: li, toShareholderId: zhang, shares: 151, transferredOn: '2024-07-01' },
    });
    expect(overdrawn.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.shares' });
    await expect(
      sg.dataSource.query(`DELETE FROM ${tableOf(sg.dataSource, 'share_movement')} WHERE shareholder_id = $1`, [li]),
    ).rejects.toThrow(/append-only/);
  });

  it('drafts a closed year exactly, four eyes approve it, one of two concurrent approvals wins, and it is posted once', async () => {
    const o = await newOrganisation();
    const holders = [
      await shareholder(o, '王一', 150, '1.00'),
      await shareholder(o, '王二', 150, '1.00'),
      await shareholder(o, '王三', 1, '0.01'),
    ];
    await post(o, '2024-03-01', 'CASH', 'INCOME_LEASING', '10000.01');
    await post(o, '2024-04-01', 'EXPENSE_WAGES', 'CASH', '2000.00');
    const open = await sg.query(DRAFT, { i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' } }, drafter);
    expect(open.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.year' });
    await close(o, '2024');
    const draft = await ok<Result>(DRAFT, { i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' } });
    expect(draft).toMatchObject({
      status: 'DRAFTED',
      netIncome: '8000.01',
      communityShare: '1600.00',
      shareholdersTotal: '6400.01',
      nothingToDistribute: false,
    });
    // 6400.01 over 150/150/1 shares: 3189.37…, 3189.37…, 21.26…; the parts add up to the fen.
    expect(draft.allocations.reduce((s, a) => s + fen(a.amount), 0n)).toBe(640001n);
    expect(draft.allocations.map((a) => a.shareholder.id).sort()).toEqual([...holders].sort());
    const twice = await sg.query(DRAFT, { i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-11' } }, second);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.year' });

    const i = { distributionId: draft.id };
    const early = await sg.query(stepOf('approveDistribution'), { i }, second);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.distributionId' });
    // Reviewed by its drafter, who then has nothing left to do: approving is for someone else.
    expect((await ok<Result>(stepOf('reviewDistribution'), { i })).availableActions).toEqual([]);
    const own = await sg.query(stepOf('approveDistribution'), { i }, drafter);
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const race = await Promise.all(
      [second, third].map((who) => sg.query<{ approveDistribution: Result }>(stepOf('approveDistribution'), { i }, who)),
    );
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(race.find((r) => r.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });

    const posted = await ok<Result>(stepOf('postDistribution'), { i });
    expect(posted.status).toBe('POSTED');
    expect(posted.postedEntry!.lines).toEqual([
      { account: 'RETAINED_EARNINGS', debit: '8000.01', credit: '0.00' },
      { account: 'COMMUNITY_SHARE_PAYABLE', debit: '0.00', credit: '1600.00' },
      { account: 'DISTRIBUTIONS_PAYABLE', debit: '0.00', credit: '6400.01' },
    ]);
    const again = await sg.query(stepOf('postDistribution'), { i }, third);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.distributionId' });
    const stored = await sg.dataSource.getRepository(Distribution).findOneByOrFail({ id: draft.id });
    expect([stored.reviewedBy, stored.approvedBy === drafter.subject]).toEqual([drafter.subject, false]);

    // The history says who did what, and when.
    const history = await ok<{ totalCount: number; edges: Array<{ node: Record<string, unknown> }> }>(HISTORY, { o });
    expect(history.totalCount).toBe(1);
    const approver = race.findIndex((r) => !r.errors) === 0 ? second : third;
    expect(history.edges[0]!.node).toMatchObject({
      year: 2024,
      status: 'POSTED',
      netIncome: '8000.01',
      communityShare: '1600.00',
      draftedBy: drafter.subject,
      draftedByJob: false,
      reviewedBy: drafter.subject,
      approvedBy: approver.subject,
      postedEntry: { id: expect.any(String) },
    });
    for (const at of ['draftedAt', 'reviewedAt', 'approvedAt', 'postedAt']) expect(history.edges[0]!.node[at]).toEqual(expect.any(String));
  });

  it('pages the distribution history latest year first, filtered by status', async () => {
    const o = await newOrganisation();
    await shareholder(o, '钱一', 10, '10.00');
    for (const year of ['2022', '2023']) {
      await post(o, `${year}-05-01`, 'CASH', 'INCOME_RETAIL', '100.00');
      await close(o, year);
    }
    const d22 = await ok<Result>(DRAFT, { i: { collectiveOrganisationId: o, year: 2022, recordDate: '2023-01-02' } });
    await ok<Result>(DRAFT, { i: { collectiveOrganisationId: o, year: 2023, recordDate: '2024-01-02' } });
    await ok(stepOf('reviewDistribution'), { i: { distributionId: d22.id } });
    const first = await ok<{
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: Array<{ node: { year: number } }>;
    }>(HISTORY, { o, first: 1 });
    expect([first.totalCount, first.pageInfo.hasNextPage, first.edges.map((e) => e.node.year)]).toEqual([2, true, [2023]]);
    const next = await ok<typeof first>(HISTORY, { o, first: 1, after: first.pageInfo.endCursor });
    expect([next.pageInfo.hasNextPage, next.edges.map((e) => e.node.year)]).toEqual([false, [2022]]);
    const reviewed = await ok<typeof first>(HISTORY, { o, status: 'REVIEWED' });
    expect(reviewed.edges.map((e) => e.node.year)).toEqual([2022]);
  });

  it('keeps every transfer in both histories and freezes the register a distribution was drafted from', async () => {
    const o = await newOrganisation();
    const a = await shareholder(o, '孙甲', 100, '1000.00');
    const b = await shareholder(o, '孙乙', 50, '500.00');
    const transfer = (from: string, to: string, shares: number, transferredOn: string) =>
      sg.query<{ transferShares: { id: string } }>(
        'mutation ($i: TransferSharesInput!) { transferShares(input: $i) { id shares } }',
        {
          i: { fromShareholderId: from, toShareholderId: to, shares, transferredOn },
        },
        drafter,
      );
    const moved = await transfer(a, b, 30, '2024-03-01');
    expect(moved.errors).toBeUndefined();
    const transferId = moved.data!.transferShares.id;
    const SHAREHOLDER = `query ($id: ID!) { shareholder(id: $id) { id before: shares(asOf: "2024-02-29") after: shares(asOf: "2024-03-01") capital(asOf: "2024-03-01")
      shareHistory { kind effectiveOn shares capital transferId counterparty { id } recordedBy } } }`;
    const giver = await ok<{ before: number; after: number; capital: string; shareHistory: unknown[] }>(SHAREHOLDER, { id: a });
    expect(giver).toMatchObject({ before: 100, after: 70, capital: '700.00' });
    expect(giver.shareHistory).toEqual([
      {
        kind: 'ISSUE',
        effectiveOn: '2024-01-05',
        shares: 100,
        capital: '1000.00',
        transferId: null,
        counterparty: null,
        recordedBy: drafter.subject,
      },
      {
        kind: 'TRANSFER_OUT',
        effectiveOn: '2024-03-01',
        shares: -30,
        capital: '-300.00',
        transferId,
        counterparty: { id: b },
        recordedBy: drafter.subject,
      },
    ]);
    const taker = await ok<{ after: number; shareHistory: Array<{ kind: string; counterparty: { id: string } | null }> }>(SHAREHOLDER, {
      id: b,
    });
    expect(taker.after).toBe(80);
    expect(taker.shareHistory.map((m) => [m.kind, m.counterparty?.id ?? null])).toEqual([
      ['ISSUE', null],
      ['TRANSFER_IN', a],
    ]);
    // Back-dated behind the receiver's last movement: the registers between would be rewritten.
    expect((await transfer(b, a, 1, '2024-02-01')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.transferredOn',
    });

    await post(o, '2024-06-01', 'CASH', 'INCOME_LEASING', '300.00');
    await close(o, '2024');
    const draft = await ok<Result>(DRAFT, { i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' } });
    const registerOf = async () => ok<Array<{ shareholder: { id: string }; shares: number }>>(REGISTER, { o, d: '2025-01-10' });
    const paidOn = await registerOf();
    // Dated on or before the record date a distribution was drafted from: refused, the register it divided stays.
    expect((await transfer(a, b, 1, '2025-01-10')).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.transferredOn',
    });
    const late = await sg.query('mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }', {
      i: { collectiveOrganisationId: o, name: '孙丙', residentId: randomResidentId(), shares: 5, capital: '5.00', joinedOn: '2025-01-09' },
    });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.joinedOn' });
    expect(await registerOf()).toEqual(paidOn);
    expect(paidOn.map((l) => [l.shareholder.id, l.shares]).sort()).toEqual(
      draft.allocations.map((l) => [l.shareholder.id, l.shares]).sort(),
    );
    expect((await transfer(a, b, 1, '2025-01-11')).errors).toBeUndefined();
  });

  it('sets the community share rate from a year on: exact, 0–100%, never for a year already drafted', async () => {
    const o = await newOrganisation();
    await shareholder(o, '周一', 3, '3.00');
    const SET = 'mutation ($i: SetCommunityShareRateInput!) { setCommunityShareRate(input: $i) { fromYear rate basisPoints setBy setAt } }';
    const set = (rate: string, fromYear: number, who = drafter) =>
      sg.query(SET, { i: { collectiveOrganisationId: o, rate, fromYear } }, who);
    for (const bad of ['100.01', '20.001', '-1', '1e1', '20%', '', '0x10', '２０'])
      expect([bad, (await set(bad, 2024)).errors?.[0]?.extensions]).toEqual([
        bad,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.rate' }),
      ]);
    const setting = await ok<Record<string, unknown>>(SET, { i: { collectiveOrganisationId: o, rate: '12.5', fromYear: 2024 } });
    expect(setting).toMatchObject({ fromYear: 2024, rate: '12.50', basisPoints: 1250, setBy: drafter.subject });
    const RATES = `query ($id: ID!) { collectiveOrganisation(id: $id) { y23: communityShareRate(year: 2023) { fromYear rate }
      y30: communityShareRate(year: 2030) { fromYear rate } communityShareRates { fromYear rate } } }`;
    expect(await ok(RATES, { id: o })).toEqual({
      y23: { fromYear: null, rate: '20.00' },
      y30: { fromYear: 2024, rate: '12.50' },
      communityShareRates: [{ fromYear: 2024, rate: '12.50' }],
    });

    await post(o, '2024-07-01', 'CASH', 'INCOME_HOUSEKEEPING', '10000.00');
    await close(o, '2024');
    const draft = await ok<Result & { communityShareRate: number }>(DRAFT, {
      i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' },
    });
    expect(draft).toMatchObject({ communityShareRate: 1250, communityShare: '1250.00', shareholdersTotal: '8750.00' });
    // A drafted year keeps its rate: neither it nor an earlier year takes a new one.
    for (const year of [2024, 2023])
      expect((await set('30', year, second)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.fromYear' });
    expect((await set('0', 2025, second)).errors).toBeUndefined();
    expect((await set('100', 2026, second)).errors).toBeUndefined();
    const rates = await ok<{ communityShareRates: Array<{ fromYear: number; rate: string }> }>(RATES, { id: o });
    expect(rates.communityShareRates.map((r) => [r.fromYear, r.rate])).toEqual([
      [2026, '100.00'],
      [2025, '0.00'],
      [2024, '12.50'],
    ]);
    const stored = await sg.dataSource.getRepository(Distribution).findOneByOrFail({ id: draft.id });
    expect(stored.communityShareBp).toBe(1250);
    await expect(
      sg.dataSource.query(`DELETE FROM ${tableOf(sg.dataSource, 'community_share_rate')} WHERE organisation_id = $1`, [o]),
    ).rejects.toThrow(/append-only/);
  });

  it('distributes nothing in a loss year, and says so', async () => {
    const o = await newOrganisation();
    await shareholder(o, '赵一', 10, '100.00');
    await post(o, '2024-02-01', 'CASH', 'INCOME_HOUSEKEEPING', '500.00');
    await post(o, '2024-02-02', 'EXPENSE_MATERIALS', 'CASH', '650.00');
    await close(o, '2024');
    const draft = await ok<Result>(DRAFT, { i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' } });
    expect(draft).toMatchObject({
      netIncome: '-150.00',
      communityShare: '0.00',
      shareholdersTotal: '0.00',
      nothingToDistribute: true,
      allocations: [],
    });
    expect(draft.summary).toMatch(/nothing is distributed/);
    await ok(stepOf('reviewDistribution'), { i: { distributionId: draft.id } });
    await ok(stepOf('approveDistribution'), { i: { distributionId: draft.id } }, second);
    const posted = await ok<Result>(stepOf('postDistribution'), { i: { distributionId: draft.id } });
    expect(posted).toMatchObject({ status: 'POSTED', postedEntry: null });
  });

  it('keeps distributions and registers inside their scope', async () => {
    const o = await newOrganisation();
    const tongzi = testIdentity({ regionScopes: ['520322'] });
    const seen = await sg.query(
      `query ($o: ID!) { distributions(collectiveOrganisationId: $o) { edges { node { id } } } shareRegister(collectiveOrganisationId: $o, asOf: "2025-01-01") { shares } }`,
      { o },
      tongzi,
    );
    expect(seen.data).toEqual({ distributions: null, shareRegister: null });
    const drafted = await sg.query(DRAFT, { i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' } }, tongzi);
    expect(drafted.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.collectiveOrganisationId' });
  });
});

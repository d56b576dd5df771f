import { createDataSource, tableOf } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { Distribution } from '../src/distribution/distribution.entity';
import { collectiveEconomyService } from '../src/service';

const FIELDS = `id status year income expense netIncome communityShareRate communityShare shareholdersTotal nothingToDistribute summary
  allocations { shareholder { id name } shares amount } postedEntry { lines { account debit credit } } availableActions`;
const DRAFT = `mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { ${FIELDS} } }`;
const stepOf = (name: string) => `mutation ($i: DistributionStepInput!) { ${name}(input: $i) { ${FIELDS} } }`;
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
        i: { collectiveOrganisationId: o, name, shares, capital, joinedOn: '2024-01-05' },
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
      `query ($o: ID!) { distributions(collectiveOrganisationId: $o) { id } shareRegister(collectiveOrganisationId: $o, asOf: "2025-01-01") { shares } }`,
      { o },
      tongzi,
    );
    expect(seen.data).toEqual({ distributions: null, shareRegister: null });
    const drafted = await sg.query(DRAFT, { i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' } }, tongzi);
    expect(drafted.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.collectiveOrganisationId' });
  });
});

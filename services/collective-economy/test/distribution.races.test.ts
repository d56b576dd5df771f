import { createDataSource } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { Distribution } from '../src/distribution/distribution.entity';
import { collectiveEconomyService } from '../src/service';
import { randomResidentId } from './fixtures';

const DRAFT = 'mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { id status shareholdersTotal communityShare } }';
const stepOf = (name: string) => `mutation ($i: DistributionStepInput!) { ${name}(input: $i) { id status } }`;
const BOOKS = `query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o) { totalCount }
  trialBalance(collectiveOrganisationId: $o, from: "2000-01-01", to: "2100-12-31") { accounts { account debit credit } balanced } }`;

interface Books {
  ledgerEntries: { totalCount: number };
  trialBalance: { accounts: Array<{ account: string; debit: string; credit: string }>; balanced: boolean };
}

/** The steps of a distribution that must happen once, whoever asks at the same moment. */
describe('the annual distribution under races', () => {
  let sg: TestSubgraph;
  let organisationDb: DataSource;
  let community: string;
  const [drafter, second, third] = [testIdentity(), testIdentity(), testIdentity()];

  async function ok<T>(query: string, variables: Record<string, unknown>, identity = drafter): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }

  /** An organisation with two shareholders and a closed 2024 of 10000.01 net income. */
  async function closedYear(): Promise<string> {
    const { id: o } = await ok<{ id: string }>(
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      { i: { name: `竞争测试${Math.random().toString(36).slice(2, 10)}`, regionCode: community, foundedOn: '2020-01-01' } },
    );
    for (const [name, shares] of [
      ['赵一', 100],
      ['赵二', 200],
    ] as const)
      await ok('mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }', {
        i: { collectiveOrganisationId: o, name, residentId: randomResidentId(), shares, capital: '100.00', joinedOn: '2024-01-05' },
      });
    await ok('mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: o,
        postedOn: '2024-05-01',
        description: '租金收入',
        lines: [
          { account: 'CASH', debit: '10000.01' },
          { account: 'INCOME_LEASING', credit: '10000.01' },
        ],
      },
    });
    await ok('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
      i: { collectiveOrganisationId: o, period: '2024' },
    });
    return o;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(collectiveEconomyService);
    organisationDb = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisationDb.initialize();
    community = (await claimTestStreet(organisationDb, '520201', [{ name: '竞争社区' }])).communities[0]!;
    await sg.catchUp();
  });
  afterAll(async () => {
    await organisationDb.destroy();
    await sg.stop();
  });

  it('drafts a year once when two ask at once, approves it once, and posts it to the ledger once when two post at once', async () => {
    const o = await closedYear();
    const draft = { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' };
    const drafts = await Promise.all(
      [drafter, second].map((who) => sg.query<{ draftDistribution: { id: string } }>(DRAFT, { i: draft }, who)),
    );
    expect(drafts.filter((d) => !d.errors)).toHaveLength(1);
    expect(drafts.find((d) => d.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.year' });
    expect(await sg.dataSource.getRepository(Distribution).countBy({ organisationId: o, year: 2024 })).toBe(1);
    const winner = drafts.findIndex((d) => !d.errors) === 0 ? drafter : second;
    const i = { distributionId: drafts.find((d) => !d.errors)!.data!.draftDistribution.id };

    await ok(stepOf('reviewDistribution'), { i }, winner);
    // Approving is for someone other than the drafter, once: a second approval is refused.
    expect(await ok(stepOf('approveDistribution'), { i }, third)).toMatchObject({ status: 'APPROVED' });
    const twice = await sg.query(stepOf('approveDistribution'), { i }, winner === drafter ? second : drafter);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.distributionId' });

    const before = await ok<Books['ledgerEntries']>('query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o) { totalCount } }', {
      o,
    });
    const posts = await Promise.all([drafter, second, third].map((who) => sg.query(stepOf('postDistribution'), { i }, who)));
    expect(posts.filter((p) => !p.errors)).toHaveLength(1);
    for (const refused of posts.filter((p) => p.errors))
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.distributionId' });
    const books = (await sg.query<Books>(BOOKS, { o }, drafter)).data!;
    expect(books.ledgerEntries.totalCount).toBe(before.totalCount + 1);
    const credit = (account: string) => books.trialBalance.accounts.find((a) => a.account === account)?.credit;
    // 10000.01: 2000.00 to the community (20%), 8000.01 to the shareholders, each once.
    expect([credit('COMMUNITY_SHARE_PAYABLE'), credit('DISTRIBUTIONS_PAYABLE'), books.trialBalance.balanced]).toEqual([
      '2000.00',
      '8000.01',
      true,
    ]);
    const again = await sg.query(DRAFT, { i: { ...draft, recordDate: '2025-01-11' } }, third);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.year' });
  });
});

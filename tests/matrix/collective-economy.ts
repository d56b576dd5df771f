import { gql, tokenFor } from '../helpers';
import { randomResidentId } from './grid';
import type { MatrixPart } from './types';

const POST = 'mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) { id } }';
const STATEMENT_ARGS = (a: Record<string, string>) => ({ o: a.collectiveOrganisationId, from: '2024-01-01', to: '2024-12-31' });

export const collectiveEconomyMatrix: MatrixPart = {
  async seed({ create, community, county, platform }) {
    const organisation = await create(
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      { name: '矩阵测试合作社', regionCode: community, foundedOn: '2022-01-01' },
    );
    const entry = await create(POST, {
      collectiveOrganisationId: organisation.id,
      postedOn: '2024-03-01',
      description: '矩阵测试门面租金',
      lines: [
        { account: 'CASH', debit: '1200.00' },
        { account: 'INCOME_LEASING', credit: '1200.00' },
      ],
    });
    // A closed month, so the list of closed periods has a record to (not) show.
    await create('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period collectiveOrganisation { id } } }', {
      collectiveOrganisationId: organisation.id,
      period: '2024-02',
    });
    // The first is linked to the seeding token's own account (its subject, e2e-user), so `myShareholdings` has a record to (not) show.
    const shareholder = (name: string, accountSubject: string | null) =>
      create('mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }', {
        collectiveOrganisationId: organisation.id,
        name,
        residentId: randomResidentId(county),
        phone: '13800000000',
        accountSubject,
        shares: 100,
        capital: '10000.00',
        joinedOn: '2023-01-05',
      });
    const first = await shareholder('矩阵股东甲', 'e2e-user');
    const second = await shareholder('矩阵股东乙', null);
    // A whole read by the community's staff, so this service's audit log holds a record to (not) show.
    const staff = await tokenFor({ roles: ['COMMUNITY_STAFF'], regions: [community] });
    const read = await gql(platform, staff, 'query ($id: ID!) { shareholder(id: $id) { name(reveal: true) } }', { id: first.id });
    if (read.errors) throw new Error(`shareholder reveal: ${JSON.stringify(read.errors)}`);
    await create('mutation ($i: SetCommunityShareRateInput!) { setCommunityShareRate(input: $i) { rate } }', {
      collectiveOrganisationId: organisation.id,
      rate: '25',
      fromYear: 2024,
    });
    await create(POST, {
      collectiveOrganisationId: organisation.id,
      postedOn: '2023-06-01',
      description: '矩阵测试年度收入',
      lines: [
        { account: 'CASH', debit: '5000.00' },
        { account: 'INCOME_HOUSEKEEPING', credit: '5000.00' },
      ],
    });
    // 2023 is distributed (a drafted distribution); 2022 is closed and left for the write to draft.
    for (const period of ['2022', '2023'])
      await create('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
        collectiveOrganisationId: organisation.id,
        period,
      });
    const distribution = await create('mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { id } }', {
      collectiveOrganisationId: organisation.id,
      year: 2023,
      recordDate: '2024-01-10',
    });
    return {
      collectiveOrganisationId: organisation.id!,
      ledgerEntryId: entry.id!,
      shareholderId: first.id!,
      otherShareholderId: second.id!,
      distributionId: distribution.id!,
    };
  },
  queries: {
    collectiveOrganisation: {
      query: 'query ($id: ID!) { collectiveOrganisation(id: $id) { id name } }',
      variables: (a) => ({ id: a.collectiveOrganisationId }),
    },
    collectiveOrganisations: {
      query: 'query ($c: ID!) { collectiveOrganisations(regionCode: $c) { edges { node { id name } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    ledgerEntries: {
      query: 'query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o) { edges { node { id lines { account debit } } } totalCount } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    trialBalance: {
      query: `query ($o: ID!, $from: Date!, $to: Date!) { trialBalance(collectiveOrganisationId: $o, from: $from, to: $to) {
        collectiveOrganisation { id } accounts { account debit credit } totalDebit } }`,
      variables: STATEMENT_ARGS,
    },
    incomeStatement: {
      query: `query ($o: ID!, $from: Date!, $to: Date!) { incomeStatement(collectiveOrganisationId: $o, from: $from, to: $to) {
        collectiveOrganisation { id } netIncome } }`,
      variables: STATEMENT_ARGS,
    },
    balanceSheet: {
      query: `query ($o: ID!, $to: Date!) { balanceSheet(collectiveOrganisationId: $o, asOf: $to) {
        collectiveOrganisation { id } totalAssets } }`,
      variables: STATEMENT_ARGS,
    },
    closedLedgerPeriods: {
      query: 'query ($o: ID!) { closedLedgerPeriods(collectiveOrganisationId: $o) { period collectiveOrganisation { id } } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    shareRegister: {
      query:
        'query ($o: ID!) { shareRegister(collectiveOrganisationId: $o, asOf: "2024-12-31") { shareholder { id name } shares capital } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    distribution: {
      query: 'query ($id: ID!) { distribution(id: $id) { id status netIncome allocations { shareholder { id } amount } } }',
      variables: (a) => ({ id: a.distributionId }),
    },
    distributions: {
      query: 'query ($o: ID!) { distributions(collectiveOrganisationId: $o) { edges { node { id year summary draftedBy } } totalCount } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    shareholder: {
      query: `query ($id: ID!) { shareholder(id: $id) { id name phone residentId shares capital collectiveOrganisation { id communityShareRates { rate } }
        shareHistory { kind counterparty { id } } dividends { amount } } }`,
      variables: (a) => ({ id: a.shareholderId }),
    },
    myShareholdings: {
      query: '{ myShareholdings { id name collectiveOrganisation { id } dividends { year amount } } }',
      variables: () => ({}),
    },
    collectiveEconomyPersonalDataAccesses: {
      query: 'query ($c: ID!) { collectiveEconomyPersonalDataAccesses(regionCode: $c) { edges { node { id regionCode recordId } } } }',
      variables: (a) => ({ c: a.community }),
    },
  },
  mutations: {
    createCollectiveOrganisation: {
      query: 'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权合作社', regionCode: a.community, foundedOn: '2022-01-01' } }),
    },
    postLedgerEntry: {
      query: POST,
      variables: (a) => ({
        i: {
          collectiveOrganisationId: a.collectiveOrganisationId,
          postedOn: '2024-04-01',
          description: '越权记账',
          lines: [
            { account: 'CASH', debit: '100.00' },
            { account: 'INCOME_LEASING', credit: '100.00' },
          ],
        },
      }),
    },
    reverseLedgerEntry: {
      query: 'mutation ($i: ReverseLedgerEntryInput!) { reverseLedgerEntry(input: $i) { id } }',
      variables: (a) => ({ i: { entryId: a.ledgerEntryId, postedOn: '2024-04-02', reason: '越权冲销' } }),
    },
    registerShareholder: {
      query: 'mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }',
      variables: (a) => ({
        i: {
          collectiveOrganisationId: a.collectiveOrganisationId,
          name: '越权股东',
          residentId: randomResidentId(a.county!),
          shares: 10,
          capital: '100.00',
          // After the record date of the seeded distribution (2024-01-10): its register stays as divided.
          joinedOn: '2024-02-01',
        },
      }),
    },
    updateShareholder: {
      query: 'mutation ($i: UpdateShareholderInput!) { updateShareholder(input: $i) { id } }',
      variables: (a) => ({ i: { shareholderId: a.otherShareholderId, phone: '13900000000' } }),
    },
    setCommunityShareRate: {
      query: 'mutation ($i: SetCommunityShareRateInput!) { setCommunityShareRate(input: $i) { rate } }',
      variables: (a) => ({ i: { collectiveOrganisationId: a.collectiveOrganisationId, rate: '12.5', fromYear: 2025 } }),
    },
    transferShares: {
      query: 'mutation ($i: TransferSharesInput!) { transferShares(input: $i) { shares } }',
      variables: (a) => ({
        i: { fromShareholderId: a.shareholderId, toShareholderId: a.otherShareholderId, shares: 1, transferredOn: '2024-06-01' },
      }),
    },
    draftDistribution: {
      query: 'mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { id } }',
      variables: (a) => ({ i: { collectiveOrganisationId: a.collectiveOrganisationId, year: 2022, recordDate: '2023-01-10' } }),
    },
    // The seeded distribution is drafted: a review is a valid write; approving and posting are refused for
    // its state by the platform's own rules, after every bad id has been refused first.
    reviewDistribution: {
      query: 'mutation ($i: DistributionStepInput!) { reviewDistribution(input: $i) { id } }',
      variables: (a) => ({ i: { distributionId: a.distributionId } }),
    },
    approveDistribution: {
      query: 'mutation ($i: DistributionStepInput!) { approveDistribution(input: $i) { id } }',
      variables: (a) => ({ i: { distributionId: a.distributionId } }),
    },
    postDistribution: {
      query: 'mutation ($i: DistributionStepInput!) { postDistribution(input: $i) { id } }',
      variables: (a) => ({ i: { distributionId: a.distributionId } }),
    },
    closeLedgerPeriod: {
      query: 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }',
      variables: (a) => ({ i: { collectiveOrganisationId: a.collectiveOrganisationId, period: '2024-05' } }),
    },
  },
};

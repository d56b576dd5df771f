import { gql, tokenFor } from '../helpers';
import { randomResidentId } from './grid';
import { tableOf } from '@gg/shared';
import { raiseRentCharges } from '../../services/collective-economy/src/lease/lease.jobs';
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
    const capital = await create('mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }', {
      collectiveOrganisationId: organisation.id,
      kind: 'SHOPFRONT',
      name: '矩阵测试门面',
      acquiredOn: '2020-01-01',
      value: '100000.00',
    });
    const lease = await create('mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }', {
      capitalId: capital.id,
      tenantKind: 'ORGANISATION',
      tenantName: '矩阵测试超市',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      monthlyRent: '1200.00',
      dueDay: 10,
    });
    // The monthly job's work, as its worker would do it: January to March 2025 raised and posted.
    const economy = platform.dataSources['collective-economy'];
    await raiseRentCharges(economy, '2025-03', { regionCode: community });
    const [charge] = await economy.query(`SELECT id FROM ${tableOf(economy, 'rent_charge')} WHERE lease_id = $1 AND month = '2025-01'`, [
      lease.id,
    ]);
    return {
      capitalId: capital.id!,
      leaseId: lease.id!,
      rentChargeId: (charge as { id: string }).id,
      collectiveOrganisationId: organisation.id!,
      ledgerEntryId: entry.id!,
      shareholderId: first.id!,
      otherShareholderId: second.id!,
      distributionId: distribution.id!,
    };
  },
  queries: {
    collectiveOrganisation: {
      query: `query ($id: ID!) { collectiveOrganisation(id: $id) { id name foundedOn businessLines registeredCapitalFen createdAt
        foundingPartySecretaryId annualIncomeTarget communityShareRate(year: 2024) { rate fromYear basisPoints setBy setAt }
        incomeAgainstTarget(year: 2024) { year income target met shortfall }
        region { code collectiveOrganisations { edges { node { id } } }
          collectiveStats(year: 2024) { year organisations shareholders capitalsByKind { kind category count bookValue } totalBookValue
            annualIncome netIncome communityShare organisationsMeetingTarget overdueRentCharges overdueRent } } } }`,
      variables: (a) => ({ id: a.collectiveOrganisationId }),
    },
    collectiveOrganisations: {
      query:
        'query ($c: ID!) { collectiveOrganisations(regionCode: $c) { edges { cursor node { id name } } pageInfo { hasNextPage } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
    ledgerEntries: {
      query: `query ($o: ID!) { ledgerEntries(collectiveOrganisationId: $o) { edges { cursor node { id postedOn description reason postedBy createdAt
        reverses { id } reversedBy { id } lines { account debit credit } } } pageInfo { hasNextPage } totalCount } }`,
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    trialBalance: {
      query: `query ($o: ID!, $from: Date!, $to: Date!) { trialBalance(collectiveOrganisationId: $o, from: $from, to: $to) {
        collectiveOrganisation { id } from to accounts { account kind debit credit } totalDebit totalCredit balanced } }`,
      variables: STATEMENT_ARGS,
    },
    incomeStatement: {
      query: `query ($o: ID!, $from: Date!, $to: Date!) { incomeStatement(collectiveOrganisationId: $o, from: $from, to: $to) {
        collectiveOrganisation { id } from to income { account kind amount } expenses { account amount } totalIncome totalExpense netIncome } }`,
      variables: STATEMENT_ARGS,
    },
    balanceSheet: {
      query: `query ($o: ID!, $to: Date!) { balanceSheet(collectiveOrganisationId: $o, asOf: $to) {
        collectiveOrganisation { id } asOf assets { account amount } liabilities { account amount } equity { account amount } currentEarnings
        totalAssets totalLiabilities totalEquity } }`,
      variables: STATEMENT_ARGS,
    },
    closedLedgerPeriods: {
      query:
        'query ($o: ID!) { closedLedgerPeriods(collectiveOrganisationId: $o) { period collectiveOrganisation { id } closedBy closedAt } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    shareRegister: {
      query:
        'query ($o: ID!) { shareRegister(collectiveOrganisationId: $o, asOf: "2024-12-31") { shareholder { id name } shares capital } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    distribution: {
      query: `query ($id: ID!) { distribution(id: $id) { id status collectiveOrganisation { id } recordDate income expense netIncome communityShareRate
        communityShare shareholdersTotal nothingToDistribute postedEntry { id } availableActions draftedByJob draftedAt reviewedBy reviewedAt
        approvedBy approvedAt postedAt allocations { shareholder { id } shares amount } } }`,
      variables: (a) => ({ id: a.distributionId }),
    },
    distributions: {
      query:
        'query ($o: ID!) { distributions(collectiveOrganisationId: $o) { edges { cursor node { id year summary draftedBy } } pageInfo { hasNextPage } totalCount } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    shareholder: {
      query: `query ($id: ID!) { shareholder(id: $id) { id name phone residentId accountLinked shares capital collectiveOrganisation { id communityShareRates { rate } }
        shareHistory { kind effectiveOn shares capital transferId counterparty { id } recordedBy recordedAt }
        dividends { year recordDate shares communityShareRate amount summary postedAt } dividendsTotal } }`,
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
    capital: {
      query: `query ($id: ID!) { capital(id: $id) { id name collectiveOrganisation { id } category kind location acquiredOn usefulLifeMonths
        residualRateBasisPoints cost accumulatedDepreciation bookValue disposedOn leases { id }
        history { kind effectiveOn amount reason recordedBy createdAt } } }`,
      variables: (a) => ({ id: a.capitalId }),
    },
    capitalRegister: {
      query: `query ($o: ID!) { capitalRegister(collectiveOrganisationId: $o, category: ASSET, asOf: "2025-06-30") {
        collectiveOrganisation { id } category asOf lines { capital { id } cost accumulatedDepreciation bookValue } totalBookValue } }`,
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    depreciationPolicy: {
      query:
        'query ($c: ID!) { depreciationPolicy(countyCode: $c) { countyCode usefulLives { kind months } residualRateBasisPoints isDefault updatedAt } }',
      variables: (a) => ({ c: a.county }),
    },
    lease: {
      query: `query ($id: ID!) { lease(id: $id) { id collectiveOrganisation { id } tenantKind tenantName tenantPhone startsOn endsOn monthlyRent dueDay
        terminatedOn terminationReason createdAt capital { id } charges { id lease { id } month raisedOn dueOn amount paid outstanding
          overdueSince settledOn payments { id paidOn amount entry { id } recordedBy }
          reduced reductions { id reducedOn amount reason entry { id } recordedBy } } } }`,
      variables: (a) => ({ id: a.leaseId }),
    },
    leases: {
      query: 'query ($o: ID!) { leases(collectiveOrganisationId: $o) { id outstanding } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
    rentCharges: {
      query:
        'query ($o: ID!) { rentCharges(collectiveOrganisationId: $o) { edges { cursor node { id amount overdue } } pageInfo { hasNextPage } totalCount } }',
      variables: (a) => ({ o: a.collectiveOrganisationId }),
    },
  },
  mutations: {
    changeCollectiveOrganisationProfile: {
      query: 'mutation ($i: ChangeCollectiveOrganisationProfileInput!) { changeCollectiveOrganisationProfile(input: $i) { id } }',
      variables: (a) => ({
        i: {
          collectiveOrganisationId: a.collectiveOrganisationId,
          businessLines: ['LEASING'],
          foundingPartySecretaryId: a.partyMemberId,
          annualIncomeTarget: '60000.00',
        },
      }),
    },
    registerCapital: {
      query: 'mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }',
      variables: (a) => ({
        i: {
          collectiveOrganisationId: a.collectiveOrganisationId,
          kind: 'EQUIPMENT',
          name: '越权设备',
          location: '矩阵路1号',
          acquiredOn: '2024-01-01',
          value: '100.00',
        },
      }),
    },
    recordCapitalChange: {
      query: 'mutation ($i: RecordCapitalChangeInput!) { recordCapitalChange(input: $i) { id } }',
      variables: (a) => ({
        i: { capitalId: a.capitalId, kind: 'INCREASE', effectiveOn: '2025-06-01', amount: '10.00', reason: '越权增值' },
      }),
    },
    postDepreciation: {
      query: 'mutation ($i: PostDepreciationInput!) { postDepreciation(input: $i) { id postedOn } }',
      variables: (a) => ({ i: { collectiveOrganisationId: a.collectiveOrganisationId, throughMonth: '2025-05' } }),
    },
    setDepreciationPolicy: {
      query: 'mutation ($i: SetDepreciationPolicyInput!) { setDepreciationPolicy(input: $i) { countyCode } }',
      variables: (a) => ({ i: { countyCode: a.county, usefulLives: [{ kind: 'VEHICLE', months: 60 }], residualRateBasisPoints: 500 } }),
    },
    createLease: {
      query: 'mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }',
      variables: (a) => ({
        i: {
          capitalId: a.capitalId,
          tenantKind: 'PERSON',
          tenantName: '越权租户',
          tenantPhone: '13800001111',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
          monthlyRent: '100.00',
          dueDay: 5,
        },
      }),
    },
    terminateLease: {
      query: 'mutation ($i: TerminateLeaseInput!) { terminateLease(input: $i) { id } }',
      variables: (a) => ({ i: { leaseId: a.leaseId, lastDay: '2025-06-30', reason: '越权解约' } }),
    },
    payRent: {
      query: 'mutation ($i: PayRentInput!) { payRent(input: $i) { id } }',
      variables: (a) => ({ i: { rentChargeId: a.rentChargeId, amount: '1.00', paidOn: '2025-03-15' } }),
    },
    reduceRentCharge: {
      query: 'mutation ($i: ReduceRentChargeInput!) { reduceRentCharge(input: $i) { id reduced outstanding } }',
      variables: (a) => ({ i: { rentChargeId: a.rentChargeId, amount: '1.00', reducedOn: '2025-03-15', reason: '越权减免' } }),
    },
    raiseRentCharges: {
      query: 'mutation ($i: RaiseRentChargesInput!) { raiseRentCharges(input: $i) { id month } }',
      // The seed raised January to March; April and May are raised by the first write, none by a later one.
      variables: (a) => ({ i: { leaseId: a.leaseId, throughMonth: '2025-05' } }),
    },
    createCollectiveOrganisation: {
      query: 'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      variables: (a) => ({
        i: {
          name: '越权合作社',
          regionCode: a.community,
          foundedOn: '2022-01-01',
          foundingPartySecretaryId: a.partyMemberId,
          annualIncomeTarget: '50000.00',
        },
      }),
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
      query: 'mutation ($i: TransferSharesInput!) { transferShares(input: $i) { id from { id } to { id } shares transferredOn } }',
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

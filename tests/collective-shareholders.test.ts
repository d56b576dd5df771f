import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../scripts/platform';
import { gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Through the gateway: a shareholder is a person (masked, revealed only to the community's staff and
 * to themselves, every whole read audited), and a resident's token sees their own shareholder record,
 * its history and their dividend statement, and nothing of anyone else's.
 */
describe('shareholders as persons and a resident’s own dividend statement', () => {
  let platform: RunningPlatform;
  let community: string;
  let admin: string;
  let director: string;
  let staff: string;
  let resident: string;
  let neighbour: string;
  let auditor: string;
  const residentSubject = `resident-${randomUUID()}`;
  const neighbourSubject = `resident-${randomUUID()}`;

  async function ok<T = Record<string, unknown>>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await gql<Record<string, T>>(platform, token, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ community } = await seedCommunity(platform, '520201', '股东测试社区'));
    admin = await tokenFor({ sub: 'ce-accountant', roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    director = await tokenFor({ sub: 'ce-director', roles: ['CITY_ADMIN'], regions: ['5202'] });
    staff = await tokenFor({ sub: 'ce-staff', roles: ['COMMUNITY_STAFF'], regions: [community] });
    resident = await tokenFor({ sub: residentSubject, roles: ['RESIDENT'], regions: [community] });
    neighbour = await tokenFor({ sub: neighbourSubject, roles: ['RESIDENT'], regions: [community] });
    auditor = await tokenFor({ sub: 'ce-auditor', roles: ['AUDITOR'], regions: [community] });
  }, 60_000);
  afterAll(() => platform.stop());

  it('shows a resident their own record, history and dividends only; the rest is not found', async () => {
    const o = (
      await ok<{ id: string }>(
        admin,
        'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
        {
          i: { name: `股东测试合作社${randomUUID().slice(0, 6)}`, regionCode: community, foundedOn: '2020-01-01' },
        },
      )
    ).id;
    const REGISTER =
      'mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id name phone residentId accountLinked } }';
    const residentId = randomResidentId('520201');
    const own = await ok<{ id: string; name: string; phone: string; residentId: string; accountLinked: boolean }>(admin, REGISTER, {
      i: {
        collectiveOrganisationId: o,
        name: '韩梅梅',
        residentId,
        phone: '13800001234',
        accountSubject: residentSubject,
        shares: 100,
        capital: '10000.00',
        joinedOn: '2024-01-05',
      },
    });
    expect(own).toMatchObject({ name: '韩**', phone: '138****1234', accountLinked: true });
    expect(own.residentId).not.toContain(residentId.slice(6, 14));
    const other = await ok<{ id: string }>(admin, REGISTER, {
      i: {
        collectiveOrganisationId: o,
        name: '李雷',
        residentId: randomResidentId('520201'),
        shares: 300,
        capital: '30000.00',
        joinedOn: '2024-01-05',
      },
    });
    // One person is one shareholder; the refusal never repeats the number.
    const twice = await gql(platform, admin, REGISTER, {
      i: { collectiveOrganisationId: o, name: '韩梅梅', residentId, shares: 1, capital: '1.00', joinedOn: '2024-01-05' },
    });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.residentId' });
    expect(JSON.stringify(twice)).not.toContain(residentId);
    await ok(admin, 'mutation ($i: TransferSharesInput!) { transferShares(input: $i) { id } }', {
      i: { fromShareholderId: other.id, toShareholderId: own.id, shares: 100, transferredOn: '2024-06-01' },
    });

    // The year is booked, closed, drafted, approved by a second person and posted.
    await ok(admin, 'mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: o,
        postedOn: '2024-08-01',
        description: '门面租金',
        lines: [
          { account: 'CASH', debit: '10000.03' },
          { account: 'INCOME_LEASING', credit: '10000.03' },
        ],
      },
    });
    await ok(admin, 'mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
      i: { collectiveOrganisationId: o, period: '2024' },
    });
    const draft = await ok<{ id: string }>(admin, 'mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { id } }', {
      i: { collectiveOrganisationId: o, year: 2024, recordDate: '2025-01-10' },
    });
    const MINE = `{ myShareholdings { id name shares(asOf: "2025-01-10") dividendsTotal dividends { year recordDate shares amount communityShareRate summary postedAt }
      shareHistory { kind shares counterparty { id } } collectiveOrganisation { id } } }`;
    type Mine = Array<{
      id: string;
      name: string;
      shares: number;
      dividendsTotal: string;
      dividends: Array<Record<string, unknown>>;
      shareHistory: Array<{ kind: string; counterparty: { id: string } | null }>;
    }>;
    // A draft is not a statement yet.
    expect((await ok<Mine>(resident, MINE))[0]!.dividends).toEqual([]);
    const step = (name: string, token: string) =>
      ok(token, `mutation ($i: DistributionStepInput!) { ${name}(input: $i) { id status } }`, { i: { distributionId: draft.id } });
    await step('reviewDistribution', admin);
    // Four eyes through the gateway: not by its drafter; of two approvals at once, one wins.
    const APPROVE = 'mutation ($i: DistributionStepInput!) { approveDistribution(input: $i) { id status approvedBy } }';
    const byDrafter = await gql(platform, admin, APPROVE, { i: { distributionId: draft.id } });
    expect(byDrafter.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deputy = await tokenFor({ sub: 'ce-deputy', roles: ['CITY_ADMIN'], regions: ['5202'] });
    const race = await Promise.all([director, deputy].map((token) => gql(platform, token, APPROVE, { i: { distributionId: draft.id } })));
    expect(race.filter((r) => !r.errors)).toHaveLength(1);
    expect(race.find((r) => r.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    await step('postDistribution', admin);

    const mine = await ok<Mine>(resident, MINE);
    expect(mine.map((s) => s.id)).toEqual([own.id]);
    // 8000.02 to shareholders over 200/200 shares: 4000.01 each; the community keeps 2000.01 (20%, half a fen up).
    expect(mine[0]).toMatchObject({
      name: '韩**',
      shares: 200,
      dividendsTotal: '4000.01',
      dividends: [
        { year: 2024, recordDate: '2025-01-10', shares: 200, amount: '4000.01', communityShareRate: '20.00', postedAt: expect.any(String) },
      ],
    });
    // Shares came from another shareholder: that they moved is theirs to see, from whom is not.
    expect(mine[0]!.shareHistory).toEqual([
      { kind: 'ISSUE', shares: 100, counterparty: null },
      { kind: 'TRANSFER_IN', shares: 100, counterparty: null },
    ]);
    const staffView = await ok<{ shareHistory: Array<{ counterparty: { id: string } | null }> }>(
      admin,
      'query ($id: ID!) { shareholder(id: $id) { shareHistory { counterparty { id } } } }',
      { id: own.id },
    );
    expect(staffView.shareHistory.map((m) => m.counterparty?.id ?? null)).toEqual([null, other.id]);

    // Any other record: not found for the resident, as if it did not exist; staff-only reads are FORBIDDEN.
    const SHAREHOLDER = 'query ($id: ID!) { shareholder(id: $id) { id dividends { amount } } }';
    expect(await ok(resident, SHAREHOLDER, { id: own.id })).toMatchObject({ id: own.id });
    expect(await ok(resident, SHAREHOLDER, { id: other.id })).toBeNull();
    expect(await ok(resident, SHAREHOLDER, { id: randomUUID() })).toBeNull();
    expect(await ok(neighbour, SHAREHOLDER, { id: own.id })).toBeNull();
    expect(await ok(neighbour, '{ myShareholdings { id } }')).toEqual([]);
    for (const [query, variables] of [
      ['query ($id: ID!) { distribution(id: $id) { id } }', { id: draft.id }],
      ['query ($o: ID!) { distributions(collectiveOrganisationId: $o) { totalCount } }', { o }],
      ['query ($o: ID!) { shareRegister(collectiveOrganisationId: $o, asOf: "2025-01-10") { shares } }', { o }],
    ] as const) {
      const refused = await gql(platform, resident, query, variables);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }

    // Linking the neighbour's account to the other record makes it theirs, and only theirs.
    const UPDATE = 'mutation ($i: UpdateShareholderInput!) { updateShareholder(input: $i) { id accountLinked phone } }';
    expect(
      await ok(admin, UPDATE, { i: { shareholderId: other.id, accountSubject: neighbourSubject, phone: '0851-8888888' } }),
    ).toMatchObject({
      accountLinked: true,
      phone: '********8888',
    });
    expect((await ok<Array<{ id: string }>>(neighbour, '{ myShareholdings { id } }')).map((s) => s.id)).toEqual([other.id]);
    expect(await ok(resident, SHAREHOLDER, { id: other.id })).toBeNull();
    const taken = await gql(platform, admin, UPDATE, { i: { shareholderId: other.id, accountSubject: residentSubject } });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.accountSubject' });
    const outsider = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    const notTheirs = await gql(platform, outsider, UPDATE, { i: { shareholderId: other.id, phone: '13900000000' } });
    expect(notTheirs.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.shareholderId' });
  });

  it('reveals personal fields to the community staff and the shareholder themselves, audited; masked for everyone else', async () => {
    const o = (
      await ok<{ id: string }>(
        admin,
        'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
        {
          i: { name: `揭示测试合作社${randomUUID().slice(0, 6)}`, regionCode: community, foundedOn: '2020-01-01' },
        },
      )
    ).id;
    const residentId = randomResidentId('520201');
    const { id } = await ok<{ id: string }>(admin, 'mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: o,
        name: '王小明',
        residentId: residentId.toLowerCase(),
        phone: '13912345678',
        accountSubject: residentSubject,
        shares: 10,
        capital: '10.00',
        joinedOn: '2024-02-01',
      },
    });
    const WHOLE = 'query ($id: ID!) { shareholder(id: $id) { name(reveal: true) phone(reveal: true) residentId(reveal: true) } }';
    const whole = { name: '王小明', phone: '13912345678', residentId: residentId.toUpperCase() };
    expect(await ok(staff, WHOLE, { id })).toEqual(whole);
    expect(await ok(resident, WHOLE, { id })).toEqual(whole);
    const county = await gql<{ shareholder: unknown }>(platform, admin, WHOLE, { id });
    expect(county.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(county)).not.toContain('13912345678');
    expect(await ok(admin, 'query ($id: ID!) { shareholder(id: $id) { name phone residentId } }', { id })).toEqual({
      name: '王**',
      phone: '139****5678',
      residentId: `${residentId.slice(0, 6)}**********${residentId.slice(16).toUpperCase()}`,
    });

    const log = await ok<{ edges: Array<{ node: { subject: string; recordId: string; field: string; outcome: string } }> }>(
      auditor,
      'query ($c: ID!) { collectiveEconomyPersonalDataAccesses(regionCode: $c, first: 500) { edges { node { subject recordType recordId field outcome } } } }',
      { c: community },
    );
    const reads = log.edges.map((e) => e.node).filter((n) => n.recordId === id);
    const said = (subject: string, outcome: string) =>
      reads
        .filter((r) => r.subject === subject && r.outcome === outcome)
        .map((r) => r.field)
        .sort();
    expect(said('ce-staff', 'SUCCESS')).toEqual(['name', 'phone', 'residentId']);
    expect(said(residentSubject, 'SUCCESS')).toEqual(['name', 'phone', 'residentId']);
    expect(said('ce-accountant', 'FAILURE').length).toBeGreaterThan(0);
    expect(said('ce-accountant', 'SUCCESS')).toEqual([]);
  });
});

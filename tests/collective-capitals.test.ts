import type { RunningPlatform } from '../scripts/platform';
import { rentChargesJob, overdueRentJob } from '../services/collective-economy/src/lease/lease.jobs';
import { catchUpEvents, gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * The three capitals and a lease through the gateway: a community's Party secretary founds an
 * organisation, its shopfront is registered and leased, the monthly job raises rent (run here as the
 * worker runs it), a payment is refused when it would overpay and accepted in part, and the county's
 * dashboard reads the figures on the organisation subgraph's Region.
 */
describe('capitals and rent through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let street: string;
  let community: string;

  const ok = async <T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await gql<Record<string, T>>(platform, token, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0]!;
  };
  const create = (query: string, input: Record<string, unknown>) => ok<{ id: string }>(admin, query, { i: input });

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    ({ street, community } = await seedCommunity(platform, '520201', '幸福社区'));
  }, 60_000);
  afterAll(() => platform.stop());

  it('runs from a founding secretary to rent paid and the dashboard’s figures', async () => {
    const streetCommittee = await create('mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }', {
      name: '网关测试街道党工委',
      level: 'STREET_WORKING_COMMITTEE',
      regionCode: street,
    });
    const committee = await create('mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }', {
      name: '幸福社区党委',
      level: 'COMMUNITY',
      regionCode: community,
      parentId: streetCommittee.id,
    });
    const secretary = await create('mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }', {
      organisationId: committee.id,
      name: '杨书记',
      residentId: randomResidentId('520201'),
    });
    await catchUpEvents(platform);
    const organisation = await create(
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      {
        name: '幸福社区股份经济合作社',
        regionCode: community,
        foundedOn: '2023-01-01',
        businessLines: ['LEASING'],
        foundingPartySecretaryId: secretary.id,
      },
    );
    const shop = await create('mutation ($i: RegisterCapitalInput!) { registerCapital(input: $i) { id } }', {
      collectiveOrganisationId: organisation.id,
      kind: 'SHOPFRONT',
      name: '幸福社区临街门面',
      acquiredOn: '2023-01-01',
      value: '240000.00',
    });
    const lease = await create('mutation ($i: CreateLeaseInput!) { createLease(input: $i) { id } }', {
      capitalId: shop.id,
      tenantKind: 'PERSON',
      tenantName: '刘小梅',
      tenantPhone: '13912345678',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      monthlyRent: '4500.00',
      dueDay: 10,
    });

    const economy = platform.dataSources['collective-economy'];
    const context = { dataSource: economy, jobId: 'gateway-test', attempt: 1 };
    // Limited to this test's street: the shared test database holds other files' leases.
    await rentChargesJob.handler({ month: '2025-12', regionCode: street }, context);
    await rentChargesJob.handler({ month: '2025-12', regionCode: street }, context);
    await overdueRentJob.handler({ today: '2026-01-01', regionCode: street }, context);

    const LEASE = `query ($id: ID!) { lease(id: $id) { tenantName tenantPhone outstanding capital { name bookValue(asOf: "2025-12-31") }
      charges { id month amount overdueSince } collectiveOrganisation { foundingPartySecretaryId annualIncomeTarget region { name } } } }`;
    const read = await ok<{
      tenantName: string;
      tenantPhone: string;
      outstanding: string;
      capital: { bookValue: string };
      charges: Array<{ id: string; month: string; amount: string; overdueSince: string | null }>;
      collectiveOrganisation: { foundingPartySecretaryId: string; annualIncomeTarget: string; region: { name: string } };
    }>(admin, LEASE, { id: lease.id });
    expect(read).toMatchObject({
      tenantName: '刘**',
      tenantPhone: '139****5678',
      outstanding: '54000.00',
      // 35 months of 950.00 by the end of 2025.
      capital: { bookValue: '206750.00' },
      collectiveOrganisation: { foundingPartySecretaryId: secretary.id, annualIncomeTarget: '50000.00', region: { name: '幸福社区' } },
    });
    expect(read.charges).toHaveLength(12);
    expect(read.charges.every((c) => c.amount === '4500.00' && c.overdueSince !== null)).toBe(true);

    const PAY = 'mutation ($i: PayRentInput!) { payRent(input: $i) { paid outstanding settledOn } }';
    const january = read.charges[0]!.id;
    const overpaid = await gql(platform, admin, PAY, { i: { rentChargeId: january, amount: '4500.01', paidOn: '2025-01-09' } });
    expect(overpaid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(await ok(admin, PAY, { i: { rentChargeId: january, amount: '4000.00', paidOn: '2025-01-09' } })).toEqual({
      paid: '4000.00',
      outstanding: '500.00',
      settledOn: null,
    });

    const STATS = `query ($c: ID!) { region(code: $c) { name collectiveStats(year: 2025) { organisations annualIncome netIncome communityShare
      organisationsMeetingTarget overdueRentCharges overdueRent capitalsByKind { kind count } } } }`;
    const dashboard = await tokenFor({ roles: ['DASHBOARD'], regions: ['520201'] });
    const stats = await ok<{
      name: string;
      collectiveStats: Record<string, unknown> & { capitalsByKind: Array<{ kind: string; count: number }> };
    }>(dashboard, STATS, { c: street });
    expect(stats.collectiveStats).toMatchObject({
      organisations: 1,
      annualIncome: '54000.00',
      netIncome: '54000.00',
      communityShare: '10800.00',
      organisationsMeetingTarget: 1,
      overdueRentCharges: 12,
      overdueRent: '50000.00',
    });
    expect(stats.collectiveStats.capitalsByKind.find((k) => k.kind === 'SHOPFRONT')).toEqual({ kind: 'SHOPFRONT', count: 1 });
    const elsewhere = await tokenFor({ roles: ['DASHBOARD'], regions: ['520322'] });
    const outside = await gql<{ region: { collectiveStats: Record<string, unknown> } | null }>(platform, elsewhere, STATS, { c: street });
    // Another county's dashboard is not shown the street at all (the subgraph's own scope test: collective-stats.test.ts).
    expect(outside.errors).toBeUndefined();
    expect(outside.data).toEqual({ region: null });
  });
});

import { CREATE_LEASE, REGISTER_CAPITAL, startCollectiveWorld, type CollectiveWorld } from './collective.fixtures';

const CHANGE = 'mutation ($i: RecordCapitalChangeInput!) { recordCapitalChange(input: $i) { id disposedOn bookValue } }';
const TERMINATE = 'mutation ($i: TerminateLeaseInput!) { terminateLease(input: $i) { id terminatedOn } }';
const CAPITAL = 'query ($id: ID!) { capital(id: $id) { disposedOn history { kind effectiveOn } } }';

/** A capital is not disposed of while a lease of it runs: the lease holds it (issue 14). */
describe('disposing of a leased capital', () => {
  let w: CollectiveWorld;
  beforeAll(async () => {
    w = await startCollectiveWorld();
  });
  afterAll(() => w.stop());

  async function leasedShop(startsOn: string, endsOn: string) {
    const o = await w.newOrganisation();
    const shop = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: { collectiveOrganisationId: o, kind: 'SHOPFRONT', name: '处置测试门面', acquiredOn: '2020-01-01', value: '100000.00' },
    });
    const lease = await w.ok<{ id: string }>(CREATE_LEASE, {
      i: { capitalId: shop.id, tenantKind: 'ORGANISATION', tenantName: '处置测试超市', startsOn, endsOn, monthlyRent: '800.00', dueDay: 5 },
    });
    return { shop: shop.id, lease: lease.id };
  }
  const dispose = (capitalId: string, effectiveOn: string) =>
    w.sg.query(CHANGE, { i: { capitalId, kind: 'DISPOSED', effectiveOn, reason: '拆除' } }, w.admin);

  it('refuses a disposal on a day a lease runs, or before one starts, naming the day; nothing is recorded', async () => {
    const { shop } = await leasedShop('2024-01-01', '2025-12-31');
    const during = await dispose(shop, '2025-06-30');
    expect(during.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.effectiveOn' });
    expect(during.errors?.[0]?.message).toContain('2024-01-01 to 2025-12-31');
    // The last day of the lease is still the tenant's.
    const lastDay = await dispose(shop, '2025-12-31');
    expect(lastDay.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.effectiveOn' });
    expect(await w.ok(CAPITAL, { id: shop })).toEqual({ disposedOn: null, history: [{ kind: 'ACQUIRED', effectiveOn: '2020-01-01' }] });

    const { shop: later } = await leasedShop('2025-09-01', '2026-08-31');
    const beforeItStarts = await dispose(later, '2025-03-01');
    expect(beforeItStarts.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.effectiveOn' });
  });

  it('disposes of it after the lease’s last day, or once the lease is ended early', async () => {
    const { shop } = await leasedShop('2024-01-01', '2024-12-31');
    expect(await w.ok(CHANGE, { i: { capitalId: shop, kind: 'DISPOSED', effectiveOn: '2025-01-01', reason: '拆除' } })).toMatchObject({
      disposedOn: '2025-01-01',
      bookValue: '0.00',
    });

    // And the other way round: no lease runs into a disposal recorded already.
    const pond = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
      i: {
        collectiveOrganisationId: await w.newOrganisation(),
        kind: 'POND',
        name: '处置测试鱼塘',
        acquiredOn: '2020-01-01',
        value: '5000.00',
      },
    });
    await w.ok(CHANGE, { i: { capitalId: pond.id, kind: 'DISPOSED', effectiveOn: '2025-01-01', reason: '征收' } });
    const term = (endsOn: string) => ({
      i: {
        capitalId: pond.id,
        tenantKind: 'ORGANISATION',
        tenantName: '养殖户合作社',
        startsOn: '2024-01-01',
        endsOn,
        monthlyRent: '1.00',
        dueDay: 5,
      },
    });
    const into = await w.sg.query(CREATE_LEASE, term('2025-01-01'), w.admin);
    expect(into.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endsOn' });
    expect(await w.ok(CREATE_LEASE, term('2024-12-31'))).toEqual({ id: expect.any(String) });

    const ended = await leasedShop('2024-01-01', '2026-12-31');
    await w.ok(TERMINATE, { i: { leaseId: ended.lease, lastDay: '2024-06-30', reason: '租户搬离' } });
    expect(await w.ok(CHANGE, { i: { capitalId: ended.shop, kind: 'DISPOSED', effectiveOn: '2024-07-01', reason: '拆除' } })).toMatchObject(
      {
        disposedOn: '2024-07-01',
      },
    );
  });
});

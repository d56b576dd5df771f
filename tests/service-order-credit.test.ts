import { tableOf } from '@gg/shared';
import type { RunningPlatform } from '../scripts/platform';
import { gql, startTestPlatform } from './helpers';
import { ENROL, volunteerWorld, whileRowHeld, type VolunteerWorld } from './volunteer-fixtures';

/**
 * A service order's time in the time bank (时间银行: hours credited for confirmed service), through
 * the gateway: the taker states the minutes served when reporting the order done, and the resident's
 * rating (群众评单, which confirms the service) credits them to the taker's own account — a registered
 * volunteer's, a Party member's member account, a household leader's household's — opened on first
 * use, once however many ratings race. Nobody is dispatched their own order, and the takers' time to
 * accept is counted from the dispatch.
 */

const ORDER = 'id state minutesServed creditTransfer { id kind entries { accountId minutes } } history { action }';
const PLACE = `mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { ${ORDER} } }`;
const DISPATCH = `mutation ($i: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $i) { ${ORDER} } }`;
const ACCEPT = `mutation ($i: ServiceOrderStepInput!) { acceptServiceOrder(input: $i) { ${ORDER} } }`;
const COMPLETE = `mutation ($i: CompleteServiceOrderInput!) { completeServiceOrder(input: $i) { ${ORDER} } }`;
const RATE = `mutation ($i: RateServiceOrderInput!) { rateServiceOrder(input: $i) { ${ORDER} } }`;
const CANDIDATES = 'query ($o: ID!) { serviceOrderCandidates(orderId: $o) { taker { id } } }';
const TAKER_ACCOUNTS = `query ($c: ID!) { serviceTakers(regionCode: $c, first: 50) { edges { node { id
  timeBankAccount { id holderKind balanceMinutes entries { totalCount } } } } } }`;

interface Order {
  id: string;
  state: string;
  minutesServed: number | null;
  creditTransfer: { id: string; kind: string; entries: Array<{ accountId: string; minutes: number }> } | null;
  history: Array<{ action: string }>;
}
interface Account {
  id: string;
  holderKind: string;
  balanceMinutes: number;
  entries: { totalCount: number };
}

describe('service orders credit the taker’s confirmed time (时间银行) through the gateway', () => {
  let platform: RunningPlatform;
  let world: VolunteerWorld;
  let staff: string;
  let resident: string;
  const takers: Record<'volunteer' | 'member' | 'leader', { id: string; token: string }> = {} as never;

  const send = async (token: string, query: string, input: Record<string, unknown>) => {
    const result = await gql<Record<string, Order>>(platform, token, query, { i: input });
    return { order: result.data ? Object.values(result.data)[0] : undefined, error: result.errors?.[0]?.extensions };
  };
  const must = async (token: string, query: string, input: Record<string, unknown>) => {
    const { order, error } = await send(token, query, input);
    if (error) throw new Error(`${query}: ${JSON.stringify(error)}`);
    return order!;
  };
  const place = (token = resident, community = world.community) =>
    must(token, PLACE, { category: 'ELDERLY_CARE', description: '陪同独居老人去医院复查', regionCode: community });
  /** An order placed, dispatched to the taker, accepted and reported done with the minutes. */
  const done = async (taker: { id: string; token: string }, minutesServed: number) => {
    const order = await place();
    await must(staff, DISPATCH, { orderId: order.id, takerId: taker.id });
    await must(taker.token, ACCEPT, { orderId: order.id });
    return must(taker.token, COMPLETE, { orderId: order.id, minutesServed });
  };
  const accountOf = async (takerId: string): Promise<Account | null> => {
    const data = await world.must<{ serviceTakers: { edges: Array<{ node: { id: string; timeBankAccount: Account | null } }> } }>(
      staff,
      TAKER_ACCOUNTS,
      { c: world.community },
    );
    return data.serviceTakers.edges.find((e) => e.node.id === takerId)!.node.timeBankAccount;
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    // In 建湖县 (320925): no other test counts a region this file writes in.
    world = await volunteerWorld(platform, '320925', '服务时长入账测试社区');
    staff = await world.token('COMMUNITY_STAFF', 'staff-credit');
    resident = await world.token('RESIDENT', 'resident-credit');
    const grid = await world.grid();
    const enrol = async (input: Record<string, unknown>) =>
      (await world.must<{ enrolServiceTaker: { id: string } }>(staff, ENROL, { i: input })).enrolServiceTaker.id;
    const volunteerId = await world.registeredVolunteer({ accountSubject: 'credit-volunteer' });
    takers.volunteer = {
      id: await enrol({ volunteerId, accountSubject: 'credit-volunteer' }),
      token: await world.token('VOLUNTEER', 'credit-volunteer'),
    };
    const { volunteerId: memberVolunteer } = await world.partyVolunteer(await world.team('服务时长测试党员服务队', ['陪护']), grid);
    takers.member = {
      id: await enrol({ volunteerId: memberVolunteer, accountSubject: 'credit-member' }),
      token: await world.token('PARTY_MEMBER', 'credit-member'),
    };
    takers.leader = {
      id: await enrol({ householdId: await world.household(grid), accountSubject: 'credit-leader' }),
      token: await world.token('RESIDENT', 'credit-leader'),
    };
  }, 120_000);
  afterAll(() => platform.stop());

  it('credits the minutes the taker stated when the resident rates the order, to the taker’s own account, opened on first use', async () => {
    const order = await done(takers.volunteer, 90);
    expect(order).toMatchObject({ state: 'DONE', minutesServed: 90, creditTransfer: null });
    // Reported done is not confirmed: nothing is credited yet, and no account was opened.
    expect(await accountOf(takers.volunteer.id)).toBeNull();

    const rated = await must(resident, RATE, { orderId: order.id, rating: 4 });
    expect(rated.state).toBe('RATED');
    const account = (await accountOf(takers.volunteer.id))!;
    expect(account).toMatchObject({ holderKind: 'VOLUNTEER', balanceMinutes: 90, entries: { totalCount: 1 } });
    expect(rated.creditTransfer!.kind).toBe('CREDIT');
    // A pair of entries: the taker's account credited, the community's account issuing the minutes.
    expect(rated.creditTransfer!.entries).toHaveLength(2);
    expect(rated.creditTransfer!.entries).toContainEqual({ accountId: account.id, minutes: 90 });
    expect(rated.creditTransfer!.entries.reduce((sum, e) => sum + e.minutes, 0)).toBe(0);

    // The minutes are stated, whole and within a day; nothing is written when they are not.
    const next = await place();
    await must(staff, DISPATCH, { orderId: next.id, takerId: takers.volunteer.id });
    await must(takers.volunteer.token, ACCEPT, { orderId: next.id });
    for (const minutesServed of [0, 1441, 12.5])
      expect((await send(takers.volunteer.token, COMPLETE, { orderId: next.id, minutesServed })).error).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.minutesServed',
      });
    expect((await send(resident, COMPLETE, { orderId: next.id, minutesServed: 30 })).error).toMatchObject({ code: 'FORBIDDEN' });
    await must(takers.volunteer.token, COMPLETE, { orderId: next.id, minutesServed: 30 });
    await must(resident, RATE, { orderId: next.id, rating: 5 });
    expect(await accountOf(takers.volunteer.id)).toMatchObject({ id: account.id, balanceMinutes: 120, entries: { totalCount: 2 } });
  });

  it('credits a Party member’s member account and a household leader’s household account', async () => {
    await must(resident, RATE, { orderId: (await done(takers.member, 45)).id, rating: 5 });
    expect(await accountOf(takers.member.id)).toMatchObject({ holderKind: 'PARTY_MEMBER', balanceMinutes: 45 });
    await must(resident, RATE, { orderId: (await done(takers.leader, 60)).id, rating: 2 });
    expect(await accountOf(takers.leader.id)).toMatchObject({ holderKind: 'HOUSEHOLD', balanceMinutes: 60 });
  });

  it('credits once when the resident’s ratings race (the app sends it twice, two devices)', async () => {
    const order = await done(takers.leader, 40);
    const before = (await accountOf(takers.leader.id))!;
    const answers = await whileRowHeld(
      platform,
      'service_order',
      order.id,
      Array.from({ length: 4 }, () => () => send(resident, RATE, { orderId: order.id, rating: 5 })),
    );
    expect(answers.filter((a) => a.order?.state === 'RATED')).toHaveLength(1);
    expect(answers.filter((a) => a.error?.code === 'CONFLICT')).toHaveLength(3);
    expect(await accountOf(takers.leader.id)).toMatchObject({
      balanceMinutes: before.balanceMinutes + 40,
      entries: { totalCount: before.entries.totalCount + 1 },
    });
  });

  it('never dispatches an order to the taker who placed it: not a candidate, and refused naming the taker', async () => {
    const own = await place(takers.leader.token);
    const candidates = await world.must<{ serviceOrderCandidates: Array<{ taker: { id: string } }> }>(staff, CANDIDATES, { o: own.id });
    expect(candidates.serviceOrderCandidates.map((c) => c.taker.id).sort()).toEqual([takers.volunteer.id, takers.member.id].sort());
    expect((await send(staff, DISPATCH, { orderId: own.id, takerId: takers.leader.id })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.takerId',
    });
    const read = await world.must<{ serviceOrder: Order }>(staff, `query ($id: ID!) { serviceOrder(id: $id) { ${ORDER} } }`, {
      id: own.id,
    });
    expect(read.serviceOrder).toMatchObject({ state: 'PLACED', history: [{ action: 'PLACE' }] });
    // Someone else takes it.
    expect((await send(staff, DISPATCH, { orderId: own.id, takerId: takers.volunteer.id })).order?.state).toBe('DISPATCHED');
  });

  it('counts the takers’ time to accept from the dispatch, not from the placing', async () => {
    const other = await volunteerWorld(platform, '320925', '接单时长测试社区');
    const otherStaff = await other.token('COMMUNITY_STAFF', 'staff-accept-time');
    const household = await other.household(await other.grid());
    const taker = (
      await other.must<{ enrolServiceTaker: { id: string } }>(otherStaff, ENROL, {
        i: { householdId: household, accountSubject: 'accept-time-leader' },
      })
    ).enrolServiceTaker.id;
    const order = await place(await other.token('RESIDENT', 'resident-accept-time'), other.community);
    await must(otherStaff, DISPATCH, { orderId: order.id, takerId: taker });
    // Placed three hours ago, dispatched twenty minutes ago (the clock of the request is the real one).
    const volunteer = platform.dataSources.volunteer!;
    await volunteer.query(
      `UPDATE ${tableOf(volunteer, 'service_order')}
          SET placed_at = now() - interval '3 hours', dispatched_at = now() - interval '20 minutes' WHERE id = $1`,
      [order.id],
    );
    await must(await other.token('RESIDENT', 'accept-time-leader'), ACCEPT, { orderId: order.id });
    const dashboard = await other.token('DASHBOARD', 'dashboard-accept-time', [other.street]);
    const stats = await other.must<{ region: { volunteerStats: { averageMinutesToAccept: number | null } } }>(
      dashboard,
      'query ($c: ID!) { region(code: $c) { volunteerStats { averageMinutesToAccept } } }',
      { c: other.street },
    );
    expect(stats.region.volunteerStats.averageMinutesToAccept).toBe(20);
  });
});

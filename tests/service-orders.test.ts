import { tableOf } from '@gg/shared';
import type { RunningPlatform } from '../scripts/platform';
import { gql, startTestPlatform } from './helpers';
import { ENROL, volunteerWorld, type VolunteerWorld } from './volunteer-fixtures';

/**
 * The four orders (四单制) through the gateway: 群众点单 by a resident, 社区派单 by community staff helped
 * by the ranked candidates and their reasons, 党员/联户接单 (accept or decline with a reason) by the
 * taker's own account, done, 群众评单 by the resident; each step only from the right state and by the
 * right person; concurrent accepts of one order: exactly one wins; other counties see nothing.
 */

const ORDER_FIELDS =
  'id state taker { id kind } rating availableActions history { sequence action fromState toState takerId actorSubject note }';
const PLACE = `mutation ($i: PlaceServiceOrderInput!) { placeServiceOrder(input: $i) { ${ORDER_FIELDS} } }`;
const DISPATCH = `mutation ($i: DispatchServiceOrderInput!) { dispatchServiceOrder(input: $i) { ${ORDER_FIELDS} } }`;
const ACCEPT = `mutation ($i: ServiceOrderStepInput!) { acceptServiceOrder(input: $i) { ${ORDER_FIELDS} } }`;
const DECLINE = `mutation ($i: DeclineServiceOrderInput!) { declineServiceOrder(input: $i) { ${ORDER_FIELDS} } }`;
const COMPLETE = `mutation ($i: CompleteServiceOrderInput!) { completeServiceOrder(input: $i) { ${ORDER_FIELDS} } }`;
const CANCEL = `mutation ($i: CancelServiceOrderInput!) { cancelServiceOrder(input: $i) { ${ORDER_FIELDS} } }`;
const RATE = `mutation ($i: RateServiceOrderInput!) { rateServiceOrder(input: $i) { ${ORDER_FIELDS} } }`;
const CANDIDATES = `query ($o: ID!) { serviceOrderCandidates(orderId: $o) {
  rank score proximity matchedSkills openOrders taker { id kind } reasons { factor points detail } } }`;

interface Order {
  id: string;
  state: string;
  taker: { id: string; kind: string } | null;
  rating: number | null;
  availableActions: string[];
  history: Array<{
    sequence: number;
    action: string;
    fromState: string | null;
    toState: string;
    takerId: string | null;
    actorSubject: string | null;
    note: string | null;
  }>;
}
interface Candidate {
  rank: number;
  score: number;
  proximity: string;
  matchedSkills: string[];
  openOrders: number;
  taker: { id: string; kind: string };
  reasons: Array<{ factor: string; points: number; detail: string }>;
}

describe('service orders (四单制) through the gateway', () => {
  let platform: RunningPlatform;
  let world: VolunteerWorld;
  let staff: string;
  let resident: string;
  let leaderToken: string;
  let memberToken: string;
  let gridId: string;
  let leaderId: string;
  let memberTakerId: string;

  const send = async (token: string, query: string, input: Record<string, unknown>) => {
    const result = await gql<Record<string, Order>>(platform, token, query, { i: input });
    return { order: result.data ? Object.values(result.data)[0] : undefined, error: result.errors?.[0]?.extensions };
  };
  const place = async (token = resident) =>
    (await send(token, PLACE, { category: 'REPAIR', description: '厨房水管漏水，需要上门维修', regionCode: world.community, gridId }))
      .order!;

  beforeAll(async () => {
    platform = await startTestPlatform();
    world = await volunteerWorld(platform, '520201', '四单制测试社区');
    staff = await world.token('COMMUNITY_STAFF', 'staff-order');
    resident = await world.token('RESIDENT', 'resident-order');
    leaderToken = await world.token('RESIDENT', 'leader-order');
    memberToken = await world.token('PARTY_MEMBER', 'member-order');
    gridId = await world.grid();
    const otherGrid = await world.grid();
    // The household leader lives in the order's grid and fixes appliances; the Party member's team
    // repairs plumbing, but the member reported in to another grid of the community.
    const household = await world.household(gridId);
    const team = await world.team('四单制测试党员服务队', ['水电维修']);
    const { volunteerId } = await world.partyVolunteer(team, otherGrid);
    const leader = await world.must<{ enrolServiceTaker: { id: string; kind: string; gridId: string } }>(staff, ENROL, {
      i: { householdId: household, accountSubject: 'leader-order', skills: ['家电维修'] },
    });
    expect(leader.enrolServiceTaker).toMatchObject({ kind: 'HOUSEHOLD_LEADER', gridId });
    leaderId = leader.enrolServiceTaker.id;
    const member = await world.must<{ enrolServiceTaker: { id: string; kind: string; gridId: string } }>(staff, ENROL, {
      i: { volunteerId, accountSubject: 'member-order' },
    });
    expect(member.enrolServiceTaker).toMatchObject({ kind: 'PARTY_MEMBER', gridId: otherGrid });
    memberTakerId = member.enrolServiceTaker.id;
    const again = await gql(platform, staff, ENROL, { i: { volunteerId, accountSubject: 'someone-else' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.volunteerId' });
  }, 120_000);
  afterAll(() => platform.stop());

  it('runs an order from 点单 to 评单, each step by the right person from the right state, all in the history', async () => {
    const order = await place();
    expect(order).toMatchObject({ state: 'PLACED', taker: null, availableActions: ['CANCEL'] });

    // 社区派单, helped by the ranked candidates: the leader (grid, matching skill) before the member (community, team skill).
    const ranked = (await world.must<{ serviceOrderCandidates: Candidate[] }>(staff, CANDIDATES, { o: order.id })).serviceOrderCandidates;
    expect(ranked.map((c) => [c.rank, c.taker.id, c.score, c.proximity])).toEqual([
      [1, leaderId, 70, 'SAME_GRID'],
      [2, memberTakerId, 60, 'SAME_COMMUNITY'],
    ]);
    expect(ranked[0]!.reasons).toEqual([
      { factor: 'SKILL', points: 40, detail: '家电维修 matches REPAIR' },
      { factor: 'DISTANCE', points: 30, detail: "lives in the order's grid" },
      { factor: 'LOAD', points: 0, detail: 'no open orders' },
      { factor: 'RATING', points: 0, detail: 'no ratings yet' },
      { factor: 'AVAILABILITY', points: 0, detail: 'availability not stated' },
    ]);
    // The member's skill is their team's.
    expect(ranked[1]!.matchedSkills).toEqual(['水电维修']);

    expect((await send(resident, DISPATCH, { orderId: order.id, takerId: leaderId })).error).toMatchObject({ code: 'FORBIDDEN' });
    const dispatched = (await send(staff, DISPATCH, { orderId: order.id, takerId: leaderId, note: '请今天下午上门' })).order!;
    expect(dispatched).toMatchObject({ state: 'DISPATCHED', taker: { id: leaderId, kind: 'HOUSEHOLD_LEADER' } });
    expect((await send(staff, DISPATCH, { orderId: order.id, takerId: leaderId })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.takerId',
    });

    // Only the taker's account answers; the resident cannot rate before it is done.
    expect((await send(memberToken, ACCEPT, { orderId: order.id })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await send(staff, ACCEPT, { orderId: order.id })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await send(resident, RATE, { orderId: order.id, rating: 5 })).error).toMatchObject({
      code: 'CONFLICT',
      field: 'input.orderId',
    });

    // A decline with its reason sends it back; the decliner is no longer a candidate.
    const declined = (await send(leaderToken, DECLINE, { orderId: order.id, reason: '今天在外地，无法上门' })).order!;
    expect(declined).toMatchObject({ state: 'PLACED', taker: null });
    const after = (await world.must<{ serviceOrderCandidates: Candidate[] }>(staff, CANDIDATES, { o: order.id })).serviceOrderCandidates;
    expect(after.map((c) => c.taker.id)).toEqual([memberTakerId]);

    await send(staff, DISPATCH, { orderId: order.id, takerId: memberTakerId });
    const accepted = (await send(memberToken, ACCEPT, { orderId: order.id })).order!;
    expect(accepted).toMatchObject({ state: 'ACCEPTED', availableActions: ['COMPLETE'] });
    expect((await send(memberToken, DECLINE, { orderId: order.id, reason: '改变主意' })).error).toMatchObject({ code: 'CONFLICT' });
    const done = (await send(memberToken, COMPLETE, { orderId: order.id, minutesServed: 75 })).order!;
    expect(done.state).toBe('DONE');

    // 群众评单: the person who placed it, once.
    const neighbour = await world.token('RESIDENT', 'neighbour-order');
    expect((await send(neighbour, RATE, { orderId: order.id, rating: 1 })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await send(resident, RATE, { orderId: order.id, rating: 6 })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.rating',
    });
    const rated = (await send(resident, RATE, { orderId: order.id, rating: 5, comment: '修得很好，谢谢' })).order!;
    expect(rated).toMatchObject({ state: 'RATED', rating: 5 });
    expect((await send(resident, RATE, { orderId: order.id, rating: 4 })).error).toMatchObject({ code: 'CONFLICT' });

    // The resident sees their own steps' subjects only; staff see everyone's.
    expect(rated.history.map((h) => h.actorSubject)).toEqual(['resident-order', null, null, null, null, null, 'resident-order']);
    const history = (
      await world.must<{ serviceOrder: Order }>(staff, `query ($id: ID!) { serviceOrder(id: $id) { ${ORDER_FIELDS} } }`, { id: order.id })
    ).serviceOrder.history;
    expect(history.map((h) => [h.sequence, h.action, h.fromState, h.toState, h.actorSubject])).toEqual([
      [1, 'PLACE', null, 'PLACED', 'resident-order'],
      [2, 'DISPATCH', 'PLACED', 'DISPATCHED', 'staff-order'],
      [3, 'DECLINE', 'DISPATCHED', 'PLACED', 'leader-order'],
      [4, 'DISPATCH', 'PLACED', 'DISPATCHED', 'staff-order'],
      [5, 'ACCEPT', 'DISPATCHED', 'ACCEPTED', 'member-order'],
      [6, 'COMPLETE', 'ACCEPTED', 'DONE', 'member-order'],
      [7, 'RATE', 'DONE', 'RATED', 'resident-order'],
    ]);
    expect(history[2]).toMatchObject({ takerId: leaderId, note: '今天在外地，无法上门' });

    // Each side's own lists.
    const mine = await world.must<{ myServiceOrders: { edges: Array<{ node: { id: string } }> } }>(
      resident,
      '{ myServiceOrders { edges { node { id } } } }',
    );
    expect(mine.myServiceOrders.edges.map((e) => e.node.id)).toContain(order.id);
    const tasks = await world.must<{ myServiceTasks: { edges: Array<{ node: { id: string } }> } }>(
      memberToken,
      '{ myServiceTasks(state: RATED) { edges { node { id } } } }',
    );
    expect(tasks.myServiceTasks.edges.map((e) => e.node.id)).toEqual([order.id]);

    // The rating now counts for the member in the next match.
    const next = await place();
    const again = (await world.must<{ serviceOrderCandidates: Candidate[] }>(staff, CANDIDATES, { o: next.id })).serviceOrderCandidates;
    expect(again.find((c) => c.taker.id === memberTakerId)!.reasons.find((r) => r.factor === 'RATING')).toEqual({
      factor: 'RATING',
      points: 7,
      detail: 'average 5.0 over 1 rated order',
    });
  });

  /**
   * Fires requests while the test holds the order's row, and lets go once every one of them waits
   * behind it: all have read the order before any can write, so a missing version check would let
   * each of them through.
   */
  async function whileOrderHeld<T>(orderId: string, requests: Array<() => Promise<T>>): Promise<T[]> {
    // On another service's pool: the requests must not wait for a connection the test holds.
    const holder = platform.dataSources.organisation!.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query(`SELECT id FROM ${tableOf(platform.dataSources.volunteer!, 'service_order')} WHERE id = $1 FOR UPDATE`, [orderId]);
      const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
      const pending = Promise.all(requests.map((send) => send()));
      for (;;) {
        const [{ waiting }] = (await platform.dataSources.organisation!.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0 AND query LIKE '%service_order%'`,
          [pid],
        )) as [{ waiting: number }];
        if (waiting >= requests.length) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await holder.commitTransaction();
      return await pending;
    } finally {
      await holder.release();
    }
  }

  it('matches a registered volunteer by their own skills, every team they belong to and their availability', async () => {
    const other = await volunteerWorld(platform, '520201', '四单制志愿者匹配社区');
    const otherStaff = await other.token('COMMUNITY_STAFF', 'staff-match');
    const otherGrid = await other.grid();
    const plumbers = await other.team('管道疏通队', ['管道疏通']);
    const electricians = await other.team('电工服务队', ['电工']);
    const volunteerId = await other.registeredVolunteer({
      accountSubject: 'registered-match',
      gridId: otherGrid,
      skills: ['家电维修', '理发'],
      availability: ['WEEKDAY_DAYTIME', 'WEEKDAY_EVENING', 'WEEKEND_DAYTIME', 'WEEKEND_EVENING'],
      teamIds: [plumbers, electricians],
    });
    const taker = await other.must<{ enrolServiceTaker: { id: string; kind: string } }>(otherStaff, ENROL, {
      i: { volunteerId, accountSubject: 'registered-match', skills: ['水电'] },
    });
    expect(taker.enrolServiceTaker.kind).toBe('VOLUNTEER');
    const otherResident = await other.token('RESIDENT', 'resident-match');
    const order = (
      await send(otherResident, PLACE, { category: 'REPAIR', description: '电灯不亮，需要上门维修', regionCode: other.community })
    ).order!;
    const [candidate] = (await other.must<{ serviceOrderCandidates: Candidate[] }>(otherStaff, CANDIDATES, { o: order.id }))
      .serviceOrderCandidates;
    // The taker's tag, then the volunteer record's skills, then each team's, in the order they joined.
    expect(candidate!.matchedSkills).toEqual(['水电', '家电维修', '管道疏通', '电工']);
    expect(candidate!.reasons).toEqual([
      { factor: 'SKILL', points: 50, detail: '水电, 家电维修, 管道疏通, 电工 match REPAIR' },
      { factor: 'DISTANCE', points: 20, detail: "in the order's community" },
      { factor: 'LOAD', points: 0, detail: 'no open orders' },
      { factor: 'RATING', points: 0, detail: 'no ratings yet' },
      { factor: 'AVAILABILITY', points: 10, detail: expect.stringMatching(/^usually available (WEEKDAY|WEEKEND)_(DAYTIME|EVENING)$/) },
    ]);
    expect(candidate!.score).toBe(80);
  });

  it('lets exactly one of concurrent accepts win, the others CONFLICT, with one ACCEPT in the history', async () => {
    const order = await place();
    await send(staff, DISPATCH, { orderId: order.id, takerId: leaderId });
    const answers = await whileOrderHeld(
      order.id,
      Array.from({ length: 5 }, () => () => send(leaderToken, ACCEPT, { orderId: order.id })),
    );
    expect(answers.filter((a) => a.order?.state === 'ACCEPTED')).toHaveLength(1);
    expect(answers.filter((a) => a.error?.code === 'CONFLICT')).toHaveLength(4);
    const read = await world.must<{ serviceOrder: Order }>(staff, `query ($id: ID!) { serviceOrder(id: $id) { ${ORDER_FIELDS} } }`, {
      id: order.id,
    });
    expect(read.serviceOrder.history.filter((h) => h.action === 'ACCEPT')).toHaveLength(1);
    expect(read.serviceOrder.state).toBe('ACCEPTED');
  });

  it('decides an accept racing a re-dispatch to someone else: one of them, never both', async () => {
    const order = await place();
    await send(staff, DISPATCH, { orderId: order.id, takerId: leaderId });
    const [accept, redispatch] = await whileOrderHeld<Awaited<ReturnType<typeof send>>>(order.id, [
      () => send(leaderToken, ACCEPT, { orderId: order.id }),
      () => send(staff, DISPATCH, { orderId: order.id, takerId: memberTakerId }),
    ]);
    expect([accept!.error?.code, redispatch!.error?.code].filter((code) => code === 'CONFLICT')).toHaveLength(1);
    const read = await world.must<{ serviceOrder: Order }>(staff, `query ($id: ID!) { serviceOrder(id: $id) { ${ORDER_FIELDS} } }`, {
      id: order.id,
    });
    const winner = accept!.order ? { state: 'ACCEPTED', taker: leaderId } : { state: 'DISPATCHED', taker: memberTakerId };
    expect({ state: read.serviceOrder.state, taker: read.serviceOrder.taker!.id }).toEqual(winner);
    expect(read.serviceOrder.history).toHaveLength(3);
  });

  it('lets the resident withdraw an order until someone accepts it, and nobody else', async () => {
    const order = await place();
    await send(staff, DISPATCH, { orderId: order.id, takerId: leaderId });
    const neighbour = await world.token('RESIDENT', 'neighbour-cancel');
    expect((await send(neighbour, CANCEL, { orderId: order.id, reason: '不需要了' })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await send(staff, CANCEL, { orderId: order.id, reason: '不需要了' })).error).toMatchObject({ code: 'FORBIDDEN' });
    const cancelled = (await send(resident, CANCEL, { orderId: order.id, reason: '邻居已经帮忙修好了' })).order!;
    expect(cancelled).toMatchObject({ state: 'CANCELLED', availableActions: [] });
    expect(cancelled.history.at(-1)).toMatchObject({ action: 'CANCEL', fromState: 'DISPATCHED', note: '邻居已经帮忙修好了' });
    expect((await send(leaderToken, ACCEPT, { orderId: order.id })).error).toMatchObject({ code: 'CONFLICT' });
    const accepted = await place();
    await send(staff, DISPATCH, { orderId: accepted.id, takerId: leaderId });
    await send(leaderToken, ACCEPT, { orderId: accepted.id });
    expect((await send(resident, CANCEL, { orderId: accepted.id, reason: '不需要了' })).error).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a taker of another street and a grid of another community, naming the field', async () => {
    const order = await place();
    const elsewhere = await volunteerWorld(platform, '520201', '四单制测试邻街社区');
    const farHousehold = await elsewhere.household(await elsewhere.grid());
    const admin = await world.token('COUNTY_ADMIN', 'county-order', ['520201']);
    const far = await world.must<{ enrolServiceTaker: { id: string } }>(admin, ENROL, {
      i: { householdId: farHousehold, accountSubject: 'far-leader' },
    });
    expect((await send(admin, DISPATCH, { orderId: order.id, takerId: far.enrolServiceTaker.id })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.takerId',
    });
    const otherGrid = await elsewhere.grid();
    expect(
      (await send(admin, PLACE, { category: 'HEALTH', description: '量血压', regionCode: world.community, gridId: otherGrid })).error,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridId' });
  });

  it('keeps orders, candidates and takers inside the caller’s scope', async () => {
    const order = await place();
    const tongzi = await world.token('COUNTY_ADMIN', 'tongzi-admin', ['520322']);
    const read = await world.must<{ serviceOrder: Order | null }>(tongzi, 'query ($id: ID!) { serviceOrder(id: $id) { id } }', {
      id: order.id,
    });
    expect(read.serviceOrder).toBeNull();
    expect((await world.must<{ serviceOrderCandidates: Candidate[] }>(tongzi, CANDIDATES, { o: order.id })).serviceOrderCandidates).toEqual(
      [],
    );
    expect((await send(tongzi, DISPATCH, { orderId: order.id, takerId: leaderId })).error).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.takerId',
    });
    const lists = await world.must<{ serviceOrders: { totalCount: number }; serviceTakers: { totalCount: number } }>(
      tongzi,
      'query ($c: ID!) { serviceOrders(regionCode: $c) { totalCount } serviceTakers(regionCode: $c) { totalCount } }',
      { c: world.community },
    );
    expect(lists).toEqual({ serviceOrders: { totalCount: 0 }, serviceTakers: { totalCount: 0 } });
    // A taker's account subject is for staff and the taker, not for the residents they serve.
    const served = await world.must<{ myServiceOrders: { edges: Array<{ node: { taker: { accountSubject: string | null } | null } }> } }>(
      resident,
      '{ myServiceOrders(first: 500) { edges { node { taker { accountSubject } } } } }',
    );
    const takers = served.myServiceOrders.edges.flatMap((e) => (e.node.taker ? [e.node.taker.accountSubject] : []));
    expect(takers.length).toBeGreaterThan(0);
    expect(takers.every((subject) => subject === null)).toBe(true);
    const listed = await world.must<{ serviceTakers: { edges: Array<{ node: { accountSubject: string | null } }> } }>(
      staff,
      'query ($c: ID!) { serviceTakers(regionCode: $c) { edges { node { accountSubject } } } }',
      { c: world.community },
    );
    expect(listed.serviceTakers.edges.map((e) => e.node.accountSubject).sort()).toEqual(['leader-order', 'member-order']);
    // Another resident of the same community sees their own orders only.
    const neighbour = await world.token('RESIDENT', 'neighbour-scope');
    const theirs = await world.must<{ myServiceOrders: { totalCount: number } }>(neighbour, '{ myServiceOrders { totalCount } }');
    expect(theirs.myServiceOrders.totalCount).toBe(0);
  });
});

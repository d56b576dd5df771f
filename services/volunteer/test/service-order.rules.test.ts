import fc from 'fast-check';
import { serviceHolderOf } from '../src/time-bank/time-bank.rules';
import { AVAILABILITY_PERIODS } from '../src/volunteer/volunteer.rules';
import {
  actsAs,
  dueAt,
  isOverdue,
  isOwnOrder,
  orderCreditKey,
  SERVICE_CATEGORIES,
  SERVICE_ORDER_ACTIONS,
  SERVICE_ORDER_LIFECYCLE,
  SERVICE_ORDER_STATES,
  waitingStage,
  type ServiceOrderParty,
} from '../src/service-order/service-order.rules';
import {
  periodOf,
  rankCandidates,
  matchedSkills,
  proximityOf,
  smoothedRating,
  type TakerFacts,
} from '../src/service-order/service-order-matching.rules';

const staff = { subject: 'staff-zhao', roles: ['COMMUNITY_STAFF' as const] };
const resident = { subject: 'resident-wang', roles: ['RESIDENT' as const] };
const taker = { subject: 'leader-li', roles: ['RESIDENT' as const] };
const facts = { ordererSubject: 'resident-wang', takerSubject: 'leader-li' };

describe('the four-order lifecycle (四单制)', () => {
  const allowed: Record<string, [string, ServiceOrderParty]> = {
    DISPATCH: ['PLACED DISPATCHED', 'DISPATCHER'],
    ACCEPT: ['DISPATCHED', 'TAKER'],
    DECLINE: ['DISPATCHED', 'TAKER'],
    COMPLETE: ['ACCEPTED', 'TAKER'],
    RATE: ['DONE', 'ORDERER'],
    CANCEL: ['PLACED DISPATCHED', 'ORDERER'],
  };

  it.each(SERVICE_ORDER_ACTIONS.flatMap((action) => SERVICE_ORDER_STATES.map((state) => [action, state] as const)))(
    '%s from %s: only the right party, only from the right state',
    (action, state) => {
      const [states, party] = allowed[action]!;
      const people = { DISPATCHER: staff, TAKER: taker, ORDERER: resident };
      for (const [name, person] of Object.entries(people)) {
        const problem = SERVICE_ORDER_LIFECYCLE.problem(action, state, (p) => actsAs(person, p, facts));
        if (name !== party) expect(problem?.code).toBe('FORBIDDEN');
        else if (states.split(' ').includes(state)) expect(problem).toBeUndefined();
        else expect(problem?.code).toBe('CONFLICT');
      }
    },
  );

  it('knows the taker by the account subject only, and nobody before dispatch', () => {
    expect(actsAs(staff, 'TAKER', facts)).toBe(false);
    expect(actsAs(taker, 'TAKER', { ...facts, takerSubject: null })).toBe(false);
    expect(actsAs({ subject: 'resident-wang', roles: ['COUNTY_ADMIN'] }, 'ORDERER', facts)).toBe(true);
    expect(SERVICE_ORDER_LIFECYCLE.available('DISPATCHED', (p) => actsAs(taker, p, facts))).toEqual(['ACCEPT', 'DECLINE']);
  });

  it('measures the limits from when the state began, and only while someone is waited on', () => {
    const since = new Date('2026-11-30T00:00:00Z');
    const policy = { dispatchWithinHours: 4, acceptWithinHours: 2 };
    expect(waitingStage('PLACED')).toBe('UNDISPATCHED');
    expect(waitingStage('DISPATCHED')).toBe('UNACCEPTED');
    expect(waitingStage('ACCEPTED')).toBeNull();
    expect(dueAt('PLACED', since, policy)).toEqual(new Date('2026-11-30T04:00:00Z'));
    expect(dueAt('DISPATCHED', since, policy)).toEqual(new Date('2026-11-30T02:00:00Z'));
    expect(dueAt('DONE', since, policy)).toBeNull();
    expect(isOverdue('DISPATCHED', since, policy, new Date('2026-11-30T02:00:00Z'))).toBe(false);
    expect(isOverdue('DISPATCHED', since, policy, new Date('2026-11-30T02:00:00.001Z'))).toBe(true);
    expect(isOverdue('ACCEPTED', since, policy, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('the ranked match (社区派单)', () => {
  const COMMUNITY = '520201001001';
  const GRID = '00000000-0000-4000-8000-000000000201';
  const order = { category: 'REPAIR' as const, regionCode: COMMUNITY, gridId: GRID, period: 'WEEKDAY_EVENING' as const };
  const base: TakerFacts = {
    takerId: 'a',
    regionCode: COMMUNITY,
    gridId: null,
    skills: [],
    availability: [],
    openOrders: 0,
    ratingSum: 0,
    ratingCount: 0,
  };

  it('matches tags containing a word of the category, each tag once', () => {
    expect(matchedSkills('REPAIR', ['水电维修', '家电维修', '理发', '水电维修 '])).toEqual(['水电维修', '家电维修']);
    expect(matchedSkills('OTHER', ['水电维修'])).toEqual([]);
  });

  it('ranks by skill, then nearness, load and ratings, and shows each factor', () => {
    const ranked = rankCandidates(order, [
      { ...base, takerId: 'far-skilled', regionCode: '520201001002', skills: ['水电维修'] },
      { ...base, takerId: 'near-unskilled', gridId: GRID, skills: ['理发'] },
      { ...base, takerId: 'near-skilled-busy', gridId: GRID, skills: ['家电维修'], openOrders: 3 },
      { ...base, takerId: 'near-skilled', gridId: GRID, skills: ['家电维修', '水电'], ratingSum: 9, ratingCount: 2 },
    ]);
    expect(ranked.map((c) => [c.takerId, c.score, c.rank])).toEqual([
      // 40 + 5 (two tags) + 30 (grid) + 0 + round(((9 + 6) / 4 - 3) * 10) = 8
      ['near-skilled', 83, 1],
      // 40 + 10 (same street, another community)
      ['far-skilled', 50, 2],
      // 40 + 30 − 30
      ['near-skilled-busy', 40, 3],
      ['near-unskilled', 30, 4],
    ]);
    expect(ranked[0]!.reasons).toEqual([
      { factor: 'SKILL', points: 45, detail: '家电维修, 水电 match REPAIR' },
      { factor: 'DISTANCE', points: 30, detail: "lives in the order's grid" },
      { factor: 'LOAD', points: 0, detail: 'no open orders' },
      { factor: 'RATING', points: 8, detail: 'average 4.5 over 2 rated orders' },
      { factor: 'AVAILABILITY', points: 0, detail: 'availability not stated' },
    ]);
    expect(ranked[2]!.reasons.find((r) => r.factor === 'LOAD')).toEqual({ factor: 'LOAD', points: -30, detail: '3 open orders' });
  });

  it('adds 10 for a taker who usually serves in the period the order was placed in', () => {
    const [available, elsewhen, unstated] = rankCandidates(order, [
      { ...base, takerId: 'a', availability: ['WEEKEND_DAYTIME', 'WEEKDAY_EVENING'] },
      { ...base, takerId: 'b', availability: ['WEEKEND_DAYTIME'] },
      { ...base, takerId: 'c' },
    ]);
    expect(available!.reasons.at(-1)).toEqual({ factor: 'AVAILABILITY', points: 10, detail: 'usually available WEEKDAY_EVENING' });
    expect(available!.score).toBe(30);
    expect(elsewhen!.reasons.at(-1)).toEqual({
      factor: 'AVAILABILITY',
      points: 0,
      detail: 'not usually available WEEKDAY_EVENING (WEEKEND_DAYTIME)',
    });
    expect([elsewhen!.score, unstated!.score]).toEqual([20, 20]);
  });

  it('reads the period in China time (UTC+8): daytime 06:00–18:00, weekends Saturday and Sunday', () => {
    // 2026-11-30 is a Monday.
    expect(periodOf(new Date('2026-11-29T09:59:00Z'))).toBe('WEEKEND_DAYTIME'); // Sunday 17:59
    expect(periodOf(new Date('2026-11-29T10:00:00Z'))).toBe('WEEKEND_EVENING'); // Sunday 18:00
    expect(periodOf(new Date('2026-11-29T21:59:00Z'))).toBe('WEEKDAY_EVENING'); // Monday 05:59, before the day begins
    expect(periodOf(new Date('2026-11-29T22:00:00Z'))).toBe('WEEKDAY_DAYTIME'); // Monday 06:00
    expect(periodOf(new Date('2026-11-30T09:59:00Z'))).toBe('WEEKDAY_DAYTIME'); // Monday 17:59
    expect(periodOf(new Date('2026-11-30T10:00:00Z'))).toBe('WEEKDAY_EVENING'); // Monday 18:00
    expect(periodOf(new Date('2026-12-05T01:00:00Z'))).toBe('WEEKEND_DAYTIME'); // Saturday 09:00
  });

  it('caps the load penalty and smooths ratings with two 3-star ones', () => {
    const [busy] = rankCandidates(order, [{ ...base, openOrders: 12 }]);
    expect(busy!.reasons.find((r) => r.factor === 'LOAD')!.points).toBe(-50);
    expect(smoothedRating(5, 1)).toBeCloseTo(11 / 3);
    expect(smoothedRating(0, 0)).toBeNull();
    // One early 5 (smoothed 3.67) does not outrank five 4s (3.71): both earn 7 points, and the tie goes by load, then id.
    const [once, steady] = rankCandidates({ ...order, category: 'OTHER' }, [
      { ...base, takerId: 'b-once', ratingSum: 5, ratingCount: 1 },
      { ...base, takerId: 'a-steady', ratingSum: 20, ratingCount: 5 },
    ]);
    expect([once!.takerId, steady!.takerId]).toEqual(['a-steady', 'b-once']);
  });

  it('breaks equal scores by fewer open orders, then by taker id, whatever the input order', () => {
    const takers: TakerFacts[] = [
      { ...base, takerId: 'c', skills: ['维修'] },
      { ...base, takerId: 'a', skills: ['维修'] },
      { ...base, takerId: 'b', skills: ['维修'] },
    ];
    expect(rankCandidates(order, takers).map((c) => c.takerId)).toEqual(['a', 'b', 'c']);
    expect(rankCandidates(order, [...takers].reverse()).map((c) => c.takerId)).toEqual(['a', 'b', 'c']);
    // 40 + 20 − 10 (one open order) = 50 against 40 + 20 − 10 (two 1-star ratings, smoothed 2): fewer open orders first.
    const tie = rankCandidates(order, [
      { ...base, takerId: 'a', skills: ['维修'], openOrders: 1, ratingSum: 0, ratingCount: 0 },
      { ...base, takerId: 'b', skills: ['维修'], openOrders: 0, ratingSum: 2, ratingCount: 2 },
    ]);
    expect(tie.map((c) => [c.takerId, c.score])).toEqual([
      ['b', 50],
      ['a', 50],
    ]);
  });

  it('knows the grid, the community and the street', () => {
    expect(proximityOf(order, { regionCode: COMMUNITY, gridId: GRID })).toBe('SAME_GRID');
    expect(proximityOf({ ...order, gridId: null }, { regionCode: COMMUNITY, gridId: GRID })).toBe('SAME_COMMUNITY');
    expect(proximityOf(order, { regionCode: '520201001', gridId: null })).toBe('SAME_STREET');
    expect(proximityOf(order, { regionCode: '520201002001', gridId: null })).toBe('FARTHER');
  });
});

describe('the ranked match, over random takers (fast-check)', () => {
  const takerArb = fc.record({
    takerId: fc.uuid(),
    regionCode: fc.constantFrom('520201001001', '520201001002', '520201001'),
    gridId: fc.constantFrom(null, 'g1', 'g2'),
    skills: fc.array(fc.constantFrom('水电维修', '助老陪护', '理发', '家电维修', '法律咨询'), { maxLength: 4 }),
    availability: fc.subarray([...AVAILABILITY_PERIODS]),
    openOrders: fc.nat(8),
    ratingSum: fc.nat(50),
    ratingCount: fc.nat(10),
  });
  const orderArb = fc.record({
    category: fc.constantFrom(...SERVICE_CATEGORIES),
    regionCode: fc.constant('520201001001'),
    gridId: fc.constantFrom(null, 'g1'),
    period: fc.constantFrom(...AVAILABILITY_PERIODS),
  });

  it('gives the same list whatever order the takers come in, best score first, ranks 1..n, score = the sum of the reasons', () => {
    fc.assert(
      fc.property(orderArb, fc.uniqueArray(takerArb, { selector: (t) => t.takerId, maxLength: 12 }), (order, takers) => {
        const ranked = rankCandidates(order, takers);
        expect(rankCandidates(order, [...takers].reverse())).toEqual(ranked);
        expect(ranked.map((c) => c.rank)).toEqual(ranked.map((_, i) => i + 1));
        for (const [i, c] of ranked.entries()) {
          expect(c.score).toBe(c.reasons.reduce((sum, r) => sum + r.points, 0));
          if (i > 0) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(c.score);
        }
      }),
    );
  });
});

describe('who serves an order and whose account it credits', () => {
  it('never lets the person who placed an order take it', () => {
    expect(isOwnOrder({ ordererSubject: 'wang-fang' }, { accountSubject: 'wang-fang' })).toBe(true);
    expect(isOwnOrder({ ordererSubject: 'wang-fang' }, { accountSubject: 'chen-guilan' })).toBe(false);
  });

  it('credits one key per order', () => {
    fc.assert(fc.property(fc.uuid(), fc.uuid(), (a, b) => (orderCreditKey(a) === orderCreditKey(b)) === (a === b)));
  });

  it('credits a Party member’s member account, a volunteer’s own, a household leader’s household’s', () => {
    const regionCode = '520201001001';
    expect(serviceHolderOf({ volunteer: { id: 'v1', partyMemberId: 'm1' }, regionCode })).toEqual({
      kind: 'PARTY_MEMBER',
      key: 'm1',
      regionCode,
    });
    expect(serviceHolderOf({ volunteer: { id: 'v1', partyMemberId: null }, householdId: null, regionCode })).toEqual({
      kind: 'VOLUNTEER',
      key: 'v1',
      regionCode,
    });
    expect(serviceHolderOf({ volunteer: null, householdId: 'h1', regionCode })).toEqual({ kind: 'HOUSEHOLD', key: 'h1', regionCode });
  });
});

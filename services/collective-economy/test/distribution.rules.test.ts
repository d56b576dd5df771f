import fc from 'fast-check';
import {
  allocateLargestRemainder,
  communityShareOf,
  DEFAULT_COMMUNITY_SHARE_BP,
  planDistribution,
  type Holding,
} from '../src/distribution/distribution.rules';

const holdingsArbitrary = fc
  .uniqueArray(fc.record({ shareholderId: fc.uuid(), shares: fc.bigInt({ min: 1n, max: 1_000_000n }) }), {
    minLength: 1,
    maxLength: 40,
    selector: (h) => h.shareholderId,
  })
  .map((hs) => hs as Holding[]);
const totalArbitrary = fc.bigInt({ min: 0n, max: 999_999_999_999n });

describe('annual distribution arithmetic', () => {
  it('gives parts that sum exactly to the whole, none a fen or more from its exact share (generated cases)', () => {
    fc.assert(
      fc.property(totalArbitrary, holdingsArbitrary, (total, holdings) => {
        const parts = allocateLargestRemainder(total, holdings);
        const totalShares = holdings.reduce((s, h) => s + h.shares, 0n);
        expect(parts.reduce((s, p) => s + p.amountFen, 0n)).toBe(total);
        for (const part of parts) {
          // |part − total·shares/totalShares| < 1 fen, in integers: |part·totalShares − total·shares| < totalShares.
          const difference = part.amountFen * totalShares - total * part.shares;
          expect(difference < totalShares && -difference < totalShares).toBe(true);
          expect(part.amountFen >= 0n).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the order the register is read in changes nothing (generated cases)', () => {
    fc.assert(
      fc.property(totalArbitrary, holdingsArbitrary, fc.nat(), (total, holdings, seed) => {
        const shuffled = [...holdings].sort(
          (a, b) => (a.shareholderId.charCodeAt(seed % 36) || 0) - (b.shareholderId.charCodeAt(seed % 36) || 0),
        );
        const byId = (parts: Array<{ shareholderId: string; amountFen: bigint }>) =>
          new Map(parts.map((p) => [p.shareholderId, p.amountFen]));
        expect(byId(allocateLargestRemainder(total, shuffled))).toEqual(byId(allocateLargestRemainder(total, holdings)));
        expect(allocateLargestRemainder(total, holdings).map((p) => p.shareholderId)).toEqual(holdings.map((h) => h.shareholderId));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks ties by more shares first, then by the smaller shareholder id', () => {
    // 1 fen over three equal holders: all remainders are equal, so the smallest id gets it.
    expect(
      allocateLargestRemainder(1n, [
        { shareholderId: 'c', shares: 1n },
        { shareholderId: 'a', shares: 1n },
        { shareholderId: 'b', shares: 1n },
      ]).map((p) => [p.shareholderId, p.amountFen]),
    ).toEqual([
      ['c', 0n],
      ['a', 1n],
      ['b', 0n],
    ]);
    // 100 fen over 3 shares: 33.33 each, one fen left; equal remainders, so the first id gets it.
    expect(
      allocateLargestRemainder(100n, [
        { shareholderId: 'x', shares: 1n },
        { shareholderId: 'w', shares: 1n },
        { shareholderId: 'y', shares: 1n },
      ]).map((p) => p.amountFen),
    ).toEqual([33n, 34n, 33n]);
    // Remainders 2/5 and 2/5 with shares 2 and… equal remainder, more shares wins.
    const parts = allocateLargestRemainder(1n, [
      { shareholderId: 'a', shares: 1n },
      { shareholderId: 'b', shares: 1n },
      { shareholderId: 'z', shares: 2n },
    ]);
    // 1 fen·1/4 = 0 r1, 1·1/4 = 0 r1, 1·2/4 = 0 r2: the largest remainder (z) gets it.
    expect(parts.map((p) => p.amountFen)).toEqual([0n, 0n, 1n]);
  });

  it('takes 20% for the community by default, half a fen up, and nothing in a loss year', () => {
    expect(communityShareOf(10_000_00n, DEFAULT_COMMUNITY_SHARE_BP)).toBe(2_000_00n);
    expect(communityShareOf(3n, DEFAULT_COMMUNITY_SHARE_BP)).toBe(1n); // 0.6 fen → 1
    expect(communityShareOf(2n, DEFAULT_COMMUNITY_SHARE_BP)).toBe(0n); // 0.4 fen → 0
    expect(communityShareOf(-500n, DEFAULT_COMMUNITY_SHARE_BP)).toBe(0n);
    const loss = planDistribution(100n, 250n, DEFAULT_COMMUNITY_SHARE_BP, [{ shareholderId: 'a', shares: 1n }]);
    expect(loss).toEqual({ netIncomeFen: -150n, communityShareFen: 0n, shareholdersFen: 0n, allocations: [], nothingToDistribute: true });
  });

  it('plans a year whose parts and community share add up to the net income (generated cases)', () => {
    fc.assert(
      fc.property(
        totalArbitrary,
        totalArbitrary,
        fc.bigInt({ min: 0n, max: 10_000n }),
        holdingsArbitrary,
        (income, expense, rate, holdings) => {
          const plan = planDistribution(income, expense, rate, holdings);
          if (plan.nothingToDistribute) return;
          const paid = plan.allocations.reduce((s, a) => s + a.amountFen, 0n);
          expect(paid).toBe(plan.shareholdersFen);
          expect(paid + plan.communityShareFen).toBe(plan.netIncomeFen);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to divide among duplicated or empty holdings', () => {
    expect(() =>
      allocateLargestRemainder(1n, [
        { shareholderId: 'a', shares: 1n },
        { shareholderId: 'a', shares: 2n },
      ]),
    ).toThrow(/once/);
    expect(() => allocateLargestRemainder(1n, [{ shareholderId: 'a', shares: 0n }])).toThrow(/share/);
    expect(() => allocateLargestRemainder(-1n, [{ shareholderId: 'a', shares: 1n }])).toThrow(/non-negative/);
  });
});

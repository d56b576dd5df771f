/**
 * The arithmetic of the annual distribution (年度分红), pure and in bigint fen only.
 *
 * Net income = income − expense. The community collective's share is a rate in basis points
 * (2000 = 20%, Tianzhu's) of a positive net income, rounded to the nearest fen, half a fen up.
 * The rest is divided among the shareholders pro rata to the shares they hold at the record date by
 * the largest-remainder method: everyone first gets the exact share rounded down to the fen; the
 * fen left over (fewer than the number of shareholders) go one each to the largest remainders.
 * Tie-break, stated and deterministic: among equal remainders, more shares first, then the smaller
 * shareholder id (text order). So the parts always add up exactly to the whole, nobody is a fen or
 * more from their exact share, and the result does not depend on the order the register is read in.
 */

/** Basis points in a whole: 10,000 bp = 100%. */
export const BASIS_POINTS = 10_000n;

/** Tianzhu's rule: 20% of net income to the community collective, unless the organisation sets another rate. */
export const DEFAULT_COMMUNITY_SHARE_BP = 2_000n;

/** One shareholder's holding at the record date. */
export interface Holding {
  shareholderId: string;
  shares: bigint;
}

/** One shareholder's part of the amount divided. */
export interface Allocation extends Holding {
  amountFen: bigint;
}

/** The community collective's share of a net income (zero for a loss or break-even year), half a fen up. */
export function communityShareOf(netIncomeFen: bigint, rateBp: bigint): bigint {
  if (netIncomeFen <= 0n) return 0n;
  return (netIncomeFen * rateBp * 2n + BASIS_POINTS) / (BASIS_POINTS * 2n);
}

/** Divides `totalFen` pro rata to shares by the largest-remainder method (see the file's comment for the tie-break). */
export function allocateLargestRemainder(totalFen: bigint, holdings: readonly Holding[]): Allocation[] {
  if (totalFen < 0n) throw new RangeError('Only a non-negative amount is divided');
  const ids = new Set(holdings.map((h) => h.shareholderId));
  if (ids.size !== holdings.length) throw new RangeError('A shareholder appears once in a register');
  if (holdings.some((h) => h.shares <= 0n)) throw new RangeError('Every holding has at least one share');
  const totalShares = holdings.reduce((sum, h) => sum + h.shares, 0n);
  if (totalShares === 0n) {
    if (totalFen > 0n) throw new RangeError('An amount cannot be divided among no shares');
    return [];
  }
  const exact = holdings.map((h) => ({
    ...h,
    amountFen: (totalFen * h.shares) / totalShares,
    remainder: (totalFen * h.shares) % totalShares,
  }));
  let leftover = totalFen - exact.reduce((sum, e) => sum + e.amountFen, 0n);
  const order = [...exact].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.shares !== b.shares) return a.shares > b.shares ? -1 : 1;
    return a.shareholderId < b.shareholderId ? -1 : a.shareholderId > b.shareholderId ? 1 : 0;
  });
  for (const entry of order) {
    if (leftover === 0n) break;
    entry.amountFen += 1n;
    leftover -= 1n;
  }
  return exact.map(({ shareholderId, shares, amountFen }) => ({ shareholderId, shares, amountFen }));
}

/** The whole plan of a year: what is divided, the community's share and each shareholder's part. */
export interface DistributionPlan {
  netIncomeFen: bigint;
  communityShareFen: bigint;
  shareholdersFen: bigint;
  allocations: Allocation[];
  /** A loss or break-even year distributes nothing, and says so. */
  nothingToDistribute: boolean;
}

export function planDistribution(incomeFen: bigint, expenseFen: bigint, rateBp: bigint, holdings: readonly Holding[]): DistributionPlan {
  const netIncomeFen = incomeFen - expenseFen;
  if (netIncomeFen <= 0n) {
    return { netIncomeFen, communityShareFen: 0n, shareholdersFen: 0n, allocations: [], nothingToDistribute: true };
  }
  const communityShareFen = communityShareOf(netIncomeFen, rateBp);
  // With no shareholder on the register, all of it stays with the community collective.
  const shareholdersFen = holdings.length === 0 ? 0n : netIncomeFen - communityShareFen;
  return {
    netIncomeFen,
    communityShareFen: holdings.length === 0 ? netIncomeFen : communityShareFen,
    shareholdersFen,
    allocations: allocateLargestRemainder(shareholdersFen, holdings),
    nothingToDistribute: false,
  };
}

/** The pure rules of shareholdings, in bigint (shares and fen). */

/** The capital that moves with `moved` of `held` shares: the same fraction, rounded down to the fen (the rest stays). */
export function capitalMoved(capitalFen: bigint, held: bigint, moved: bigint): bigint {
  if (moved === held) return capitalFen;
  return (capitalFen * moved) / held;
}

/** Why a transfer is refused, or undefined. */
export function transferProblem(held: bigint, moved: bigint, sameHolder: boolean): string | undefined {
  if (sameHolder) return 'shares are transferred to another shareholder';
  if (moved > held) return `the shareholder holds ${held} shares on that day, fewer than ${moved}`;
  return undefined;
}

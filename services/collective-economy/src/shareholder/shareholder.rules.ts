import { coversRegion, hasRole, STAFF, type Identity } from '@gg/shared';

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

// ─── Who sees which shareholder ───────────────────────────────────────────────

/** What is known of a shareholder record when deciding who sees it. */
export interface ShareholderPlace {
  regionCode: string;
  accountSubject: string | null;
}

/**
 * Staff see the shareholders of their scope (the register is their work); anyone else, a resident
 * above all, sees only the records linked to their own account (their token's subject): another
 * shareholder is not found for them, exactly as a record that does not exist.
 */
export function seesShareholder(identity: Identity, shareholder: ShareholderPlace): boolean {
  if (!coversRegion(identity, shareholder.regionCode)) return false;
  if (hasRole(identity, ...STAFF)) return true;
  return ownsShareholder(identity, shareholder);
}

/** True when the record is linked to the caller's own account. */
export function ownsShareholder(identity: Identity, shareholder: ShareholderPlace): boolean {
  return shareholder.accountSubject !== null && shareholder.accountSubject === identity.subject;
}

/**
 * True when the caller may see a shareholder's personal information whole (PIPL minimum necessary):
 * the community staff of its community, who keep the register and pay the dividends, and the
 * shareholder themselves. Administrators above the community see masked values only.
 */
export function mayRevealShareholder(identity: Identity, shareholder: ShareholderPlace): boolean {
  if (!coversRegion(identity, shareholder.regionCode)) return false;
  return hasRole(identity, 'COMMUNITY_STAFF') || ownsShareholder(identity, shareholder);
}

/** Shares and capital held at the end of a day, from the movements (bigint, as the register sums them). */
export function holdingOn(movements: ReadonlyArray<{ effectiveOn: string; shares: bigint; capitalFen: bigint }>, day: string) {
  return movements
    .filter((m) => m.effectiveOn <= day)
    .reduce((sum, m) => ({ shares: sum.shares + m.shares, capitalFen: sum.capitalFen + m.capitalFen }), { shares: 0n, capitalFen: 0n });
}

/**
 * Why a share movement dated `day` is refused once a distribution's record date has passed, or
 * undefined: the register of a drafted distribution's record date is what it divided, so no issue or
 * transfer may be dated on or before the latest record date (it would change a register already paid on).
 */
export function frozenRegisterProblem(day: string, latestRecordDate: string | null): string | undefined {
  if (latestRecordDate === null || day > latestRecordDate) return undefined;
  return `the register of ${latestRecordDate} was distributed (its record date): a movement is dated after it`;
}

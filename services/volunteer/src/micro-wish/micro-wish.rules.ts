import { ADMIN_ROLES, coversRegion, defineCountySetting, defineStateMachine, hasRole, type Identity, type Transition } from '@gg/shared';
import { z } from 'zod';

/** A wish's life: on the wall (心愿墙) → claimed (认领) → fulfilled (圆梦) → confirmed by the wisher; a lapsed claim returns it to the wall. */
export const WISH_STATUSES = ['ON_WALL', 'CLAIMED', 'FULFILLED', 'CONFIRMED'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_ACTIONS = ['CLAIM', 'RELEASE_CLAIM', 'EXPIRE_CLAIM', 'FULFIL', 'CONFIRM'] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

/** Who claims: a Party member or volunteer for themselves; an agency (机关单位) or a merchant, recorded by staff. */
export const CLAIMANT_KINDS = ['PARTY_MEMBER', 'VOLUNTEER', 'AGENCY', 'MERCHANT'] as const;
export type ClaimantKind = (typeof CLAIMANT_KINDS)[number];

/** Organisations are named on the claim; a person claiming is the caller (no personal name is stored). */
export function claimantIsOrganisation(kind: ClaimantKind): boolean {
  return kind === 'AGENCY' || kind === 'MERCHANT';
}

/**
 * Who takes each step:
 * - CLAIMER: anyone who may claim (the role check says who); one claimant at a time;
 * - CLAIMANT: who claimed it, or an administrator of the region acting for an agency or merchant;
 * - WISHER: who posted it (the resident, or the household leader who posted for them), alone;
 * - SYSTEM: the claim-expiry job.
 */
export type WishParty = 'CLAIMER' | 'CLAIMANT' | 'WISHER' | 'SYSTEM';

export const WISH_LIFECYCLE = defineStateMachine({
  subject: 'wish',
  states: WISH_STATUSES,
  transitions: {
    CLAIM: { from: ['ON_WALL'], to: 'CLAIMED', by: 'CLAIMER' },
    // A claimant who cannot fulfil it gives it back at once rather than holding it until it lapses.
    RELEASE_CLAIM: { from: ['CLAIMED'], to: 'ON_WALL', by: 'CLAIMANT', pastTense: 'given back' },
    EXPIRE_CLAIM: { from: ['CLAIMED'], to: 'ON_WALL', by: 'SYSTEM', pastTense: 'returned to the wall for a lapsed claim' },
    FULFIL: { from: ['CLAIMED'], to: 'FULFILLED', by: 'CLAIMANT' },
    CONFIRM: { from: ['FULFILLED'], to: 'CONFIRMED', by: 'WISHER' },
  } satisfies Record<WishAction, Transition<WishStatus, WishParty>>,
  parties: {
    CLAIMER: 'a Party member, a volunteer, or staff recording an agency or merchant',
    CLAIMANT: 'the claimant of the wish or an administrator of its region',
    WISHER: 'the wisher (who posted the wish)',
    SYSTEM: 'the claim-expiry job',
  },
});

/** What the rules need of a wish. */
export interface WishParties {
  regionCode: string;
  posterSubject: string;
  claimantSubject: string | null;
}

/** Whether a person is the given party of a wish (SYSTEM is never a person). */
export function personIs(identity: Identity, party: WishParty, wish: WishParties): boolean {
  const admin = hasRole(identity, ...ADMIN_ROLES) && coversRegion(identity, wish.regionCode);
  switch (party) {
    case 'CLAIMER':
      return true;
    case 'CLAIMANT':
      return admin || (wish.claimantSubject !== null && wish.claimantSubject === identity.subject);
    case 'WISHER':
      return identity.subject === wish.posterSubject;
    case 'SYSTEM':
      return false;
  }
}

/**
 * Whether a person would claim their own wish (as a Party member or volunteer): refused, so a wish is
 * always fulfilled by someone else and confirmed by its wisher. Staff recording an agency's or
 * merchant's claim on a wish they posted for a resident are not claiming it themselves.
 */
export function claimsOwnWish(identity: Pick<Identity, 'subject'>, kind: ClaimantKind, wish: Pick<WishParties, 'posterSubject'>): boolean {
  return !claimantIsOrganisation(kind) && identity.subject === wish.posterSubject;
}

/** How long a claim stands before the wish returns to the wall, per county (7 days unless set). */
export const wishClaimPolicy = defineCountySetting({
  key: 'wishClaim',
  schema: z.object({ claimDays: z.number().int().min(1).max(90) }),
  defaults: { claimDays: 7 },
});

/** When a claim made at `claimedAt` lapses. */
export function claimExpiry(claimedAt: Date, claimDays: number): Date {
  return new Date(claimedAt.getTime() + claimDays * 24 * 3600 * 1000);
}

import { defineCountySetting } from '@gg/shared';
import { z } from 'zod';

/**
 * Whose account it is: a Party member's, a registered volunteer's, a household leader's (联户长, held
 * by their household: the household is what this service knows of them), or the community's own
 * (from which hours are issued).
 */
export const TIME_BANK_HOLDER_KINDS = ['PARTY_MEMBER', 'VOLUNTEER', 'HOUSEHOLD', 'COMMUNITY'] as const;
export type TimeBankHolderKind = (typeof TIME_BANK_HOLDER_KINDS)[number];

/** CREDIT: confirmed service hours; DEBIT: hours spent on a service received; REVERSAL: undoes one of them. */
export const TIME_BANK_TRANSFER_KINDS = ['CREDIT', 'DEBIT', 'REVERSAL'] as const;
export type TimeBankTransferKind = (typeof TIME_BANK_TRANSFER_KINDS)[number];

/** One day of service at most per posting: a larger figure is a typing error, not a credit. */
export const MAX_TRANSFER_MINUTES = 24 * 60;

/**
 * The county's time-bank rule: the lowest balance a member's account may reach. Zero by default
 * (balances never go negative); a county may allow a small overdraft, never more than 100 hours.
 */
export const timeBankPolicy = defineCountySetting({
  key: 'timeBank',
  schema: z.object({ minimumBalanceMinutes: z.number().int().min(-6000).max(0) }),
  defaults: { minimumBalanceMinutes: 0 },
});

/** Who is credited: a Party member (their member account), a registered volunteer or a household leader (their own). */
export interface ServiceHolder {
  kind: 'PARTY_MEMBER' | 'VOLUNTEER' | 'HOUSEHOLD';
  key: string;
  regionCode: string;
}

/**
 * Whose account a person's service goes to: a volunteer's is their member account when they are a
 * Party member reporting in (one account per member, however they serve), else their volunteer
 * record's; a household leader's is their household's.
 */
export function serviceHolderOf(person: {
  volunteer?: { id: string; partyMemberId: string | null } | null;
  householdId?: string | null;
  regionCode: string;
}): ServiceHolder {
  const { volunteer, householdId, regionCode } = person;
  if (volunteer)
    return volunteer.partyMemberId
      ? { kind: 'PARTY_MEMBER', key: volunteer.partyMemberId, regionCode }
      : { kind: 'VOLUNTEER', key: volunteer.id, regionCode };
  if (!householdId) throw new Error('A service holder is a volunteer or a household');
  return { kind: 'HOUSEHOLD', key: householdId, regionCode };
}

/** One side of a transfer: minutes added to (positive) or taken from (negative) an account. */
export interface Posting {
  accountId: string;
  minutes: number;
}

/** The two postings that move `minutes` from one account to another; they sum to zero. */
export function transferPostings(from: string, to: string, minutes: number): Posting[] {
  return [
    { accountId: from, minutes: -minutes },
    { accountId: to, minutes },
  ];
}

/** A reversal is the same postings with the signs turned: together they leave every balance as before. */
export function reversalPostings(postings: readonly Posting[]): Posting[] {
  return postings.map((p) => ({ accountId: p.accountId, minutes: -p.minutes }));
}

/** The net change per account of a set of postings. */
export function netChangeByAccount(postings: readonly Posting[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const p of postings) net.set(p.accountId, (net.get(p.accountId) ?? 0) + p.minutes);
  return net;
}

/**
 * Whether a change would leave a bounded account below its minimum. Only lowering changes are
 * refused: a credit to an account already below (after the county raised its minimum) is allowed.
 */
export function breachesMinimum(balance: number, change: number, minimum: number): boolean {
  return change < 0 && balance + change < minimum;
}

/** Only members' accounts are bounded: a community account goes negative by the hours it has issued. */
export function isBounded(holderKind: TimeBankHolderKind): boolean {
  return holderKind !== 'COMMUNITY';
}

import type { CommandContext } from '@gg/shared';
import type { LedgerEntry } from './ledger.entity';

/**
 * A check another aggregate makes before an entry is reversed: an entry that records one of its
 * records (a rent charge, a rent payment, a posted distribution) is not reversed by hand, or the
 * books and the record would disagree (a charge still outstanding whose receivable was reversed).
 * Aggregates register theirs from their module, so the ledger folder imports none of them.
 * Answers why the entry stands, or undefined.
 */
export type ReversalGuard = (ctx: CommandContext, entry: LedgerEntry) => Promise<string | undefined>;

const guards = new Set<ReversalGuard>();

/** Registers a reversal guard (once: registering the same function again changes nothing). */
export function guardReversal(guard: ReversalGuard): void {
  guards.add(guard);
}

/** Why a registered guard refuses reversing the entry, if one does. */
export async function reversalProblem(ctx: CommandContext, entry: LedgerEntry): Promise<string | undefined> {
  for (const guard of guards) {
    const problem = await guard(ctx, entry);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * A check another aggregate makes before a period of an organisation's books is closed: something
 * that must be posted into it first (the rent of a month a lease covers, not raised yet), or it
 * could never be posted. Answers why the period stays open, or undefined.
 */
export type CloseGuard = (ctx: CommandContext, organisationId: string, period: string) => Promise<string | undefined>;

const closeGuards = new Set<CloseGuard>();

/** Registers a close guard (once). */
export function guardClose(guard: CloseGuard): void {
  closeGuards.add(guard);
}

/** Why a registered guard keeps the period open, if one does. */
export async function closeGuardProblem(ctx: CommandContext, organisationId: string, period: string): Promise<string | undefined> {
  for (const guard of closeGuards) {
    const problem = await guard(ctx, organisationId, period);
    if (problem) return problem;
  }
  return undefined;
}

import type { CommandContext } from '@gg/shared';
import type { Capital } from './capital.entity';

/** Why a capital may not be disposed of on a day: the input field to name and the reason. */
export interface DisposalProblem {
  field: string;
  message: string;
}

/**
 * A check another aggregate makes before a capital is disposed of (a running lease, for one), run in
 * the disposal's transaction with the capital row locked. Aggregates that hold on to capitals
 * register theirs from their module, so the capital folder needs no import of them (no folder cycle).
 */
export type DisposalGuard = (ctx: CommandContext, capital: Capital, disposedOn: string) => Promise<DisposalProblem | undefined>;

const guards = new Set<DisposalGuard>();

/** Registers a disposal guard (once: registering the same function again changes nothing). */
export function guardDisposal(guard: DisposalGuard): void {
  guards.add(guard);
}

/** The first problem a registered guard finds with disposing of the capital on the day, if any. */
export async function disposalProblem(ctx: CommandContext, capital: Capital, disposedOn: string): Promise<DisposalProblem | undefined> {
  for (const guard of guards) {
    const problem = await guard(ctx, capital, disposedOn);
    if (problem) return problem;
  }
  return undefined;
}

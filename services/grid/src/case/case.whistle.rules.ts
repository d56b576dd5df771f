import type { Role } from '@gg/shared';
import { isOpen, type CaseState, type Problem } from './case.rules';

// The pure rules of whistles (吹哨报到) on a case: who blows them, on which cases, and where each stands.
// Apart from case.rules so that the case lifecycle reads on its own.

/** Street and community staff blow the whistle (by the whistle list's types); county and city administrators may too. */
export const WHISTLE_ROLES: readonly Role[] = ['STREET_STAFF', 'COMMUNITY_STAFF', 'COUNTY_ADMIN', 'CITY_ADMIN'];

/** A whistle is blown on a case still being handled (who may blow which type: `blowProblem` of the whistle list). */
export function whistleProblem(state: CaseState): Problem | undefined {
  if (!isOpen(state.status))
    return { code: 'CONFLICT', message: `A ${state.status} case is no longer handled; no whistle can be blown on it` };
  return undefined;
}

/**
 * Where a whistle stands (吹哨 → 报到), from its times alone:
 * - ANSWERED: answered (in time or late: `answeredAt` against `answerBy`);
 * - WITHDRAWN: its case stopped being handled (resolved, closed or rejected) while it was unanswered,
 *   at or before its limit: withdrawn with the case, never overdue, never flagged, not to be answered;
 * - OVERDUE: unanswered past its limit while its case was still handled; it stays overdue (a missed
 *   answer) when the case ends later, though it can no longer be answered then;
 * - WAITING: unanswered, its limit not reached.
 * A reopened case's withdrawn whistles wait again (`withdrawnAt` cleared, the time they had left kept).
 */
export const WHISTLE_STATUSES = ['WAITING', 'OVERDUE', 'ANSWERED', 'WITHDRAWN'] as const;
export type WhistleStatus = (typeof WHISTLE_STATUSES)[number];

export interface WhistleTimes {
  answerBy: Date;
  answeredAt: Date | null;
  withdrawnAt: Date | null;
}

/** True when a whistle was withdrawn with its case at or before its limit (see `WHISTLE_STATUSES`). */
export function withdrawnInTime(whistle: WhistleTimes): boolean {
  return whistle.withdrawnAt !== null && whistle.withdrawnAt.getTime() <= whistle.answerBy.getTime();
}

/** The status of a whistle at `now` (see `WHISTLE_STATUSES`). */
export function whistleStatus(whistle: WhistleTimes, now: Date): WhistleStatus {
  if (whistle.answeredAt) return 'ANSWERED';
  if (withdrawnInTime(whistle)) return 'WITHDRAWN';
  return whistle.answerBy.getTime() < now.getTime() ? 'OVERDUE' : 'WAITING';
}

/** Why a whistle cannot be answered now (CONFLICT), or undefined: answered already, or withdrawn with its case. */
export function answerStateProblem(whistle: WhistleTimes): Problem | undefined {
  if (whistle.answeredAt) return { code: 'CONFLICT', message: 'This whistle has already been answered' };
  if (whistle.withdrawnAt)
    return {
      code: 'CONFLICT',
      message: 'The case of this whistle is no longer handled (resolved, closed or rejected): it was withdrawn with it',
    };
  return undefined;
}

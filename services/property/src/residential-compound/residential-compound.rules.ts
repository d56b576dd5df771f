/**
 * Pure rules of residential compounds: management modes, which of them need a company, the history
 * of who managed a compound when, and the shape of an owners' committee.
 */

/** How a compound is managed (Liupanshui: 114 professional companies, 12 owner self-managed, 58 community/SOE). */
export const MANAGEMENT_MODES = ['PROFESSIONAL', 'COMMUNITY_MANAGED', 'OWNER_SELF_MANAGED', 'STATE_OWNED_FALLBACK'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];

export const OWNERS_COMMITTEE_ROLES = ['DIRECTOR', 'DEPUTY_DIRECTOR', 'MEMBER'] as const;
export type OwnersCommitteeRole = (typeof OWNERS_COMMITTEE_ROLES)[number];

/** An owners' committee has 3 to 21 members (local rules ask for 5–11 in most places; the bounds hold every county's). */
export const OWNERS_COMMITTEE_SIZE = { min: 3, max: 21 } as const;

/** An owners' committee's term is at most five years (业主委员会每届任期不超过五年). */
export const MAX_TERM_YEARS = 5;

/** Why a management's company does not fit its mode (a company exactly when PROFESSIONAL), or undefined. */
export function managementCompanyProblem(mode: ManagementMode, companyId: string | null | undefined): string | undefined {
  if (mode === 'PROFESSIONAL' && !companyId) return 'a professionally managed compound names its property company';
  if (mode !== 'PROFESSIONAL' && companyId) return `a compound managed ${mode} has no property company: leave companyId out`;
  return undefined;
}

/** Why a new management cannot begin on `since`, given when the current one began, or undefined. */
export function managementStartProblem(since: string, currentSince: string): string | undefined {
  // YYYY-MM-DD: string order is date order. The same day is allowed (a same-day correction stays in the history).
  if (since < currentSince) return `a new management cannot begin (${since}) before the current one began (${currentSince})`;
  return undefined;
}

/** One period of management, as the history keeps it. */
export interface ManagementSpan {
  managementMode: ManagementMode;
  companyId: string | null;
  since: string;
  until: string | null;
}

/**
 * Who managed the compound on a day: the latest period begun on or before it and not ended by it.
 * Periods are in the order they were recorded; undefined before the first one.
 */
export function managementOn<T extends ManagementSpan>(periods: readonly T[], day: string): T | undefined {
  let found: T | undefined;
  for (const period of periods) if (period.since <= day && (period.until === null || period.until > day)) found = period;
  return found;
}

/** Why a committee's term is impossible: its end not after its start, or longer than MAX_TERM_YEARS; else undefined. */
export function committeeTermProblem(termStart: string, termEnd: string): string | undefined {
  if (termEnd <= termStart) return `a term ends (${termEnd}) after it starts (${termStart})`;
  const limit = `${Number(termStart.slice(0, 4)) + MAX_TERM_YEARS}${termStart.slice(4)}`;
  if (termEnd > limit) return `an owners' committee's term is at most ${MAX_TERM_YEARS} years: ${termStart} to ${termEnd} is longer`;
  return undefined;
}

/** Why the members' roles do not make a committee (exactly one director), or undefined. */
export function committeeRolesProblem(roles: readonly OwnersCommitteeRole[]): string | undefined {
  const directors = roles.filter((role) => role === 'DIRECTOR').length;
  if (directors !== 1) return `an owners' committee has exactly one DIRECTOR, not ${directors}`;
  return undefined;
}

import type { Role } from '@gg/shared';
import { actsAs, isOpen, nextLevel, type CaseActor, type CaseState, type HandlingLevel, type Problem } from './case.rules';

// ─── Escalation: who may move a case up to each level ─────────────────────────

/**
 * Escalation above a level needs the role of the level the case goes to (or of one above it): a
 * gridworker takes a unit's matter into the grid, community staff take a case to the community,
 * street staff to the street and on to the departments. County and city administrators supervise
 * every level. The deadline job escalates on its own (see `escalationProblem`).
 */
export const ESCALATION_ROLES: Record<Exclude<HandlingLevel, 'UNIT'>, readonly Role[]> = {
  GRID: ['GRIDWORKER', 'COMMUNITY_STAFF', 'STREET_STAFF', 'COUNTY_ADMIN', 'CITY_ADMIN'],
  COMMUNITY: ['COMMUNITY_STAFF', 'STREET_STAFF', 'COUNTY_ADMIN', 'CITY_ADMIN'],
  STREET: ['STREET_STAFF', 'COUNTY_ADMIN', 'CITY_ADMIN'],
  DEPARTMENT: ['STREET_STAFF', 'COUNTY_ADMIN', 'CITY_ADMIN'],
};

const LEVEL_WORDS: Record<Exclude<HandlingLevel, 'UNIT'>, string> = {
  GRID: 'the grid (its gridworker or staff above)',
  COMMUNITY: 'the community (community staff or above)',
  STREET: 'the street (street staff, county or city administrators)',
  DEPARTMENT: 'the departments (street staff, county or city administrators)',
};

/**
 * Why a case cannot be escalated now, or undefined: the actor handles the case (or is the deadline
 * job), the case is still open and below the top, and a person holds a role of the level it goes to.
 */
export function escalationProblem(state: CaseState, actor: CaseActor): Problem | undefined {
  if (!actsAs(actor, 'HANDLER', state) && !actsAs(actor, 'SYSTEM', state)) {
    return {
      code: 'FORBIDDEN',
      message:
        'Only staff handling the case (an administrator of its region, or the gridworker of its grid) or the deadline job may escalate it',
    };
  }
  if (!isOpen(state.status)) return { code: 'CONFLICT', message: `A ${state.status} case is no longer handled; it cannot be escalated` };
  const to = nextLevel(state.handlingLevel);
  if (!to || to === 'UNIT') return { code: 'CONFLICT', message: 'The case is already with the departments, the top level' };
  if (actor.kind === 'PERSON' && !actor.roles.some((role) => ESCALATION_ROLES[to].includes(role)))
    return { code: 'FORBIDDEN', message: `Only the people of ${LEVEL_WORDS[to]} may escalate a case from ${state.handlingLevel} to ${to}` };
  return undefined;
}

// ─── Assignment: who may be given a case ──────────────────────────────────────

/** What is known of a proposed assignee when a case is assigned. */
export interface AssigneeFacts {
  /** The subject named as the assignee. */
  subject: string;
  /** True when a serving appointment of the case's grid carries this account subject. */
  servesCaseGrid: boolean;
  /** The dispatcher assigning the case. */
  dispatcher: { subject: string; roles: readonly Role[]; coversCaseCommunity: boolean };
}

/**
 * Why a subject cannot be given a case, or undefined. An assignee is a person who can act on it:
 * grid staff serving its grid (their appointment names their account), or community staff of its
 * community. The graph keeps no list of community staff (they are known by their tokens only), so
 * the community staff member it can vouch for is the dispatcher, taking the case on themselves.
 */
export function assigneeProblem(facts: AssigneeFacts): string | undefined {
  if (facts.servesCaseGrid) return undefined;
  const { dispatcher } = facts;
  if (dispatcher.subject === facts.subject && dispatcher.roles.includes('COMMUNITY_STAFF') && dispatcher.coversCaseCommunity)
    return undefined;
  return `${facts.subject} cannot act on this case: an assignee is grid staff serving its grid (an appointment with this account) or community staff of its community taking it on themselves`;
}

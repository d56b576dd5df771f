import { ADMIN_ROLES, defineStateMachine, STAFF, type Identity, type Problem, type Role, type Transition } from '@gg/shared';

export type { Problem };

// ─── Vocabulary ───────────────────────────────────────────────────────────────

/** The life of a case: 上报 → 受理 → 派单 → 办理 → 办结 → 评单关闭, or 驳回, or 重启 by the reporter. */
export const CASE_STATUSES = ['REPORTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED', 'REOPENED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which a case is still being handled: it has a running deadline and may be escalated. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['REPORTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'];
/** Statuses that count as handled (办结) in the published figures. */
export const HANDLED_STATUSES: readonly CaseStatus[] = ['RESOLVED', 'CLOSED'];

/** Sansui's classes (小事、大事、难事) and Tianzhu's urgent one (急事). */
export const SEVERITY_CLASSES = ['SMALL', 'BIG', 'HARD', 'URGENT'] as const;
export type SeverityClass = (typeof SEVERITY_CLASSES)[number];

/** Where a case is handled, bottom up: 联户 → 网格 → 社区 → 街道 → 部门. */
export const HANDLING_LEVELS = ['UNIT', 'GRID', 'COMMUNITY', 'STREET', 'DEPARTMENT'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

export const CASE_CHANNELS = ['VISIT', 'MINI_PROGRAM', 'HOTLINE', 'HOUSEHOLD_LEADER'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const REPORTER_KINDS = ['RESIDENT', 'GRIDWORKER', 'HOUSEHOLD_LEADER'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

/** Status changes driven by people (and AUTO_CLOSE by the deadline job). */
export const TRANSITION_ACTIONS = ['ACCEPT', 'REJECT', 'ASSIGN', 'START', 'RESOLVE', 'RATE', 'REOPEN', 'AUTO_CLOSE'] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** Everything that can appear in a case's history. */
export const CASE_ACTIONS = ['REPORT', ...TRANSITION_ACTIONS, 'ESCALATE', 'WHISTLE', 'ANSWER_WHISTLE'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

// ─── Who acts ─────────────────────────────────────────────────────────────────

/** A person (their token) or the deadline job. */
export type CaseActor =
  | { kind: 'PERSON'; subject: string; roles: readonly Role[]; gridIds: readonly string[]; departmentId?: string }
  | { kind: 'SYSTEM'; subject: 'system:case-deadlines' };

export const SYSTEM_ACTOR: CaseActor = { kind: 'SYSTEM', subject: 'system:case-deadlines' };

export function actorOf(identity: Identity): CaseActor {
  return {
    kind: 'PERSON',
    subject: identity.subject,
    roles: identity.roles,
    gridIds: identity.gridIds,
    ...(identity.departmentId ? { departmentId: identity.departmentId } : {}),
  };
}

/**
 * Who may take an action, in the case's words:
 * - HANDLER: staff who take a case in (受理), reject it, escalate it: administrators of its region,
 *   and a gridworker for the cases of their own grids;
 * - DISPATCHER: administrators (community, street, county, city), who assign (派单);
 * - ASSIGNEE: the person the case is assigned to, or a dispatcher acting for them;
 * - REPORTER: the person who reported it, alone (群众评单: only the reporter rates or reopens);
 * - SYSTEM: the deadline job.
 */
export type Party = 'HANDLER' | 'DISPATCHER' | 'ASSIGNEE' | 'REPORTER' | 'SYSTEM';

/** What the rules need to know of a case. */
export interface CaseState {
  status: CaseStatus;
  handlingLevel: HandlingLevel;
  gridId: string;
  reporterSubject: string;
  assigneeSubject: string | null;
  resolvedAt: Date | null;
}

/** True when the actor is the given party for this case. */
export function actsAs(actor: CaseActor, party: Party, state: CaseState): boolean {
  if (party === 'SYSTEM') return actor.kind === 'SYSTEM';
  if (actor.kind === 'SYSTEM') return false;
  const admin = actor.roles.some((r) => ADMIN_ROLES.includes(r));
  switch (party) {
    case 'HANDLER':
      return admin || (actor.roles.includes('GRIDWORKER') && actor.gridIds.includes(state.gridId));
    case 'DISPATCHER':
      return admin;
    case 'ASSIGNEE':
      return admin || (state.assigneeSubject !== null && actor.subject === state.assigneeSubject) || actsForDepartment(actor, state);
    case 'REPORTER':
      return actor.subject === state.reporterSubject;
  }
}

/** A case assigned to a department is acted on by that department's staff (their `department` claim). */
function actsForDepartment(actor: Extract<CaseActor, { kind: 'PERSON' }>, state: CaseState): boolean {
  return Boolean(
    actor.departmentId && actor.roles.includes('DEPARTMENT_STAFF') && state.assigneeSubject === `department:${actor.departmentId}`,
  );
}

const PARTY_WORDS: Record<Party, string> = {
  HANDLER: 'staff handling the case (an administrator of its region, or the gridworker of its grid)',
  DISPATCHER: 'an administrator (community, street, county or city)',
  ASSIGNEE: 'the assignee (a department’s staff for a case assigned to it) or an administrator',
  REPORTER: 'the reporter of the case',
  SYSTEM: 'the deadline job',
};

/**
 * The case lifecycle as a state machine: each action, the statuses it may start from, where it
 * goes, and which party takes it (the rules, the messages and the 533-combination test come from it).
 */
export const CASE_LIFECYCLE = defineStateMachine({
  subject: 'case',
  states: CASE_STATUSES,
  transitions: {
    ACCEPT: { from: ['REPORTED'], to: 'ACCEPTED', by: 'HANDLER' },
    REJECT: { from: ['REPORTED', 'ACCEPTED'], to: 'REJECTED', by: 'HANDLER' },
    // Reassigning an assigned case is allowed: the dispatcher may change their mind before work starts.
    ASSIGN: { from: ['ACCEPTED', 'ASSIGNED', 'REOPENED'], to: 'ASSIGNED', by: 'DISPATCHER' },
    START: { from: ['ASSIGNED'], to: 'IN_PROGRESS', by: 'ASSIGNEE' },
    RESOLVE: { from: ['IN_PROGRESS'], to: 'RESOLVED', by: 'ASSIGNEE' },
    RATE: { from: ['RESOLVED'], to: 'CLOSED', by: 'REPORTER' },
    REOPEN: { from: ['RESOLVED'], to: 'REOPENED', by: 'REPORTER' },
    AUTO_CLOSE: { from: ['RESOLVED'], to: 'CLOSED', by: 'SYSTEM' },
  } satisfies Record<TransitionAction, Transition<CaseStatus, Party>>,
  parties: PARTY_WORDS,
});

/** The state machine's table: each action, the statuses it may start from, where it goes, and who takes it. */
export const TRANSITIONS = CASE_LIFECYCLE.transitions;

export const DAY_MS = 24 * 3600 * 1000;
export const HOUR_MS = 3600 * 1000;

/**
 * Why an actor may not take an action on a case now, or undefined when they may. The wrong party is
 * FORBIDDEN whatever the status; the wrong status (or a reopen after its period) is a CONFLICT.
 */
export function transitionProblem(
  action: TransitionAction,
  state: CaseState,
  actor: CaseActor,
  options: { now: Date; reopenDays: number },
): Problem | undefined {
  const problem = CASE_LIFECYCLE.problem(action, state.status, (party) => actsAs(actor, party, state));
  if (problem) return problem;
  if (action === 'REOPEN' && state.resolvedAt && options.now.getTime() - state.resolvedAt.getTime() > options.reopenDays * DAY_MS) {
    return { code: 'CONFLICT', message: `The reopen period (${options.reopenDays} days after resolution) has passed` };
  }
  return undefined;
}

// ─── Levels, deadlines and escalation ─────────────────────────────────────────

/**
 * Where a case starts, from its class: 小事不出联户、大事不出网格、难事不出中心. Small matters stay in
 * the ten-household unit, big ones in the grid, hard ones go to the street's centre (and its joint
 * meeting); urgent ones start with the community, which can move people at once.
 */
export function initialLevel(severity: SeverityClass): HandlingLevel {
  return ({ SMALL: 'UNIT', BIG: 'GRID', URGENT: 'COMMUNITY', HARD: 'STREET' } as const)[severity];
}

/** The level above, or undefined at the top (a department has no one above it in the graph). */
export function nextLevel(level: HandlingLevel): HandlingLevel | undefined {
  return HANDLING_LEVELS[HANDLING_LEVELS.indexOf(level) + 1];
}

/** A county's case policy (see `DEFAULT_CASE_POLICY`). */
export interface CasePolicy {
  smallHours: number;
  bigHours: number;
  hardHours: number;
  urgentHours: number;
  autoCloseDays: number;
  reopenDays: number;
}

/**
 * Used by a county that has set none: small 3 days, big 7 days, hard 15 days, urgent 24 hours;
 * a resolved case closes by itself after 7 quiet days, and its reporter may reopen it within 7 days.
 */
export const DEFAULT_CASE_POLICY: CasePolicy = {
  smallHours: 72,
  bigHours: 168,
  hardHours: 360,
  urgentHours: 24,
  autoCloseDays: 7,
  reopenDays: 7,
};

/**
 * The deadlines of a county's policy go with the weight of the matter: an urgent matter is answered
 * no later than a small one, and small ≤ big ≤ hard (小事 before 大事 before 难事). Each pair out of
 * order names the longer class's field that is too short. Equal deadlines are allowed.
 */
type DeadlineField = 'smallHours' | 'bigHours' | 'hardHours' | 'urgentHours';

export const DEADLINE_ORDER: ReadonlyArray<readonly [shorter: DeadlineField, longer: DeadlineField]> = [
  ['urgentHours', 'smallHours'],
  ['smallHours', 'bigHours'],
  ['bigHours', 'hardHours'],
];

/** The deadline fields out of order (`DEADLINE_ORDER`), each with why, or none. */
export function deadlineOrderProblems(policy: Pick<CasePolicy, DeadlineField>): Array<{ field: DeadlineField; message: string }> {
  return DEADLINE_ORDER.filter(([shorter, longer]) => policy[longer] < policy[shorter]).map(([shorter, longer]) => ({
    field: longer,
    message: `${longer} cannot be shorter than ${shorter} (urgent ≤ small ≤ big ≤ hard)`,
  }));
}

export function hoursFor(severity: SeverityClass, policy: CasePolicy): number {
  return { SMALL: policy.smallHours, BIG: policy.bigHours, HARD: policy.hardHours, URGENT: policy.urgentHours }[severity];
}

/** A handling deadline: the class's hours from `from` (the report, or the escalation to a new level). */
export function deadlineFrom(severity: SeverityClass, policy: CasePolicy, from: Date): Date {
  return new Date(from.getTime() + hoursFor(severity, policy) * HOUR_MS);
}

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function isOverdue(state: { status: CaseStatus; deadlineAt: Date }, now: Date): boolean {
  return isOpen(state.status) && state.deadlineAt.getTime() < now.getTime();
}

/** True when a resolved case has been quiet long enough to close by itself. */
export function quietPeriodOver(resolvedAt: Date, autoCloseDays: number, now: Date): boolean {
  return now.getTime() - resolvedAt.getTime() >= autoCloseDays * DAY_MS;
}

/**
 * The status after an escalation: work under way at the old level stops, and the case waits to be
 * assigned at the new one (back to ACCEPTED, assignee cleared); a case not yet taken in stays as it is.
 */
export function statusAfterEscalation(status: CaseStatus): CaseStatus {
  return status === 'ASSIGNED' || status === 'IN_PROGRESS' ? 'ACCEPTED' : status;
}

// ─── Reporting ────────────────────────────────────────────────────────────────

/**
 * Who the reporter is, from the channel and their roles: a household leader (联户长) reports through
 * their own channel; staff reporting from a visit or taking a hotline call report as gridworkers;
 * everyone else is a resident.
 */
export function reporterKindOf(channel: CaseChannel, roles: readonly Role[]): ReporterKind {
  if (channel === 'HOUSEHOLD_LEADER') return 'HOUSEHOLD_LEADER';
  if (roles.some((r) => STAFF.includes(r)) && (channel === 'VISIT' || channel === 'HOTLINE')) return 'GRIDWORKER';
  return 'RESIDENT';
}

/** Visits and hotline calls are recorded by staff; a resident reports through the mini-program or a leader. */
export function channelProblem(channel: CaseChannel, roles: readonly Role[]): string | undefined {
  if ((channel === 'VISIT' || channel === 'HOTLINE') && !roles.some((r) => STAFF.includes(r)))
    return `Only staff record a case from a ${channel === 'VISIT' ? 'visit' : 'hotline call'}`;
  return undefined;
}

/**
 * The note of a history event: the reason (or the rating comment) the action carries and the note
 * sent with it, each on its own line. Nothing sent is dropped: a rejection with a note keeps both.
 */
export function historyNote(...parts: Array<string | null | undefined>): string | null {
  const given = parts.filter((part): part is string => Boolean(part));
  return given.length ? given.join('\n') : null;
}

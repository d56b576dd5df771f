import {
  badInput,
  conflict,
  countyOf,
  coversRegion,
  defineCommand,
  runInTransaction,
  STAFF,
  WRITERS,
  type CommandContext,
  type Role,
  type SubgraphContext,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { applyCaseChange, caseForWrite, fail, REPORTERS } from './case.commands';
import { announceCompoundCase } from './case.compound';
import { CaseEscalation, type GridCase } from './case.entity';
import {
  assignCaseInput,
  caseTransitionInput,
  escalateCaseInput,
  rateCaseInput,
  rejectCaseInput,
  type CaseTransitionInput,
} from './case.inputs';
import { servesGrid } from '../grid-staff/grid-staff.queries';
import { departmentAssignee } from '../whistle-list/whistle-list.rules';
import { requireCaseDepartment } from './case.departments';
import { assigneeProblem, escalationProblem } from './case.levels';
import { policyOf } from './case.policy';
import {
  actorOf,
  deadlineFrom,
  historyNote,
  nextLevel,
  statusAfterEscalation,
  transitionProblem,
  TRANSITIONS,
  type CaseActor,
  type CasePolicy,
  type TransitionAction,
} from './case.rules';

// ─── Transitions ──────────────────────────────────────────────────────────────

/** What a transition writes besides the status. */
export interface TransitionDetails {
  reason?: string;
  assigneeSubject?: string | null;
  assigneeName?: string | null;
  /** A department the case is assigned to instead of a person. */
  departmentId?: string | null;
  rating?: number;
  comment?: string | null;
}

function changeFor(
  action: TransitionAction,
  current: GridCase,
  details: TransitionDetails,
  policy: CasePolicy,
  now: Date,
): Partial<GridCase> {
  const status = TRANSITIONS[action].to;
  switch (action) {
    case 'REJECT':
      return { status, rejectionReason: details.reason! };
    case 'ASSIGN':
      // A department is its staff's assignee: they act on the case through their `department` claim.
      return details.departmentId
        ? { status, assigneeSubject: departmentAssignee(details.departmentId), assigneeName: null }
        : { status, assigneeSubject: details.assigneeSubject!, assigneeName: details.assigneeName! };
    case 'RESOLVE':
      return { status, resolvedAt: now };
    case 'RATE':
    case 'AUTO_CLOSE':
      return { status, closedAt: now, ...(action === 'RATE' ? { rating: details.rating!, ratingComment: details.comment ?? null } : {}) };
    case 'REOPEN':
      // Open again: the resolution no longer counts, and the class's deadline runs afresh.
      return { status, resolvedAt: null, deadlineAt: deadlineFrom(current.severity, policy, now) };
    default:
      return { status };
  }
}

/**
 * Refuses an assignee who cannot act on the case (`assigneeProblem`), naming the field. A department
 * must be one the organisation service announced, of the case's county (NOT_FOUND otherwise: another
 * county's department is not confirmed to exist).
 */
async function requireAssignee(context: CommandContext, current: GridCase, details: TransitionDetails): Promise<void> {
  if (details.departmentId) {
    await requireCaseDepartment(context.manager, current, details.departmentId, 'input.departmentId');
    return;
  }
  const subject = details.assigneeSubject!;
  const problem = assigneeProblem({
    subject,
    servesCaseGrid: await servesGrid(context.manager, current.gridId, subject),
    dispatcher: {
      subject: context.caller.subject,
      roles: context.caller.roles,
      coversCaseCommunity: coversRegion(context.caller, current.regionCode),
    },
  });
  if (problem) throw badInput('input.assigneeSubject', `input.assigneeSubject: ${problem}`);
}

/**
 * Moves a case along its lifecycle (accept, reject, assign, start, resolve, rate, reopen): allowed
 * only from the right status and by the right party (`CASE_LIFECYCLE`), recorded as an event, with
 * the optimistic version check, in the command's transaction.
 */
export async function changeCase(
  context: CommandContext,
  action: Exclude<TransitionAction, 'AUTO_CLOSE'>,
  input: CaseTransitionInput,
  details: TransitionDetails,
): Promise<GridCase> {
  const current = await caseForWrite(context, input.caseId, input.expectedVersion);
  const policy = await policyOf(context.manager, countyOf(current.regionCode)!);
  const problem = transitionProblem(action, current, actorOf(context.caller), { now: context.now, reopenDays: policy.reopenDays });
  if (problem) fail(problem);
  if (action === 'ASSIGN') await requireAssignee(context, current, details);
  const change = changeFor(action, current, details, policy, context.now);
  const note = historyNote(details.reason, details.comment, input.note);
  const changed = await applyCaseChange(context.manager, current, change, {
    action,
    actorSubject: context.caller.subject,
    actorName: context.caller.name,
    note,
    now: context.now,
  });
  if (action === 'RESOLVE' || action === 'REOPEN') announceCompoundCase(context, changed, action);
  return changed;
}

/** The same transition outside a mutation (tests, replays): in its own transaction at `now`. */
export function transitionCase(
  context: SubgraphContext,
  action: Exclude<TransitionAction, 'AUTO_CLOSE'>,
  input: CaseTransitionInput,
  details: TransitionDetails,
  now: Date,
): Promise<GridCase> {
  return runInTransaction(context, (commandContext) => changeCase(commandContext, action, input, details), now);
}

function transitionCommand<S extends z.ZodType<CaseTransitionInput>>(
  name: string,
  action: Exclude<TransitionAction, 'AUTO_CLOSE'>,
  input: S,
  roles: readonly Role[],
  details: (input: z.infer<S>) => TransitionDetails = () => ({}),
) {
  return defineCommand({ name, input, roles, run: (parsed, context) => changeCase(context, action, parsed, details(parsed)) });
}

export const acceptCase = transitionCommand('acceptCase', 'ACCEPT', caseTransitionInput, STAFF);
export const rejectCase = transitionCommand('rejectCase', 'REJECT', rejectCaseInput, STAFF, (i) => ({ reason: i.reason }));
export const assignCase = transitionCommand('assignCase', 'ASSIGN', assignCaseInput, WRITERS, (i) => i);
// Department staff start and resolve the cases assigned to their department.
export const startCase = transitionCommand('startCase', 'START', caseTransitionInput, [...STAFF, 'DEPARTMENT_STAFF']);
export const resolveCase = transitionCommand('resolveCase', 'RESOLVE', caseTransitionInput, [...STAFF, 'DEPARTMENT_STAFF']);
export const rateCase = transitionCommand('rateCase', 'RATE', rateCaseInput, REPORTERS, (i) => ({ rating: i.rating, comment: i.comment }));
export const reopenCase = transitionCommand('reopenCase', 'REOPEN', caseTransitionInput, REPORTERS);

// ─── Escalation ───────────────────────────────────────────────────────────────

/**
 * Moves a case one handling level up with a reason, inside the caller's transaction: records the
 * deadline it had (at most one escalation per case and deadline: a second one returns null and
 * writes nothing), gives it the class's deadline afresh at the new level, and writes the event.
 */
export async function escalateWithin(
  manager: EntityManager,
  current: GridCase,
  options: { reason: string; note?: string | null; actor: CaseActor; actorName: string; automatic: boolean; policy: CasePolicy; now: Date },
): Promise<GridCase | null> {
  const to = nextLevel(current.handlingLevel)!;
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(CaseEscalation)
    .values({
      caseId: current.id,
      regionCode: current.regionCode,
      missedDeadlineAt: current.deadlineAt,
      fromLevel: current.handlingLevel,
      toLevel: to,
      reason: options.reason,
      automatic: options.automatic,
      escalatedBy: options.actor.subject,
      escalatedAt: options.now,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  if ((inserted.raw as unknown[]).length === 0) return null;
  const status = statusAfterEscalation(current.status);
  return applyCaseChange(
    manager,
    current,
    {
      handlingLevel: to,
      status,
      deadlineAt: deadlineFrom(current.severity, options.policy, options.now),
      ...(status !== current.status ? { assigneeSubject: null, assigneeName: null } : {}),
    },
    {
      action: 'ESCALATE',
      actorSubject: options.actor.subject,
      actorName: options.actorName,
      note: historyNote(options.reason, options.note),
      now: options.now,
    },
  );
}

/** Escalates a case by hand (上报升级): staff handling it move it one level up with a reason. */
export const escalateCase = defineCommand({
  name: 'escalateCase',
  input: escalateCaseInput,
  roles: STAFF,
  run: async (input, context) => {
    const current = await caseForWrite(context, input.caseId, input.expectedVersion);
    const actor = actorOf(context.caller);
    const problem = escalationProblem(current, actor);
    if (problem) fail(problem);
    const policy = await policyOf(context.manager, countyOf(current.regionCode)!);
    const escalated = await escalateWithin(context.manager, current, {
      reason: input.reason,
      note: input.note,
      actor,
      actorName: context.caller.name,
      automatic: false,
      policy,
      now: context.now,
    });
    if (!escalated) throw conflict('The case was escalated for this deadline meanwhile; reload it', 'input.caseId');
    return escalated;
  },
});

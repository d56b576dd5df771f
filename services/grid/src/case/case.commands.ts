import {
  applyVersionedChange,
  badInput,
  type CommandContext,
  COMMUNITY_MEMBERS,
  conflict,
  countyOf,
  createIdempotently,
  defineCommand,
  forbidden,
  type Identity,
  recordForWrite,
  type Role,
  STAFF,
} from '@gg/shared';
import { In, type EntityManager } from 'typeorm';
import { gridForWrite } from '../grid/grid.commands';
import type { Grid } from '../grid/grid.entity';
import { householdForWrite } from '../household/household.commands';
import { announceCompoundCase, requireCaseCompound } from './case.compound';
import { CaseEvent, CaseWhistle, GridCase } from './case.entity';
import { reportCaseInput, type CaseContent, type ReportCaseInput } from './case.inputs';
import { policyOf } from './case.policy';
import {
  channelProblem,
  deadlineFrom,
  initialLevel,
  OPEN_STATUSES,
  reporterKindOf,
  type CaseAction,
  type CasePolicy,
  type Problem,
} from './case.rules';

/** Who may report a case and, as its reporter, rate or reopen it: residents, household leaders and staff. */
export const REPORTERS: readonly Role[] = [...STAFF, ...COMMUNITY_MEMBERS];

/** A lifecycle problem as its GraphQL error, naming the case's field either way (like the shared state machine). */
export function fail(problem: Problem, field = 'input.caseId'): never {
  throw problem.code === 'FORBIDDEN' ? forbidden(problem.message, field) : conflict(problem.message, field);
}

export interface EventInput {
  action: CaseAction;
  actorSubject: string;
  actorName: string;
  note: string | null;
  now: Date;
}

/**
 * Writes a change of a case and its history event, inside the caller's transaction, only if the case
 * is still at the version that was read (optimistic lock): of two concurrent changes, the second
 * finds the version moved and gets a CONFLICT, and its transaction writes nothing.
 */
export async function applyCaseChange(
  manager: EntityManager,
  current: GridCase,
  change: Partial<Omit<GridCase, 'id' | 'version'>>,
  event: EventInput,
): Promise<GridCase> {
  const changed = await applyVersionedChange<GridCase, CaseEvent>(manager, {
    entity: GridCase,
    current,
    change,
    field: 'input.caseId',
    history: {
      entity: CaseEvent,
      row: (before, after, version) => ({
        caseId: before.id,
        regionCode: before.regionCode,
        sequence: version,
        action: event.action,
        // A token without a name shows its subject, never an empty name.
        actorName: (event.actorName || event.actorSubject).slice(0, 50),
        actorSubject: event.actorSubject,
        occurredAt: event.now,
        fromStatus: before.status,
        toStatus: after.status,
        fromLevel: before.handlingLevel,
        toLevel: after.handlingLevel,
        note: event.note,
      }),
    },
  });
  await followCaseWithWhistles(manager, current, changed, event.now);
  return changed;
}

/**
 * A case's unanswered whistles follow it, in the same transaction: when it stops being handled
 * (resolved, closed, rejected) they are withdrawn with it (`withdrawn_at`: nobody answers for a case
 * that is over); when it is reopened they wait again, a whistle withdrawn before its limit keeping the
 * time it had left (its limit moves by how long the case was over).
 */
async function followCaseWithWhistles(manager: EntityManager, before: GridCase, after: GridCase, now: Date): Promise<void> {
  const wasOpen = OPEN_STATUSES.includes(before.status);
  const isOpenNow = OPEN_STATUSES.includes(after.status);
  if (wasOpen === isOpenNow) return;
  const query = manager.createQueryBuilder().update(CaseWhistle).where('case_id = :caseId AND answered_at IS NULL', { caseId: after.id });
  if (wasOpen) await query.set({ withdrawnAt: now }).andWhere('withdrawn_at IS NULL').execute();
  else
    await query
      .set({
        answerBy: () =>
          'CASE WHEN withdrawn_at <= answer_by THEN answer_by + (CAST(:now AS timestamptz) - withdrawn_at) ELSE answer_by END',
        withdrawnAt: null,
      })
      .andWhere('withdrawn_at IS NOT NULL')
      .setParameter('now', now)
      .execute();
}

/** A case named by a write: NOT_FOUND when it does not exist or is outside the caller's scope; CONFLICT for a stale expected version. */
export async function caseForWrite(context: Pick<CommandContext, 'manager' | 'caller'>, caseId: string, expectedVersion?: number | null) {
  const found = await recordForWrite(context.manager, GridCase, caseId, { identity: context.caller, field: 'input.caseId', label: 'Case' });
  if (expectedVersion && expectedVersion !== found.version)
    throw conflict(`The case is at version ${found.version}, not ${expectedVersion}; reload it and try again`, 'input.expectedVersion');
  return found;
}

// ─── Reporting ────────────────────────────────────────────────────────────────

/** Inserts a case and its REPORT event (sequence 1) in the caller's transaction (reports and visits). */
export async function createCase(
  manager: EntityManager,
  input: CaseContent & {
    gridId: string;
    householdId: string | null;
    compoundId?: string | null;
    regionCode: string;
    channel: ReportCaseInput['channel'];
    idempotencyKey: string | null;
  },
  identity: Identity,
  policy: CasePolicy,
  now: Date,
): Promise<GridCase> {
  const level = initialLevel(input.severity);
  const gridCase = await manager.save(
    manager.create(GridCase, {
      regionCode: input.regionCode,
      gridId: input.gridId,
      householdId: input.householdId,
      compound: input.compound,
      compoundId: input.compoundId ?? null,
      reporterSubject: identity.subject,
      reporterName: (identity.name || identity.subject).slice(0, 50),
      reporterKind: reporterKindOf(input.channel, identity.roles),
      channel: input.channel,
      category: input.category,
      description: input.description,
      severity: input.severity,
      handlingLevel: level,
      status: 'REPORTED',
      assigneeSubject: null,
      assigneeName: null,
      deadlineAt: deadlineFrom(input.severity, policy, now),
      reportedAt: now,
      resolvedAt: null,
      closedAt: null,
      rating: null,
      ratingComment: null,
      rejectionReason: null,
      idempotencyKey: input.idempotencyKey,
      version: 1,
    }),
  );
  await manager.insert(CaseEvent, {
    caseId: gridCase.id,
    regionCode: gridCase.regionCode,
    sequence: 1,
    action: 'REPORT',
    actorSubject: identity.subject,
    actorName: gridCase.reporterName,
    occurredAt: now,
    fromStatus: null,
    toStatus: 'REPORTED',
    fromLevel: null,
    toLevel: level,
    note: null,
  });
  return gridCase;
}

/** The case a reporter already made with an idempotency key, if any. */
export function caseByKey(manager: EntityManager, reporterSubject: string, idempotencyKey: string): Promise<GridCase | null> {
  return manager.getRepository(GridCase).findOneBy({ reporterSubject, idempotencyKey });
}

/**
 * True when a report sent again with a key says what the first one said: the same content, channel
 * and place (a grid or household the retry names must be the first case's).
 */
export function sameReport(first: GridCase, input: ReportCaseInput): boolean {
  return (
    first.category === input.category &&
    first.description === input.description &&
    first.severity === input.severity &&
    first.compound === input.compound &&
    (!input.compoundId || input.compoundId === first.compoundId) &&
    first.channel === input.channel &&
    (!input.gridId || input.gridId === first.gridId) &&
    (!input.householdId || input.householdId === first.householdId)
  );
}

/** The grid (and household) a report points at; the household decides the grid when both are given. */
async function locate(context: CommandContext, input: ReportCaseInput): Promise<{ grid: Grid; householdId: string | null }> {
  if (input.householdId) {
    const household = await householdForWrite(context, input.householdId, 'input.householdId');
    if (input.gridId && input.gridId !== household.gridId) throw badInput('input.gridId', 'input.gridId: the household is in another grid');
    return { grid: await gridForWrite(context, household.gridId, 'input.householdId'), householdId: household.id };
  }
  return { grid: await gridForWrite(context, input.gridId!, 'input.gridId'), householdId: null };
}

/**
 * Reports a case (上报). With an idempotency key, a retry by the same reporter (a gridworker's app
 * on a poor connection) returns the first case: a prior read finds it, and two retries racing
 * each other are decided by the unique index on (reporter, key). The key with a different report
 * is a CONFLICT naming the key: a client reusing keys by mistake learns it instead of losing a case.
 */
export const reportCase = defineCommand({
  name: 'reportCase',
  input: reportCaseInput,
  roles: REPORTERS,
  run: async (input, context) => {
    const channel = channelProblem(input.channel, context.caller.roles);
    if (channel) throw forbidden(channel);
    const retry = {
      key: input.idempotencyKey,
      find: (key: string) => caseByKey(context.manager, context.caller.subject, key),
      sameAs: (first: GridCase) => sameReport(first, input),
      what: 'report',
    };
    return createIdempotently(context.manager, retry, async (manager) => {
      const located = await locate(context, input);
      if (located.grid.status !== 'ACTIVE')
        throw conflict(
          `Grid ${located.grid.code} was ${located.grid.status.toLowerCase()}; report to the grid that replaced it`,
          'input.gridId',
        );
      if (input.compoundId) await requireCaseCompound(context, input.compoundId, located.grid.regionCode);
      const policy = await policyOf(context.manager, countyOf(located.grid.regionCode)!);
      const content = { ...input, gridId: located.grid.id, householdId: located.householdId, regionCode: located.grid.regionCode };
      const created = await createCase(manager, content, context.caller, policy, context.now);
      announceCompoundCase(context, created, 'REPORT');
      return created;
    });
  },
});

// ─── Use cases other aggregates call in their own transaction ─────────────────

/**
 * Open cases of retired grids follow the grid's people to the grid that carries on, so its
 * gridworkers go on working them; cases already resolved, closed or rejected keep the grid they
 * were handled in (their history).
 */
export async function moveOpenCasesOfGrids(manager: EntityManager, from: readonly string[], to: string): Promise<void> {
  if (from.length) await manager.update(GridCase, { gridId: In([...from]), status: In([...OPEN_STATUSES]) }, { gridId: to });
}

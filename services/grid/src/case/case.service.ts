import {
  badInput,
  conflict,
  coversRegion,
  forbidden,
  isUniqueViolation,
  loadScopedChildren,
  notFound,
  scopePatterns,
  scopedQuery,
  tableOf,
  type Identity,
  type SubgraphContext,
  loadScopedById,
  isUuid,
} from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { Grid } from '../grid/grid.entity';
import { countyCodeOf } from '../grid/grid.rules';
import { Household } from '../household/household.entity';
import { CaseEscalation, CaseEvent, CasePolicyRecord, CaseWhistle, GridCase } from './case.entity';
import {
  actorOf,
  channelProblem,
  DEFAULT_CASE_POLICY,
  deadlineFrom,
  escalationProblem,
  initialLevel,
  nextLevel,
  OPEN_STATUSES,
  reporterKindOf,
  statusAfterEscalation,
  SYSTEM_ACTOR,
  transitionProblem,
  TRANSITIONS,
  whistleProblem,
  type AnswerWhistleInput,
  type BlowWhistleInput,
  type CaseAction,
  type CaseActor,
  type CaseContent,
  type CasePolicy,
  type CaseStatus,
  type CaseTransitionInput,
  type Problem,
  type ReportCaseInput,
  type SetCasePolicyInput,
  type TransitionAction,
  historyNote,
} from './case.rules';

// ─── Policy ───────────────────────────────────────────────────────────────────

/** A county's case policy, or the defaults when it has set none. */
export async function policyOf(manager: DataSource | EntityManager, countyCode: string): Promise<CasePolicy> {
  const row = await manager.getRepository(CasePolicyRecord).findOneBy({ countyCode });
  return row ?? DEFAULT_CASE_POLICY;
}

export interface CasePolicyView extends CasePolicy {
  countyCode: string;
  isDefault: boolean;
  updatedAt: Date | null;
}

/**
 * The case policy of a county, or null when the county is outside the caller's scope. A county is
 * visible to callers whose scope covers it and to those inside it (street and community staff work
 * under their county's deadlines); both tests are in the SQL.
 */
export async function loadCasePolicy(context: SubgraphContext, countyCode: string): Promise<CasePolicyView | null> {
  if (!/^\d{6}$/.test(countyCode)) throw badInput('countyCode', 'a county code has 6 digits');
  const rows: Array<{ county: string; found: string | null } & Record<string, unknown>> = await context.dataSource.query(
    `SELECT v.county, p.county_code AS found, p.small_hours, p.big_hours, p.hard_hours, p.urgent_hours,
            p.auto_close_days, p.reopen_days, p.updated_at
     FROM (SELECT $1::text AS county) v
     LEFT JOIN ${tableOf(context.dataSource, 'case_policy')} p ON p.county_code = v.county
     WHERE v.county LIKE ANY($2::text[]) OR EXISTS (SELECT 1 FROM unnest($3::text[]) s WHERE s LIKE v.county || '%')`,
    [countyCode, scopePatterns(context.identity), context.identity.regionScopes],
  );
  const row = rows[0];
  if (!row) return null;
  if (!row.found) return { countyCode, ...DEFAULT_CASE_POLICY, isDefault: true, updatedAt: null };
  return {
    countyCode,
    smallHours: Number(row.small_hours),
    bigHours: Number(row.big_hours),
    hardHours: Number(row.hard_hours),
    urgentHours: Number(row.urgent_hours),
    autoCloseDays: Number(row.auto_close_days),
    reopenDays: Number(row.reopen_days),
    isDefault: false,
    updatedAt: row.updated_at as Date,
  };
}

/** Sets a county's case policy (deadlines by class, quiet and reopen periods); applies to deadlines set from now on. */
export async function setCasePolicy(context: SubgraphContext, input: SetCasePolicyInput, now: Date): Promise<CasePolicyView> {
  const { identity, dataSource } = context;
  if (!coversRegion(identity, input.countyCode))
    throw forbidden(`County ${input.countyCode} is outside your scope; you may not set its case policy`);
  const { countyCode, ...policy } = input;
  await dataSource.transaction((manager) =>
    manager.upsert(CasePolicyRecord, { countyCode, ...policy, updatedBy: identity.subject, updatedAt: now }, ['countyCode']),
  );
  return { countyCode, ...policy, isDefault: false, updatedAt: now };
}

// ─── Reads ────────────────────────────────────────────────────────────────────

/** Cases by id for one request, scoped, one statement per batch (also serves `_entities`). */
export function loadCase(context: SubgraphContext, id: string): Promise<GridCase | null> {
  return loadScopedById(context, GridCase, id);
}

export interface CaseFilter {
  regionCode: string;
  gridId?: string | null;
  status?: CaseStatus | null;
  overdueOnly?: boolean | null;
  first: number;
}

/** Cases in the caller's scope under a region code prefix, newest first; optionally one grid, one status, or overdue only. */
export function listCases(context: SubgraphContext, filter: CaseFilter, now: Date): Promise<GridCase[]> {
  if (!/^\d{2,12}$/.test(filter.regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  if (filter.gridId && !isUuid(filter.gridId)) throw badInput('gridId', 'a grid id is a UUID');
  const query = scopedQuery(context.dataSource, GridCase, 'c', context.identity)
    .andWhere('c.region_code LIKE :prefix', { prefix: `${filter.regionCode}%` })
    .orderBy('c.reported_at', 'DESC')
    .addOrderBy('c.id')
    .take(filter.first);
  if (filter.gridId) query.andWhere('c.grid_id = :gridId', { gridId: filter.gridId });
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  if (filter.overdueOnly) query.andWhere('c.status IN (:...open) AND c.deadline_at < :now', { open: [...OPEN_STATUSES], now });
  return query.getMany();
}

/**
 * The cases the caller reported (a resident's "my cases" in the mini-program), newest first: their
 * own reports only, and only in their scope.
 */
export function listMyCases(context: SubgraphContext, filter: { status?: CaseStatus | null; first: number }): Promise<GridCase[]> {
  const query = scopedQuery(context.dataSource, GridCase, 'c', context.identity)
    .andWhere('c.reporter_subject = :subject', { subject: context.identity.subject })
    .orderBy('c.reported_at', 'DESC')
    .addOrderBy('c.id')
    .take(filter.first);
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  return query.getMany();
}

/** A case's history in order, for a batch of cases in one statement. */
export function loadEvents(context: SubgraphContext, caseId: string): Promise<CaseEvent[]> {
  return loadScopedChildren(context, CaseEvent, caseId, { parentColumn: 'case_id', parentOf: (e) => e.caseId, orderBy: ['c.sequence'] });
}

/** Whistles blown on a batch of cases, in the order they were blown. */
export function loadWhistles(context: SubgraphContext, caseId: string): Promise<CaseWhistle[]> {
  return loadScopedChildren(context, CaseWhistle, caseId, {
    parentColumn: 'case_id',
    parentOf: (w) => w.caseId,
    orderBy: ['c.blown_at', 'c.department'],
  });
}

/** Escalations of a batch of cases, oldest first. */
export function loadEscalations(context: SubgraphContext, caseId: string): Promise<CaseEscalation[]> {
  return loadScopedChildren(context, CaseEscalation, caseId, {
    parentColumn: 'case_id',
    parentOf: (x) => x.caseId,
    orderBy: ['c.escalated_at'],
  });
}

// ─── The one way a case changes ───────────────────────────────────────────────

function fail(problem: Problem, field = 'input.caseId'): never {
  throw problem.code === 'FORBIDDEN' ? forbidden(problem.message) : conflict(problem.message, field);
}

const VERSION_CONFLICT = 'The case was changed by someone else meanwhile; reload it and try again';

export interface EventInput {
  action: CaseAction;
  actorSubject: string;
  actorName: string;
  note: string | null;
  now: Date;
}

/**
 * Writes a change of a case and its event, inside the caller's transaction, only if the case is
 * still at the version that was read (optimistic lock). Of two concurrent changes, the second
 * finds the version moved and gets a CONFLICT, and its transaction writes nothing.
 */
export async function applyCaseChange(
  manager: EntityManager,
  current: GridCase,
  change: Partial<Omit<GridCase, 'id' | 'version'>>,
  event: EventInput,
): Promise<GridCase> {
  const version = current.version + 1;
  const result = await manager
    .createQueryBuilder()
    .update(GridCase)
    .set({ ...change, version })
    .where('id = :id AND version = :version', { id: current.id, version: current.version })
    .execute();
  if (result.affected !== 1) throw conflict(VERSION_CONFLICT, 'input.caseId');
  const next = Object.assign(new GridCase(), current, change, { version });
  await manager.insert(CaseEvent, {
    caseId: current.id,
    regionCode: current.regionCode,
    sequence: version,
    action: event.action,
    actorSubject: event.actorSubject,
    actorName: event.actorName.slice(0, 50),
    occurredAt: event.now,
    fromStatus: current.status,
    toStatus: next.status,
    fromLevel: current.handlingLevel,
    toLevel: next.handlingLevel,
    note: event.note,
  });
  return next;
}

/** A case for a write: NOT_FOUND when it does not exist, FORBIDDEN outside the caller's scope. */
async function caseForWrite(
  dataSource: DataSource,
  identity: Identity,
  caseId: string,
  expectedVersion?: number | null,
): Promise<GridCase> {
  const found = await dataSource.getRepository(GridCase).findOneBy({ id: caseId });
  if (!found) throw notFound(`Case ${caseId}`, 'input.caseId');
  if (!coversRegion(identity, found.regionCode)) throw forbidden(`Case ${caseId} is outside your scope`);
  if (expectedVersion && expectedVersion !== found.version)
    throw conflict(`The case is at version ${found.version}, not ${expectedVersion}; reload it and try again`, 'input.expectedVersion');
  return found;
}

// ─── Reporting ────────────────────────────────────────────────────────────────

/**
 * Reports a case (上报). With an idempotency key, a retry by the same reporter (a gridworker's app
 * on a poor connection) returns the first case: a prior read finds it, and two retries racing
 * each other are decided by the unique index on (reporter, key).
 */
export async function reportCase(context: SubgraphContext, input: ReportCaseInput, now: Date): Promise<GridCase> {
  const { dataSource, identity } = context;
  const channel = channelProblem(input.channel, identity.roles);
  if (channel) throw forbidden(channel);
  const first = input.idempotencyKey ? await caseByKey(dataSource, identity.subject, input.idempotencyKey) : null;
  if (first) return first;

  const located = await locate(dataSource, input.gridId ?? null, input.householdId ?? null);
  if (!coversRegion(identity, located.grid.regionCode))
    throw forbidden('The grid of this case is outside your scope; you may not report there');
  if (located.grid.status !== 'ACTIVE')
    throw conflict(
      `Grid ${located.grid.code} was ${located.grid.status.toLowerCase()}; report to the grid that replaced it`,
      'input.gridId',
    );
  const policy = await policyOf(dataSource, countyCodeOf(located.grid.regionCode));
  try {
    return await dataSource.transaction((manager) =>
      createCase(
        manager,
        { ...input, gridId: located.grid.id, householdId: located.householdId, regionCode: located.grid.regionCode },
        identity,
        policy,
        now,
      ),
    );
  } catch (error) {
    if (!isUniqueViolation(error) || !input.idempotencyKey) throw error;
    const winner = await caseByKey(dataSource, identity.subject, input.idempotencyKey);
    if (!winner) throw error;
    return winner;
  }
}

/** Inserts a case and its REPORT event (sequence 1) in the caller's transaction. */
export async function createCase(
  manager: EntityManager,
  input: CaseContent & {
    gridId: string;
    householdId: string | null;
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

function caseByKey(dataSource: DataSource, reporterSubject: string, idempotencyKey: string): Promise<GridCase | null> {
  return dataSource.getRepository(GridCase).findOneBy({ reporterSubject, idempotencyKey });
}

/** The grid (and household) a report points at; the household decides the grid when both are given. */
async function locate(
  dataSource: DataSource,
  gridId: string | null,
  householdId: string | null,
): Promise<{ grid: Grid; householdId: string | null }> {
  if (householdId) {
    const household = await dataSource.getRepository(Household).findOneBy({ id: householdId });
    if (!household) throw notFound(`Household ${householdId}`, 'input.householdId');
    if (gridId && gridId !== household.gridId) throw badInput('input.gridId', 'input.gridId: the household is in another grid');
    const grid = await dataSource.getRepository(Grid).findOneByOrFail({ id: household.gridId });
    return { grid, householdId };
  }
  const grid = await dataSource.getRepository(Grid).findOneBy({ id: gridId! });
  if (!grid) throw notFound(`Grid ${gridId}`, 'input.gridId');
  return { grid, householdId: null };
}

// ─── Transitions ──────────────────────────────────────────────────────────────

/** What a transition writes besides the status. */
export interface TransitionDetails {
  reason?: string;
  assigneeSubject?: string;
  assigneeName?: string;
  rating?: number;
  comment?: string | null;
}

/**
 * Moves a case along its lifecycle (accept, reject, assign, start, resolve, rate, reopen): allowed
 * only from the right status and by the right party (`TRANSITIONS`), recorded as an event, in one
 * transaction with the optimistic version check.
 */
export async function transitionCase(
  context: SubgraphContext,
  action: Exclude<TransitionAction, 'AUTO_CLOSE'>,
  input: CaseTransitionInput,
  details: TransitionDetails,
  now: Date,
): Promise<GridCase> {
  const { dataSource, identity } = context;
  const current = await caseForWrite(dataSource, identity, input.caseId, input.expectedVersion);
  const policy = await policyOf(dataSource, countyCodeOf(current.regionCode));
  const problem = transitionProblem(action, current, actorOf(identity), { now, reopenDays: policy.reopenDays });
  if (problem) fail(problem);
  const change = changeFor(action, current, details, policy, now);
  const note = historyNote(details.reason, details.comment, input.note);
  return dataSource.transaction((manager) =>
    applyCaseChange(manager, current, change, { action, actorSubject: identity.subject, actorName: identity.name, note, now }),
  );
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
      return { status, assigneeSubject: details.assigneeSubject!, assigneeName: details.assigneeName! };
    case 'RESOLVE':
      return { status, resolvedAt: now };
    case 'RATE':
      return { status, rating: details.rating!, ratingComment: details.comment ?? null, closedAt: now };
    case 'AUTO_CLOSE':
      return { status, closedAt: now };
    case 'REOPEN':
      // Open again: the resolution no longer counts, and the class's deadline runs afresh.
      return { status, resolvedAt: null, deadlineAt: deadlineFrom(current.severity, policy, now) };
    default:
      return { status };
  }
}

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
  if (inserted.raw.length === 0) return null;
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
export async function escalateCase(
  context: SubgraphContext,
  input: CaseTransitionInput & { reason: string },
  now: Date,
): Promise<GridCase> {
  const { dataSource, identity } = context;
  const current = await caseForWrite(dataSource, identity, input.caseId, input.expectedVersion);
  const actor = actorOf(identity);
  const problem = escalationProblem(current, actor);
  if (problem) fail(problem);
  const policy = await policyOf(dataSource, countyCodeOf(current.regionCode));
  const escalated = await dataSource.transaction((manager) =>
    escalateWithin(manager, current, {
      reason: input.reason,
      note: input.note,
      actor,
      actorName: identity.name,
      automatic: false,
      policy,
      now,
    }),
  );
  if (!escalated) throw conflict('The case was escalated for this deadline meanwhile; reload it', 'input.caseId');
  return escalated;
}

// ─── Whistles (吹哨报到) ────────────────────────────────────────────────────────

/**
 * Blows the whistle on a case to named departments (吹哨), each to answer within the limit; one
 * whistle per department and case (CONFLICT for a department already whistled).
 */
export async function blowWhistle(context: SubgraphContext, input: BlowWhistleInput, now: Date): Promise<GridCase> {
  const { dataSource, identity } = context;
  const current = await caseForWrite(dataSource, identity, input.caseId);
  const problem = whistleProblem(current, actorOf(identity));
  if (problem) fail(problem);
  const answerBy = new Date(now.getTime() + input.limitHours * 3600 * 1000);
  try {
    return await dataSource.transaction(async (manager) => {
      await manager.insert(
        CaseWhistle,
        input.departments.map((department) => ({
          caseId: current.id,
          regionCode: current.regionCode,
          department,
          blownBy: identity.subject,
          blownAt: now,
          answerBy,
          answeredAt: null,
          answeredBy: null,
          answerAction: null,
          flaggedAt: null,
        })),
      );
      const note = `${input.departments.join('、')}: answer within ${input.limitHours} h${input.note ? `; ${input.note}` : ''}`;
      return applyCaseChange(
        manager,
        current,
        {},
        { action: 'WHISTLE', actorSubject: identity.subject, actorName: identity.name, note, now },
      );
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('A whistle was already blown on this case to one of these departments', 'input.departments');
    throw error;
  }
}

/** A department answers a whistle (报到) with what it does; once only. An answer after the limit is kept and shows as late. */
export async function answerWhistle(context: SubgraphContext, input: AnswerWhistleInput, now: Date): Promise<CaseWhistle> {
  const { dataSource, identity } = context;
  const whistle = await dataSource.getRepository(CaseWhistle).findOneBy({ id: input.whistleId });
  if (!whistle) throw notFound(`Whistle ${input.whistleId}`, 'input.whistleId');
  if (!coversRegion(identity, whistle.regionCode)) throw forbidden(`Whistle ${input.whistleId} is outside your scope`);
  if (whistle.answeredAt) throw conflict(`${whistle.department} has already answered this whistle`, 'input.whistleId');
  const current = await dataSource.getRepository(GridCase).findOneByOrFail({ id: whistle.caseId });
  return dataSource.transaction(async (manager) => {
    const result = await manager
      .createQueryBuilder()
      .update(CaseWhistle)
      .set({ answeredAt: now, answeredBy: identity.subject, answerAction: input.action })
      .where('id = :id AND answered_at IS NULL', { id: whistle.id })
      .execute();
    if (result.affected !== 1) throw conflict(`${whistle.department} has already answered this whistle`, 'input.whistleId');
    await applyCaseChange(
      manager,
      current,
      {},
      {
        action: 'ANSWER_WHISTLE',
        actorSubject: identity.subject,
        actorName: identity.name,
        note: `${whistle.department}: ${input.action}`,
        now,
      },
    );
    return Object.assign(whistle, { answeredAt: now, answeredBy: identity.subject, answerAction: input.action });
  });
}

// ─── The deadline job ─────────────────────────────────────────────────────────

export interface SweepResult {
  at: string;
  escalated: number;
  /** Overdue cases already with the departments: nothing above them; they show in `casesOverdue`. */
  overdueAtTop: number;
  /** Overdue cases another writer changed during the run: the next run sees them again. */
  skipped: number;
  autoClosed: number;
  whistlesFlagged: number;
}

/** How many cases one run handles of each kind; the next run (minutes later) takes the rest. */
const SWEEP_BATCH = 500;

/**
 * The deadline job's work at `now`: escalates each overdue open case one level (once per missed
 * deadline), closes resolved cases quiet for their county's period, and flags whistles unanswered
 * past their limit. Each case changes in its own transaction, so one conflict does not undo the
 * others; running it twice at the same `now` changes nothing the second time.
 */
export async function sweepCaseDeadlines(dataSource: DataSource, now: Date): Promise<SweepResult> {
  const result: SweepResult = { at: now.toISOString(), escalated: 0, overdueAtTop: 0, skipped: 0, autoClosed: 0, whistlesFlagged: 0 };
  const cases = dataSource.getRepository(GridCase);
  const overdue = await cases
    .createQueryBuilder('c')
    .where('c.status IN (:...open) AND c.deadline_at < :now', { open: [...OPEN_STATUSES], now })
    .orderBy('c.deadline_at')
    .take(SWEEP_BATCH)
    .getMany();
  const policies = new Map<string, CasePolicy>();
  const policyFor = async (regionCode: string) => {
    const county = countyCodeOf(regionCode);
    if (!policies.has(county)) policies.set(county, await policyOf(dataSource, county));
    return policies.get(county)!;
  };
  for (const current of overdue) {
    if (!nextLevel(current.handlingLevel)) {
      result.overdueAtTop += 1;
      continue;
    }
    const policy = await policyFor(current.regionCode);
    const reason = `Overdue: the ${current.severity} deadline of ${current.deadlineAt.toISOString()} at ${current.handlingLevel} level passed`;
    try {
      const escalated = await dataSource.transaction((manager) =>
        escalateWithin(manager, current, { reason, actor: SYSTEM_ACTOR, actorName: '到期升级', automatic: true, policy, now }),
      );
      if (escalated) result.escalated += 1;
      else result.skipped += 1;
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code !== 'CONFLICT') throw error;
      result.skipped += 1;
    }
  }

  const quiet: Array<{ id: string }> = await dataSource.query(
    `SELECT c.id FROM ${tableOf(dataSource, 'grid_case')} c
     LEFT JOIN ${tableOf(dataSource, 'case_policy')} p ON p.county_code = left(c.region_code, 6)
     WHERE c.status = 'RESOLVED'
       AND c.resolved_at <= $1::timestamptz - make_interval(days => COALESCE(p.auto_close_days, $2::int))
     ORDER BY c.resolved_at LIMIT $3`,
    [now, DEFAULT_CASE_POLICY.autoCloseDays, SWEEP_BATCH],
  );
  for (const { id } of quiet) {
    const current = await cases.findOneByOrFail({ id });
    if (transitionProblem('AUTO_CLOSE', current, SYSTEM_ACTOR, { now, reopenDays: 0 })) continue;
    try {
      await dataSource.transaction((manager) =>
        applyCaseChange(
          manager,
          current,
          { status: 'CLOSED', closedAt: now },
          {
            action: 'AUTO_CLOSE',
            actorSubject: SYSTEM_ACTOR.subject,
            actorName: '到期自动关闭',
            note: 'Closed after the quiet period without a rating or a reopen',
            now,
          },
        ),
      );
      result.autoClosed += 1;
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code !== 'CONFLICT') throw error;
      result.skipped += 1;
    }
  }

  const flagged: unknown[] = await dataSource.query(
    `UPDATE ${tableOf(dataSource, 'case_whistle')} SET flagged_at = $1
     WHERE answered_at IS NULL AND flagged_at IS NULL AND answer_by < $1 RETURNING id`,
    [now],
  );
  // node-postgres returns [rows, count] for an UPDATE … RETURNING through TypeORM.
  result.whistlesFlagged = Array.isArray(flagged[0]) ? (flagged[0] as unknown[]).length : flagged.length;
  return result;
}

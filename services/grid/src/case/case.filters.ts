import { codeInput, parseInput, thingNameInput, uuidInput } from '@gg/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { departmentAssignee, WHISTLE_ANSWERERS } from '../whistle-list/whistle-list.rules';
import type { GridCase } from './case.entity';
import { CASE_STATUSES, HANDLING_LEVELS, OPEN_STATUSES, SEVERITY_CLASSES } from './case.rules';
import { WHISTLE_STATUSES, type WhistleStatus } from './case.whistle.rules';

/**
 * The filters of `cases`, checked like a write's input (a bad one is BAD_USER_INPUT naming the
 * argument). Words are searched in the description with ILIKE, every word must occur (see
 * `applyCaseFilters` for why not trigram or full-text search).
 */
export const caseFilterInput = z
  .object({
    gridId: uuidInput('a grid id').nullish(),
    status: z.enum(CASE_STATUSES).nullish(),
    severity: z.enum(SEVERITY_CLASSES).nullish(),
    handlingLevel: z.enum(HANDLING_LEVELS).nullish(),
    category: thingNameInput({ label: 'a category', max: 50 }).nullish(),
    overdueOnly: z.boolean().nullish(),
    reportedFrom: z.date().nullish(),
    reportedBefore: z.date().nullish(),
    assigneeSubject: codeInput({ label: 'an assignee subject', max: 200 }).nullish(),
    assigneeDepartmentId: uuidInput('a department id').nullish(),
    search: thingNameInput({ label: 'search words', min: 1, max: 100 })
      .refine((words) => words.split(/\s+/u).length <= 5, 'search for at most 5 words')
      .nullish(),
  })
  .superRefine((filter, ctx) => {
    if (filter.reportedFrom && filter.reportedBefore && filter.reportedBefore.getTime() <= filter.reportedFrom.getTime())
      ctx.addIssue({ code: 'custom', path: ['reportedBefore'], message: 'reportedBefore must be after reportedFrom' });
    if (filter.assigneeSubject && filter.assigneeDepartmentId)
      ctx.addIssue({ code: 'custom', path: ['assigneeDepartmentId'], message: 'name a department or an assignee subject, not both' });
  });
export type CaseFilterArgs = z.infer<typeof caseFilterInput>;

/** The filters of `cases` as given (GraphQL arguments), parsed; a bad one names its argument. */
export function parseCaseFilter(args: Record<string, unknown>): CaseFilterArgs {
  return parseInput(caseFilterInput, args, '');
}

/** `%`, `_` and `\` match literally in a searched word. */
function literal(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Narrows a query over cases (alias `c`) by the parsed filters. The description search is a plain
 * ILIKE per word, portable to the embedded PGlite of `npm start` (which would need the `pg_trgm`
 * extension loaded at start-up and a migration creating it) and to a managed Postgres alike; the
 * query is already cut to a region subtree, a grid's or a gridworker's cases and a page, so a scan
 * of one county's descriptions is acceptable. A `pg_trgm` GIN index on `description` is the step up
 * when counties grow (ILIKE then uses it unchanged). Chinese has no spaces between words: people
 * type the words they look for apart (`楼道 杂物`), and each must occur.
 */
export function applyCaseFilters(query: SelectQueryBuilder<GridCase>, filter: CaseFilterArgs, now: Date): SelectQueryBuilder<GridCase> {
  if (filter.gridId) query.andWhere('c.grid_id = :gridId', { gridId: filter.gridId });
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  if (filter.severity) query.andWhere('c.severity = :severity', { severity: filter.severity });
  if (filter.handlingLevel) query.andWhere('c.handling_level = :handlingLevel', { handlingLevel: filter.handlingLevel });
  if (filter.category) query.andWhere('c.category = :category', { category: filter.category });
  if (filter.assigneeSubject) query.andWhere('c.assignee_subject = :assigneeSubject', { assigneeSubject: filter.assigneeSubject });
  if (filter.assigneeDepartmentId)
    query.andWhere('c.assignee_subject = :assigneeDepartment', { assigneeDepartment: departmentAssignee(filter.assigneeDepartmentId) });
  if (filter.reportedFrom) query.andWhere('c.reported_at >= :reportedFrom', { reportedFrom: filter.reportedFrom });
  if (filter.reportedBefore) query.andWhere('c.reported_at < :reportedBefore', { reportedBefore: filter.reportedBefore });
  if (filter.overdueOnly) query.andWhere('c.status IN (:...open) AND c.deadline_at < :now', { open: [...OPEN_STATUSES], now });
  const words = filter.search ? filter.search.split(/\s+/u).filter(Boolean) : [];
  words.forEach((word, i) => query.andWhere(`c.description ILIKE :word${i} ESCAPE '\\'`, { [`word${i}`]: `%${literal(word)}%` }));
  return query;
}

// ─── Whistles ─────────────────────────────────────────────────────────────────

/**
 * `whistleStatus` (case.rules) as SQL over a `case_whistle` alias, `now` being an SQL expression
 * (`:now`, `$3::timestamptz`): the one statement of the rule for the list, the figures and the job.
 */
export function whistleStatusSql(status: WhistleStatus, w: string, now: string): string {
  const unanswered = `${w}.answered_at IS NULL`;
  const notWithdrawnInTime = `(${w}.withdrawn_at IS NULL OR ${w}.withdrawn_at > ${w}.answer_by)`;
  switch (status) {
    case 'ANSWERED':
      return `${w}.answered_at IS NOT NULL`;
    case 'WITHDRAWN':
      return `(${unanswered} AND ${w}.withdrawn_at <= ${w}.answer_by)`;
    case 'OVERDUE':
      return `(${unanswered} AND ${notWithdrawnInTime} AND ${w}.answer_by < ${now})`;
    case 'WAITING':
      return `(${unanswered} AND ${notWithdrawnInTime} AND ${w}.answer_by >= ${now})`;
  }
}

/**
 * The filter of `whistles`, checked like a write's input (a bad one is BAD_USER_INPUT naming
 * `filter.<field>`).
 */
export const whistleFilterInput = z
  .object({
    status: z.enum(WHISTLE_STATUSES).nullish(),
    answeredBy: z.enum(WHISTLE_ANSWERERS).nullish(),
    departmentId: uuidInput('a department id').nullish(),
    whistleType: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'a whistle type code is 2–30 capital letters, digits or _')
      .nullish(),
    caseId: uuidInput('a case id').nullish(),
    blownFrom: z.date().nullish(),
    blownBefore: z.date().nullish(),
  })
  .superRefine((filter, ctx) => {
    if (filter.blownFrom && filter.blownBefore && filter.blownBefore.getTime() <= filter.blownFrom.getTime())
      ctx.addIssue({ code: 'custom', path: ['blownBefore'], message: 'blownBefore must be after blownFrom' });
  });
export type WhistleFilterArgs = z.infer<typeof whistleFilterInput>;

/** The `filter` argument of `whistles`, parsed; a bad field is named `filter.<field>`. */
export function parseWhistleFilter(filter: unknown): WhistleFilterArgs {
  return parseInput(whistleFilterInput, filter ?? {}, 'filter');
}

/** Narrows a query over whistles (alias `w`) by the parsed filter, the status at `now`. */
export function applyWhistleFilters<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  filter: WhistleFilterArgs,
  now: Date,
): SelectQueryBuilder<T> {
  if (filter.status) query.andWhere(whistleStatusSql(filter.status, 'w', ':whistleNow'), { whistleNow: now });
  if (filter.answeredBy) query.andWhere('w.answerer = :answerer', { answerer: filter.answeredBy });
  if (filter.departmentId) query.andWhere('w.department_id = :whistleDepartment', { whistleDepartment: filter.departmentId });
  if (filter.whistleType) query.andWhere('w.whistle_type = :whistleType', { whistleType: filter.whistleType });
  if (filter.caseId) query.andWhere('w.case_id = :whistleCase', { whistleCase: filter.caseId });
  if (filter.blownFrom) query.andWhere('w.blown_at >= :blownFrom', { blownFrom: filter.blownFrom });
  if (filter.blownBefore) query.andWhere('w.blown_at < :blownBefore', { blownBefore: filter.blownBefore });
  return query;
}

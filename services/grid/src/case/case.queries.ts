import {
  isUuid,
  loaderOf,
  loadScopedChildren,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  tableOf,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type Identity,
  type SubgraphContext,
} from '@gg/shared';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { householdVisibility } from '../household/household.rules';
import { departmentAssignee } from '../whistle-list/whistle-list.rules';
import { CaseEscalation, CaseEvent, CaseWhistle, GridCase } from './case.entity';
import { applyCaseFilters, parseCaseFilter } from './case.filters';
import type { CaseStatus } from './case.rules';

/**
 * The grids whose cases a caller who is not an administrator works: a gridworker's (the `grids` of
 * their token). A `grids` claim on a department's staff gives them nothing: they see their
 * department's cases only.
 */
export function workedGrids(identity: Identity): string[] {
  const visibility = householdVisibility(identity);
  return visibility.kind === 'grids' && identity.roles.includes('GRIDWORKER') ? visibility.gridIds : [];
}

/**
 * One rule for cases and households: a gridworker sees the records of their grids (the household
 * ledger's `householdVisibility`); administrators see everything in their region scope. A department's
 * staff see the cases whistled to their department or assigned to it, nothing else of the county.
 */
function visible(query: SelectQueryBuilder<GridCase>, identity: Identity): SelectQueryBuilder<GridCase> {
  const visibility = householdVisibility(identity);
  if (visibility.kind === 'all') return query;
  const department = identity.roles.includes('DEPARTMENT_STAFF') ? identity.departmentId : undefined;
  const gridIds = workedGrids(identity);
  return query.andWhere(
    new Brackets((mine) => {
      mine.where('FALSE');
      if (gridIds.length) mine.orWhere('c.grid_id IN (:...visibleGridIds)', { visibleGridIds: gridIds });
      if (department)
        mine.orWhere(
          `(c.assignee_subject = :departmentAssignee OR EXISTS (SELECT 1 FROM ${tableOf(query.connection, 'case_whistle')} w
             WHERE w.case_id = c.id AND w.department_id = :visibleDepartment))`,
          { departmentAssignee: departmentAssignee(department), visibleDepartment: department },
        );
    }),
  );
}

/** Cases by id for one request, scoped and visible, one statement per batch (also serves `_entities`). */
export function loadCase(context: SubgraphContext, id: string): Promise<GridCase | null> {
  return loaderOf<string, GridCase | null>(context, 'case-by-id', async (ids) => {
    // A malformed id cannot exist; filtering it here keeps Postgres from failing the whole batch.
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await visible(scopedQuery(context.dataSource, GridCase, 'c', context.identity), context.identity)
          .andWhere('c.id IN (:...ids)', { ids: valid })
          .getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((key) => byId.get(key) ?? null);
  }).load(id);
}

/** Newest first, then by id: a unique order, so a page boundary never splits or repeats a case. */
const NEWEST_FIRST = [
  timestampKey<GridCase>('c.reported_at', 'DESC', (c) => c.reportedAt),
  { column: 'c.id', direction: 'ASC' as const, value: (c: GridCase) => c.id },
];

export interface CaseFilter extends ConnectionArgs {
  regionCode: string;
}

/**
 * Cases in the caller's scope (a gridworker: of their grids) under a region code prefix, newest
 * first, narrowed by the filters of `cases` (`applyCaseFilters`, checked by `parseCaseFilter`).
 */
export function listCases(
  context: SubgraphContext,
  filter: CaseFilter & Record<string, unknown>,
  now: Date,
): Promise<Connection<GridCase>> {
  const { regionCode, first, after, ...rest } = filter;
  const parsed = parseCaseFilter(rest);
  // In the region's subtree and in the caller's scope: one range predicate an index can use.
  const inRegion = regionSubtreeCondition('c.region_code', regionCode, context.identity);
  const query = visible(
    context.dataSource.getRepository(GridCase).createQueryBuilder('c').where(inRegion.sql, inRegion.params),
    context.identity,
  );
  return paginate(applyCaseFilters(query, parsed, now), { first, after }, NEWEST_FIRST);
}

/**
 * The cases the caller reported (a resident's "my cases" in the mini-program), newest first: their
 * own reports only, and only in their scope.
 */
export function listMyCases(
  context: SubgraphContext,
  filter: ConnectionArgs & { status?: CaseStatus | null },
): Promise<Connection<GridCase>> {
  const query = scopedQuery(context.dataSource, GridCase, 'c', context.identity).andWhere('c.reporter_subject = :subject', {
    subject: context.identity.subject,
  });
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  return paginate(query, filter, NEWEST_FIRST);
}

/** A case's history in order, for a batch of cases in one statement. */
export function loadEvents(context: SubgraphContext, caseId: string): Promise<CaseEvent[]> {
  return loadScopedChildren(context, CaseEvent, caseId, { parentColumn: 'case_id', parentOf: (e) => e.caseId, orderBy: ['c.sequence'] });
}

/** Whistles blown on a batch of cases, in the order they were blown (then by department id). */
export function loadWhistles(context: SubgraphContext, caseId: string): Promise<CaseWhistle[]> {
  return loadScopedChildren(context, CaseWhistle, caseId, {
    parentColumn: 'case_id',
    parentOf: (w) => w.caseId,
    orderBy: ['c.blown_at', 'c.target'],
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

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
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { householdVisibility } from '../household/household.rules';
import { departmentAssignee } from '../whistle-list/whistle-list.rules';
import { CaseEscalation, CaseEvent, CaseWhistle, GridCase } from './case.entity';
import { reportingInCommunityOf } from './case.departments';
import { applyCaseFilters, applyWhistleFilters, parseCaseFilter, parseWhistleFilter } from './case.filters';
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
 * staff see the cases whistled to their department or assigned to it, nothing else of the county. A
 * reporting-in Party member (`reportsTo`: the community their double report was assigned in) sees the
 * cases behind their community's Party-member whistles (the whistles of their `myWhistles`), to know
 * what they are called to; never the household (`Case.household`), nor any other case.
 */
function visible<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  identity: Identity,
  reportsTo: string | null,
): SelectQueryBuilder<T> {
  const visibility = householdVisibility(identity);
  if (visibility.kind === 'all') return query;
  const department = identity.roles.includes('DEPARTMENT_STAFF') ? identity.departmentId : undefined;
  const gridIds = workedGrids(identity);
  const whistles = tableOf(query.connection, 'case_whistle');
  return query.andWhere(
    new Brackets((mine) => {
      mine.where('FALSE');
      if (gridIds.length) mine.orWhere('c.grid_id IN (:...visibleGridIds)', { visibleGridIds: gridIds });
      if (department)
        mine.orWhere(
          `(c.assignee_subject = :departmentAssignee OR EXISTS (SELECT 1 FROM ${whistles} vw
             WHERE vw.case_id = c.id AND vw.department_id = :visibleDepartment))`,
          { departmentAssignee: departmentAssignee(department), visibleDepartment: department },
        );
      if (reportsTo)
        mine.orWhere(
          `EXISTS (SELECT 1 FROM ${whistles} pw WHERE pw.case_id = c.id AND pw.answerer = 'PARTY_MEMBER' AND pw.region_code LIKE :reportsTo)`,
          { reportsTo: `${reportsTo}%` },
        );
    }),
  );
}

/** The community the caller reports in to as a Party member (双报到), or null; read once per request. */
function reportsToOf(context: SubgraphContext): Promise<string | null> {
  return loaderOf<string, string | null>(context, 'reporting-in-community', async (keys) => {
    const community = await reportingInCommunityOf(context.dataSource, context.identity);
    return keys.map(() => community);
  }).load('caller');
}

/** Cases by id for one request, scoped and visible, one statement per batch (also serves `_entities`). */
export function loadCase(context: SubgraphContext, id: string): Promise<GridCase | null> {
  return loaderOf<string, GridCase | null>(context, 'case-by-id', async (ids) => {
    // A malformed id cannot exist; filtering it here keeps Postgres from failing the whole batch.
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await visible(scopedQuery(context.dataSource, GridCase, 'c', context.identity), context.identity, await reportsToOf(context))
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
export async function listCases(
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
    await reportsToOf(context),
  );
  return paginate(applyCaseFilters(query, parsed, now), { first, after }, NEWEST_FIRST);
}

/** The latest blown first, then by id: a unique order, so a page boundary never splits or repeats a whistle. */
const LATEST_BLOWN_FIRST = [
  timestampKey<CaseWhistle>('w.blown_at', 'DESC', (w) => w.blownAt),
  { column: 'w.id', direction: 'ASC' as const, value: (w: CaseWhistle) => w.id },
];

/**
 * Whistles on the cases of a region that the caller may follow (督办), the latest blown first: the
 * region's subtree in the caller's scope, on cases they see by the rule of `cases` (`visible`: a
 * gridworker, the cases of their grids), narrowed by `filter` (`applyWhistleFilters`, the status at `now`).
 */
export async function listWhistles(
  context: SubgraphContext,
  args: ConnectionArgs & { regionCode: string; filter?: unknown },
  now: Date,
): Promise<Connection<CaseWhistle>> {
  const filter = parseWhistleFilter(args.filter);
  const inRegion = regionSubtreeCondition('w.region_code', args.regionCode, context.identity);
  const query = context.dataSource.getRepository(CaseWhistle).createQueryBuilder('w').where(inRegion.sql, inRegion.params);
  if (householdVisibility(context.identity).kind !== 'all') {
    // The whistle's case must be one the caller sees: the same predicate as `cases`, as a sub-select
    // (a join would make the page's LIMIT a second query).
    const cases = visible(
      context.dataSource.getRepository(GridCase).createQueryBuilder('c').select('c.id'),
      context.identity,
      await reportsToOf(context),
    );
    query.andWhere(`w.case_id IN (${cases.getQuery()})`, cases.getParameters());
  }
  return paginate(applyWhistleFilters(query, filter, now), args, LATEST_BLOWN_FIRST);
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

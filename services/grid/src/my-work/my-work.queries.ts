import { paginate, scopedQuery, timestampKey, type Connection, type ConnectionArgs, type SubgraphContext } from '@gg/shared';
import { Brackets } from 'typeorm';
import { reportingInCommunityOf } from '../case/case.departments';
import { workedGrids } from '../case/case.queries';
import { CaseWhistle, GridCase } from '../case/case.entity';
import { OPEN_STATUSES, type CaseStatus } from '../case/case.rules';
import { departmentAssignee } from '../whistle-list/whistle-list.rules';

/** The nearest deadline first, then by id: a unique order, so pages never split or repeat a case. */
const DEADLINE_FIRST = [
  timestampKey<GridCase>('c.deadline_at', 'ASC', (c) => c.deadlineAt),
  { column: 'c.id', direction: 'ASC' as const, value: (c: GridCase) => c.id },
];

export interface MyWorkFilter extends ConnectionArgs {
  status?: CaseStatus | null;
  overdueOnly?: boolean | null;
}

/**
 * The caller's to-do list, in their scope: cases assigned to them, and cases of their grids that
 * nobody has been given yet (the grids a gridworker sees, `householdVisibility`). Open cases unless
 * a status is asked for.
 */
export function listMyWork(context: SubgraphContext, filter: MyWorkFilter, now: Date): Promise<Connection<GridCase>> {
  // An administrator's "grids" are not theirs to work, nor a department's staff's: only a gridworker's grids hold waiting work.
  const myGrids = workedGrids(context.identity);
  const query = scopedQuery(context.dataSource, GridCase, 'c', context.identity).andWhere(
    new Brackets((mine) => {
      mine.where('c.assignee_subject = :me', { me: context.identity.subject });
      // Department staff work the cases assigned to their department.
      if (context.identity.departmentId && context.identity.roles.includes('DEPARTMENT_STAFF'))
        mine.orWhere('c.assignee_subject = :department', { department: departmentAssignee(context.identity.departmentId) });
      if (myGrids.length) mine.orWhere('(c.grid_id IN (:...myGrids) AND c.assignee_subject IS NULL)', { myGrids });
    }),
  );
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  else query.andWhere('c.status IN (:...open)', { open: [...OPEN_STATUSES] });
  if (filter.overdueOnly) query.andWhere('c.status IN (:...stillOpen) AND c.deadline_at < :now', { stillOpen: [...OPEN_STATUSES], now });
  return paginate(query, filter, DEADLINE_FIRST);
}

/** A page of whistles (a `CaseWhistleConnection`). */
export type WhistlePage = Connection<CaseWhistle>;

const ANSWER_DUE_FIRST = [
  timestampKey<CaseWhistle>('w.answer_by', 'ASC', (w) => w.answerBy),
  { column: 'w.id', direction: 'ASC' as const, value: (w: CaseWhistle) => w.id },
];

/**
 * The whistles waiting for the caller's answer, in their scope: a department's staff get their
 * department's; a Party member whose double report was assigned in a community gets that community's
 * Party members' whistles. Anyone else has none waiting. A whistle withdrawn with its case (resolved,
 * closed or rejected) waits for no one.
 */
export async function listMyWhistles(context: SubgraphContext, args: ConnectionArgs & { answered?: boolean | null }): Promise<WhistlePage> {
  const { identity } = context;
  const community = await reportingInCommunityOf(context.dataSource, identity);
  const query = scopedQuery(context.dataSource, CaseWhistle, 'w', identity).andWhere(
    new Brackets((mine) => {
      mine.where('FALSE');
      if (identity.departmentId && identity.roles.includes('DEPARTMENT_STAFF'))
        mine.orWhere("(w.answerer = 'DEPARTMENT' AND w.department_id = :department)", { department: identity.departmentId });
      if (community) mine.orWhere("(w.answerer = 'PARTY_MEMBER' AND w.region_code LIKE :community)", { community: `${community}%` });
    }),
  );
  // Waiting: unanswered and not withdrawn with its case (nobody answers for a case that is over).
  query.andWhere(args.answered ? 'w.answered_at IS NOT NULL' : 'w.answered_at IS NULL AND w.withdrawn_at IS NULL');
  return paginate(query, args, ANSWER_DUE_FIRST);
}

import {
  groupByKey,
  loaderOf,
  paginate,
  regionPrefixInput,
  regionSubtreeCondition,
  scopedQuery,
  scopePatterns,
  tableOf,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { JointMeeting, JointMeetingBody } from './joint-meeting.entity';

export type JointMeetingBodyConnection = Connection<JointMeetingBody>;

export interface JointMeetingTotals {
  year: number;
  meetings: number;
  problemsTabled: number;
  problemsSolved: number;
}

/** A page of the joint meetings under a region, by name then id, scoped. */
export function jointMeetingBodiesConnection(
  context: SubgraphContext,
  args: ConnectionArgs & { regionCode: string },
): Promise<JointMeetingBodyConnection> {
  const inRegion = regionSubtreeCondition('b.region_code', regionPrefixInput(args.regionCode), context.identity);
  const query = context.dataSource.getRepository(JointMeetingBody).createQueryBuilder('b').where(inRegion.sql, inRegion.params);
  return paginate(query, args, [
    { column: 'b.name', direction: 'ASC', value: (b) => b.name },
    { column: 'b.id', direction: 'ASC', value: (b) => b.id },
  ]);
}

/** Meetings of bodies in a year (a few a year: a plain list), by date, batched, scoped. */
export function loadMeetings(context: SubgraphContext, bodyId: string, year: number): Promise<JointMeeting[]> {
  return loaderOf<string, JointMeeting[]>(context, `joint-meetings:${year}`, async (ids) => {
    const rows = await scopedQuery(context.dataSource, JointMeeting, 'm', context.identity)
      .andWhere('m.body_id IN (:...ids)', { ids })
      .andWhere('m.held_on >= :from AND m.held_on < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('m.held_on')
      .getMany();
    return groupByKey(ids, rows, (r) => r.bodyId);
  }).load(bodyId);
}

/** Meetings held and problems tabled and solved in a year, per body, in one statement per batch. */
export function loadTotals(context: SubgraphContext, bodyId: string, year: number): Promise<JointMeetingTotals> {
  return loaderOf<string, JointMeetingTotals>(context, `joint-meeting-totals:${year}`, async (ids) => {
    const rows: Array<{ body_id: string; meetings: number; tabled: number; solved: number }> = await context.dataSource.query(
      `SELECT body_id, count(*)::int AS meetings, sum(problems_tabled)::int AS tabled, sum(problems_solved)::int AS solved
       FROM ${tableOf(context.dataSource, 'joint_meeting')}
       WHERE body_id::text = ANY($1::text[]) AND region_code LIKE ANY($2::text[])
         AND held_on >= make_date($3, 1, 1) AND held_on < make_date($3 + 1, 1, 1)
       GROUP BY body_id`,
      [ids, scopePatterns(context.identity), year],
    );
    return ids.map((id) => {
      const row = rows.find((r) => r.body_id === id);
      return { year, meetings: row?.meetings ?? 0, problemsTabled: row?.tabled ?? 0, problemsSolved: row?.solved ?? 0 };
    });
  }).load(bodyId);
}

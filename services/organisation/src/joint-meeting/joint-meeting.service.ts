import { badInput, groupByKey, loaderOf, notFound, requireRegionInScope, scopedQuery, type SubgraphContext, isUuid } from '@gg/shared';
import { Region } from '../region/region.entity';
import { tableOfEntity, scopesOf } from '../sql';
import { JointMeeting, JointMeetingBody } from './joint-meeting.entity';
import type { CreateJointMeetingBodyInput, RecordJointMeetingInput } from './joint-meeting.rules';

export interface JointMeetingTotals {
  year: number;
  meetings: number;
  problemsTabled: number;
  problemsSolved: number;
}

export function loadJointMeetingBody(context: SubgraphContext, id: string): Promise<JointMeetingBody | null> {
  return loaderOf<string, JointMeetingBody | null>(context, 'joint-meeting-body-by-id', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await scopedQuery(context.dataSource, JointMeetingBody, 'b', context.identity)
          .andWhere('b.id IN (:...ids)', { ids: valid })
          .getMany()
      : [];
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  }).load(id);
}

export function listJointMeetingBodies(context: SubgraphContext, regionCode: string, first: number): Promise<JointMeetingBody[]> {
  if (!/^\d{2,12}$/.test(regionCode)) throw badInput('regionCode', 'a region code is 2–12 digits');
  return scopedQuery(context.dataSource, JointMeetingBody, 'b', context.identity)
    .andWhere('b.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('b.name')
    .addOrderBy('b.id')
    .take(first)
    .getMany();
}

/** Meetings of bodies in a year, by date, batched, scoped. */
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
       FROM ${tableOfEntity(context.dataSource.getRepository(JointMeeting))}
       WHERE body_id::text = ANY($1::text[]) AND region_code LIKE ANY($2::text[])
         AND held_on >= make_date($3, 1, 1) AND held_on < make_date($3 + 1, 1, 1)
       GROUP BY body_id`,
      [ids, scopesOf(context), year],
    );
    return ids.map((id) => {
      const row = rows.find((r) => r.body_id === id);
      return { year, meetings: row?.meetings ?? 0, problemsTabled: row?.tabled ?? 0, problemsSolved: row?.solved ?? 0 };
    });
  }).load(bodyId);
}

/** Sets up a joint meeting (联席会议) of a county or street with its member units. */
export async function createJointMeetingBody(context: SubgraphContext, input: CreateJointMeetingBodyInput): Promise<JointMeetingBody> {
  requireRegionInScope(context.identity, input.regionCode, 'set up a joint meeting');
  return context.dataSource.transaction(async (manager) => {
    const region = await manager.findOneBy(Region, { code: input.regionCode });
    if (!region) throw badInput('input.regionCode', `Region ${input.regionCode} does not exist`);
    return manager.save(
      manager.create(JointMeetingBody, { name: input.name, regionCode: input.regionCode, memberUnits: input.memberUnits }),
    );
  });
}

/** Records a meeting held, with the problems tabled and solved at it (solved ≤ tabled). */
export async function recordJointMeeting(context: SubgraphContext, input: RecordJointMeetingInput): Promise<JointMeeting> {
  return context.dataSource.transaction(async (manager) => {
    const body = await manager.findOneBy(JointMeetingBody, { id: input.bodyId });
    if (!body) throw notFound(`Joint meeting ${input.bodyId}`, 'input.bodyId');
    requireRegionInScope(context.identity, body.regionCode, 'record a joint meeting');
    return manager.save(
      manager.create(JointMeeting, {
        bodyId: body.id,
        regionCode: body.regionCode,
        heldOn: input.heldOn,
        problemsTabled: input.problemsTabled,
        problemsSolved: input.problemsSolved,
        note: input.note ?? null,
      }),
    );
  });
}

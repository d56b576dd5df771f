import {
  loadScopedById,
  loaderOf,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { Activity, ActivitySignUp } from './activity.entity';

export type ActivityPage = Connection<Activity>;
export type ActivitySignUpPage = Connection<ActivitySignUp>;

export function loadActivity(context: SubgraphContext, id: string): Promise<Activity | null> {
  return loadScopedById(context, Activity, id);
}

/** A page of the activities the caller may see under a region prefix, latest start first, in one statement. */
export function listActivities(
  context: SubgraphContext,
  filter: { regionCode: string; teamId?: string | null },
  args: ConnectionArgs,
): Promise<ActivityPage> {
  const region = regionSubtreeCondition('a.region_code', filter.regionCode, context.identity);
  const query = context.dataSource.getRepository(Activity).createQueryBuilder('a').where(region.sql, region.params);
  if (filter.teamId) query.andWhere('a.team_id = :teamId', { teamId: filter.teamId });
  return paginate(query, args, [
    timestampKey<Activity>('a.starts_at', 'DESC', (a) => a.startsAt),
    { column: 'a.id', direction: 'ASC', value: (a) => a.id },
  ]);
}

/** An activity's sign-ups the caller may see, in sign-up order. */
export function activitySignUps(context: SubgraphContext, activityId: string, args: ConnectionArgs): Promise<ActivitySignUpPage> {
  const query = scopedQuery(context.dataSource, ActivitySignUp, 's', context.identity).andWhere('s.activity_id = :activityId', {
    activityId,
  });
  return paginate(query, args, [
    timestampKey<ActivitySignUp>('s.signed_up_at', 'ASC', (s) => s.signedUpAt),
    { column: 's.id', direction: 'ASC', value: (s) => s.id },
  ]);
}

/** A volunteer's sign-ups the caller may see, latest activity first. */
export function volunteerSignUps(context: SubgraphContext, volunteerId: string, args: ConnectionArgs): Promise<ActivitySignUpPage> {
  const query = scopedQuery(context.dataSource, ActivitySignUp, 's', context.identity).andWhere('s.volunteer_id = :volunteerId', {
    volunteerId,
  });
  return paginate(query, args, [
    timestampKey<ActivitySignUp>('s.starts_at', 'DESC', (s) => s.startsAt),
    { column: 's.id', direction: 'ASC', value: (s) => s.id },
  ]);
}

/** How many places are taken (every sign-up counts, whoever may see it), for a batch of activities in one statement. */
export function takenPlaces(context: SubgraphContext, activityId: string): Promise<number> {
  return loaderOf<string, number>(context, 'activity-taken-places', async (ids) => {
    const rows: Array<{ id: string; taken: number }> = await context.dataSource
      .getRepository(ActivitySignUp)
      .createQueryBuilder('s')
      .select('s.activity_id', 'id')
      .addSelect('count(*)::int', 'taken')
      .where('s.activity_id = ANY(:ids)', { ids: [...ids] })
      .groupBy('s.activity_id')
      .getRawMany();
    const byId = new Map(rows.map((r) => [r.id, r.taken]));
    return ids.map((id) => byId.get(id) ?? 0);
  }).load(activityId);
}

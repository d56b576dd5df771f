import type { EntityManager } from 'typeorm';
import { Activity, ActivitySignUp } from './activity.entity';

/** A region's activity figures for dashboards (志愿服务活动、服务时长). */
export interface ActivityFigures {
  /** Activities planned in the region and below it. */
  activities: number;
  /** Sign-ups for them. */
  signUps: number;
  /** Sign-ups whose attendance the organiser confirmed. */
  attendances: number;
  /** Minutes served, confirmed (what the time bank was credited for them). */
  minutesServed: number;
  /** The same in hours, to one decimal. */
  hoursServed: number;
}

/**
 * The activity figures of a region code prefix (a county, a street, a community), in two
 * statements over the region index. No scope check here: the caller (a dashboard field) has
 * checked the region is in the viewer's scope.
 */
export async function activityFigures(manager: EntityManager, regionCode: string): Promise<ActivityFigures> {
  const range = { from: regionCode, to: `${regionCode}:` };
  const [activity] = (await manager
    .createQueryBuilder(Activity, 'a')
    .select('count(*)::int', 'activities')
    .where('a.region_code >= :from AND a.region_code < :to', range)
    .getRawMany()) as Array<{ activities: number }>;
  const [signUps] = (await manager
    .createQueryBuilder(ActivitySignUp, 's')
    .select('count(*)::int', 'signUps')
    .addSelect('count(s.attendance_confirmed_at)::int', 'attendances')
    .addSelect('COALESCE(SUM(s.minutes_served), 0)::bigint', 'minutesServed')
    .where('s.region_code >= :from AND s.region_code < :to', range)
    .getRawMany()) as Array<{ signUps: number; attendances: number; minutesServed: string }>;
  const minutesServed = Number(signUps!.minutesServed);
  return {
    activities: activity!.activities,
    signUps: signUps!.signUps,
    attendances: signUps!.attendances,
    minutesServed,
    hoursServed: Math.round(minutesServed / 6) / 10,
  };
}

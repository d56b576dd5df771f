import { tableOf } from '@gg/shared';
import type { EntityManager } from 'typeorm';

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

interface ActivityFiguresRow {
  code: string;
  activities: number;
  sign_ups: number;
  attendances: number;
  minutes_served: string;
}

/** Every region, every status: the pattern list that restricts nothing (for callers that checked scope). */
export const ANY_REGION = ['%'];

/**
 * The activity figures of each region code prefix (a county, a street, a community) of a batch, in ONE
 * statement over the region indexes, counting only rows whose region matches one of `scopes` (LIKE
 * patterns, e.g. `scopePatterns(identity)`; `ANY_REGION` when the caller has checked scope itself).
 */
export async function activityFiguresOf(
  manager: EntityManager,
  regionCodes: readonly string[],
  scopes: readonly string[],
): Promise<Map<string, ActivityFigures>> {
  const t = (name: string) => tableOf(manager.connection, name);
  const inSubtree = (alias: string) =>
    `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || ':' AND ${alias}.region_code LIKE ANY($2::text[])`;
  const rows: ActivityFiguresRow[] = await manager.query(
    `SELECT r.code,
       (SELECT count(*)::int FROM ${t('activity')} a WHERE ${inSubtree('a')}) AS activities,
       s.sign_ups, s.attendances, s.minutes_served
     FROM unnest($1::text[]) AS r(code)
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS sign_ups, count(s.attendance_confirmed_at)::int AS attendances,
              COALESCE(sum(s.minutes_served), 0)::bigint::text AS minutes_served
       FROM ${t('activity_sign_up')} s WHERE ${inSubtree('s')}
     ) s`,
    [regionCodes, scopes],
  );
  return new Map(
    rows.map((row) => {
      const minutesServed = Number(row.minutes_served);
      return [
        row.code,
        {
          activities: row.activities,
          signUps: row.sign_ups,
          attendances: row.attendances,
          minutesServed,
          hoursServed: Math.round(minutesServed / 6) / 10,
        },
      ];
    }),
  );
}

/**
 * The activity figures of one region code prefix. No scope check here: the caller (a dashboard field)
 * has checked the region is in the viewer's scope, or uses `activityFiguresOf` with the viewer's scopes.
 */
export async function activityFigures(manager: EntityManager, regionCode: string): Promise<ActivityFigures> {
  return (await activityFiguresOf(manager, [regionCode], ANY_REGION)).get(regionCode)!;
}

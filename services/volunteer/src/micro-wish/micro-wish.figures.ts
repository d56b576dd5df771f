import { tableOf } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { ANY_REGION } from '../activity/activity.figures';

/**
 * A region's wish figures for dashboards (微心愿). The counts nest: every fulfilled wish is claimed,
 * every confirmed wish fulfilled. A wish whose claim lapsed is back on the wall and counts as posted
 * only, until claimed again (Zhongshan reports 9,637 claimed: wishes with a standing or completed claim).
 */
export interface WishFigures {
  /** Every wish posted in the region and below it. */
  posted: number;
  /** Waiting on the wall for a claimant. */
  onWall: number;
  /** Claimed: with a standing claim, fulfilled or confirmed. */
  claimed: number;
  /** Fulfilled: fulfilled or confirmed. */
  fulfilled: number;
  /** Confirmed by the wisher. */
  confirmed: number;
}

/**
 * The wish figures of each region code prefix of a batch, in ONE statement over the (region, status)
 * index, counting only wishes whose region matches one of `scopes` (LIKE patterns; `ANY_REGION` when
 * the caller has checked scope itself).
 */
export async function wishFiguresOf(
  manager: EntityManager,
  regionCodes: readonly string[],
  scopes: readonly string[],
): Promise<Map<string, WishFigures>> {
  const rows: Array<{ code: string } & WishFigures> = await manager.query(
    `SELECT r.code, w.*
     FROM unnest($1::text[]) AS r(code)
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS posted,
              count(*) FILTER (WHERE w.status = 'ON_WALL')::int AS "onWall",
              count(*) FILTER (WHERE w.status IN ('CLAIMED', 'FULFILLED', 'CONFIRMED'))::int AS claimed,
              count(*) FILTER (WHERE w.status IN ('FULFILLED', 'CONFIRMED'))::int AS fulfilled,
              count(*) FILTER (WHERE w.status = 'CONFIRMED')::int AS confirmed
       FROM ${tableOf(manager.connection, 'micro_wish')} w
       WHERE w.region_code >= r.code AND w.region_code < r.code || ':' AND w.region_code LIKE ANY($2::text[])
     ) w`,
    [regionCodes, scopes],
  );
  return new Map(rows.map(({ code, ...figures }) => [code, figures]));
}

/** The wish figures of one region code prefix; no scope check (see `activityFigures`). */
export async function wishFigures(manager: EntityManager, regionCode: string): Promise<WishFigures> {
  return (await wishFiguresOf(manager, [regionCode], ANY_REGION)).get(regionCode)!;
}

import type { EntityManager } from 'typeorm';
import { MicroWish } from './micro-wish.entity';

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

/** The wish figures of a region code prefix, in one statement over the (region, status) index; no scope check (see `activityFigures`). */
export async function wishFigures(manager: EntityManager, regionCode: string): Promise<WishFigures> {
  const rows = (await manager
    .createQueryBuilder(MicroWish, 'w')
    .select('w.status', 'status')
    .addSelect('count(*)::int', 'count')
    .where('w.region_code >= :from AND w.region_code < :to', { from: regionCode, to: `${regionCode}:` })
    .groupBy('w.status')
    .getRawMany()) as Array<{ status: string; count: number }>;
  const of = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.count, 0);
  return {
    posted: of('ON_WALL', 'CLAIMED', 'FULFILLED', 'CONFIRMED'),
    onWall: of('ON_WALL'),
    claimed: of('CLAIMED', 'FULFILLED', 'CONFIRMED'),
    fulfilled: of('FULFILLED', 'CONFIRMED'),
    confirmed: of('CONFIRMED'),
  };
}

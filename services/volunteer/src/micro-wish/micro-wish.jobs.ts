import { defineJob, regionCodeInput, type ScheduleDefinition } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { applyWishStep } from './micro-wish.commands';
import { MicroWish } from './micro-wish.entity';
import { WISH_LIFECYCLE } from './micro-wish.rules';

export const WISH_CLAIMS_ACTOR = 'system:wish-claims';

/** How many lapsed claims one run returns; the next run (minutes later) takes the rest. */
const SWEEP_BATCH = 500;

export interface WishClaimSweep {
  at: string;
  returned: number;
  /** Claims fulfilled or changed by someone else during the run: left as they are. */
  skipped: number;
}

const isConflict = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT';

/**
 * Returns every wish whose claim lapsed unfulfilled by `now` to the wall, each in its own
 * transaction with its history step (the version check leaves a wish fulfilled meanwhile alone).
 * Idempotent: a second run at the same instant finds nothing left to return; a worker that dies
 * mid-run leaves each wish either returned or still claimed, and the retry takes the rest.
 */
export async function returnLapsedClaims(dataSource: DataSource, now: Date, regionCode = ''): Promise<WishClaimSweep> {
  const result: WishClaimSweep = { at: now.toISOString(), returned: 0, skipped: 0 };
  const lapsed = await dataSource
    .getRepository(MicroWish)
    .createQueryBuilder('w')
    .where(`w.status = 'CLAIMED' AND w.claim_expires_at <= :now`, { now })
    .andWhere('w.region_code LIKE :prefix', { prefix: `${regionCode}%` })
    .orderBy('w.claim_expires_at')
    .take(SWEEP_BATCH)
    .getMany();
  for (const wish of lapsed) {
    if (WISH_LIFECYCLE.problem('EXPIRE_CLAIM', wish.status, (party) => party === 'SYSTEM')) continue;
    try {
      await dataSource.transaction((manager) =>
        applyWishStep(manager, wish, {
          action: 'EXPIRE_CLAIM',
          change: {
            claimantKind: null,
            claimantName: null,
            claimantSubject: null,
            claimantVolunteerId: null,
            claimedAt: null,
            claimExpiresAt: null,
          },
          actorSubject: WISH_CLAIMS_ACTOR,
          at: now,
          field: 'wishId',
        }),
      );
      result.returned += 1;
    } catch (error) {
      if (!isConflict(error)) throw error;
      result.skipped += 1;
    }
  }
  return result;
}

/**
 * The claim-expiry job (BullMQ): returns lapsed claims to the wall. The payload may fix the clock
 * (`now`, an ISO instant) and narrow the run to a region (`regionCode`, a prefix) for a replay or a
 * test; the schedule sends neither.
 */
export const wishClaimsJob = defineJob({
  name: 'wish-claims',
  payload: z.object({
    now: z.string().datetime().optional(),
    regionCode: regionCodeInput().optional(),
  }),
  handler: async (payload, context) =>
    returnLapsedClaims(context.dataSource, payload.now ? new Date(payload.now) : new Date(), payload.regionCode),
});

/** Every ten minutes: claim periods are days, so a wish is back on the wall at most minutes late. */
export const wishClaimsSchedule: ScheduleDefinition = {
  id: 'wish-claims-every-10-minutes',
  job: wishClaimsJob,
  every: 10 * 60 * 1000,
  payload: {},
};

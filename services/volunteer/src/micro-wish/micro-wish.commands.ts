import {
  applyVersionedChange,
  type CommandContext,
  countyOf,
  countySettingOf,
  createIdempotently,
  defineCommand,
  forbidden,
  hasRole,
  READERS,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  WRITERS,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import { MicroWish, MicroWishStep } from './micro-wish.entity';
import { claimWishInput, fulfilWishInput, postWishInput, wishStepInput, type PostWishInput } from './micro-wish.inputs';
import { claimExpiry, claimsOwnWish, personIs, WISH_LIFECYCLE, wishClaimPolicy, type WishAction } from './micro-wish.rules';

/**
 * Takes one step of a wish's life in the caller's transaction: the state machine says whether the
 * step is allowed from the current status, the version check lets one of two racing steps through,
 * and the history row is written with it.
 */
export async function applyWishStep(
  manager: EntityManager,
  wish: MicroWish,
  step: { action: WishAction; change: Partial<MicroWish>; actorSubject: string; at: Date; field: string },
): Promise<MicroWish> {
  const to = WISH_LIFECYCLE.transitions[step.action].to;
  return applyVersionedChange(manager, {
    entity: MicroWish,
    current: wish,
    change: { ...step.change, status: to },
    field: step.field,
    history: {
      entity: MicroWishStep,
      row: (before, after, version) => ({
        wishId: before.id,
        regionCode: before.regionCode,
        version,
        action: step.action,
        fromStatus: before.status,
        toStatus: after.status,
        actorSubject: step.actorSubject,
        at: step.at,
      }),
    },
  });
}

async function wishForWrite(ctx: CommandContext, id: string): Promise<MicroWish> {
  return recordForWrite(ctx.manager, MicroWish, id, { identity: ctx.caller, field: 'input.wishId', label: 'Wish' });
}

/** Checks a person's step against the lifecycle: FORBIDDEN for the wrong party, CONFLICT (naming the wish) from the wrong status. */
function checkStep(ctx: CommandContext, action: WishAction, wish: MicroWish): void {
  WISH_LIFECYCLE.check(action, wish.status, (party) => personIs(ctx.caller, party, wish), 'input.wishId');
}

/** The wish a poster already posted with a key, if any. */
function wishByKey(ctx: CommandContext, idempotencyKey: string): Promise<MicroWish | null> {
  return ctx.manager.findOneBy(MicroWish, { posterSubject: ctx.caller.subject, idempotencyKey });
}

/** True when a wish sent again with a key is the first one (a retry), not another wish. */
function sameWish(first: MicroWish, input: PostWishInput): boolean {
  return (
    first.regionCode === input.regionCode &&
    first.title === input.title &&
    first.description === input.description &&
    first.onBehalf === input.onBehalf
  );
}

/** Writes a new wish on the wall and its POST step. */
async function insertWish(manager: EntityManager, input: PostWishInput, ctx: CommandContext): Promise<MicroWish> {
  const wish = await manager.save(
    manager.create(MicroWish, {
      regionCode: input.regionCode,
      title: input.title,
      description: input.description,
      status: 'ON_WALL',
      posterSubject: ctx.caller.subject,
      onBehalf: input.onBehalf,
      postedAt: ctx.now,
      version: 1,
      idempotencyKey: input.idempotencyKey,
    }),
  );
  await manager.insert(MicroWishStep, {
    wishId: wish.id,
    regionCode: wish.regionCode,
    version: 1,
    action: 'POST',
    fromStatus: null,
    toStatus: 'ON_WALL',
    actorSubject: ctx.caller.subject,
    at: ctx.now,
  });
  return wish;
}

/**
 * Posts a wish on a community's wall (发布心愿): by the resident, or by a household leader (联户长)
 * or gridworker for a resident who cannot (`onBehalf`); whoever posts it confirms it at the end.
 * With an idempotency key, a retry by the same poster returns the first wish (racing retries are
 * decided by the unique index on (poster, key)); the key with a different wish is a CONFLICT.
 */
export const postWish = defineCommand({
  name: 'postWish',
  input: postWishInput,
  roles: READERS,
  async run(input, ctx) {
    const retry = {
      key: input.idempotencyKey,
      find: (key: string) => wishByKey(ctx, key),
      sameAs: (first: MicroWish) => sameWish(first, input),
      what: 'wish',
    };
    return createIdempotently(ctx.manager, retry, async (manager) => {
      requireWritableRegion(ctx.caller, input.regionCode, 'post a wish', 'input.regionCode');
      await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
      return insertWish(manager, input, ctx);
    });
  },
});

/**
 * The volunteer record of a person claiming, found by their login (`Volunteer.accountSubject`): the
 * record of the wish's community first, else one of its street (a volunteer may serve the next
 * community), the earliest; null when their login names no volunteer record there.
 */
async function claimantVolunteerOf(ctx: CommandContext, wishRegion: string): Promise<string | null> {
  const records = await ctx.manager
    .createQueryBuilder(Volunteer, 'v')
    .where('v.account_subject = :subject AND v.region_code LIKE :street', {
      subject: ctx.caller.subject,
      street: `${wishRegion.slice(0, 9)}%`,
    })
    .orderBy('v.joined_at', 'ASC')
    .addOrderBy('v.id', 'ASC')
    .getMany();
  const volunteer = records.find((v) => v.regionCode === wishRegion) ?? records[0];
  return volunteer?.id ?? null;
}

/**
 * Claims a wish (认领): one claimant at a time. A Party member or volunteer claims for themselves
 * (holding that role); staff record an agency's or merchant's claim. The claim lapses after the
 * county's claim period if not fulfilled, and the wish returns to the wall.
 */
export const claimWish = defineCommand({
  name: 'claimWish',
  input: claimWishInput,
  roles: [...WRITERS, 'PARTY_MEMBER', 'VOLUNTEER'],
  async run(input, ctx) {
    const wish = await wishForWrite(ctx, input.wishId);
    const kind = input.claimantKind;
    if (kind === 'AGENCY' || kind === 'MERCHANT') {
      if (!hasRole(ctx.caller, ...WRITERS))
        throw forbidden('Staff of the region record an agency’s or merchant’s claim', 'input.claimantKind');
    } else if (!hasRole(ctx.caller, kind)) throw forbidden(`Only a caller with the ${kind} role claims as one`, 'input.claimantKind');
    checkStep(ctx, 'CLAIM', wish);
    if (claimsOwnWish(ctx.caller, kind, wish))
      throw forbidden('A wish is claimed by someone other than whoever posted it (they confirm it at the end)', 'input.wishId');
    const policy = await countySettingOf(ctx.manager, wishClaimPolicy, countyOf(wish.regionCode)!);
    return applyWishStep(ctx.manager, wish, {
      action: 'CLAIM',
      change: {
        claimantKind: input.claimantKind,
        claimantName: input.claimantName,
        claimantSubject: ctx.caller.subject,
        claimantVolunteerId: kind === 'AGENCY' || kind === 'MERCHANT' ? null : await claimantVolunteerOf(ctx, wish.regionCode),
        claimedAt: ctx.now,
        claimExpiresAt: claimExpiry(ctx.now, policy.value.claimDays),
      },
      actorSubject: ctx.caller.subject,
      at: ctx.now,
      field: 'input.wishId',
    });
  },
});

/** Reports a wish fulfilled (圆梦) with evidence of what was done: by the claimant, or staff for an agency or merchant. */
export const fulfilWish = defineCommand({
  name: 'fulfilWish',
  input: fulfilWishInput,
  roles: [...WRITERS, 'PARTY_MEMBER', 'VOLUNTEER'],
  async run(input, ctx) {
    const wish = await wishForWrite(ctx, input.wishId);
    checkStep(ctx, 'FULFIL', wish);
    return applyWishStep(ctx.manager, wish, {
      action: 'FULFIL',
      change: { fulfilledAt: ctx.now, evidence: input.evidence, claimExpiresAt: null },
      actorSubject: ctx.caller.subject,
      at: ctx.now,
      field: 'input.wishId',
    });
  },
});

/** The wisher confirms the wish came true (确认圆梦): only whoever posted it. */
export const confirmWish = defineCommand({
  name: 'confirmWish',
  input: wishStepInput,
  roles: READERS,
  async run(input, ctx) {
    const wish = await wishForWrite(ctx, input.wishId);
    checkStep(ctx, 'CONFIRM', wish);
    return applyWishStep(ctx.manager, wish, {
      action: 'CONFIRM',
      change: { confirmedAt: ctx.now },
      actorSubject: ctx.caller.subject,
      at: ctx.now,
      field: 'input.wishId',
    });
  },
});

/** The claimant gives a claimed wish back to the wall (放弃认领), for someone else to claim. */
export const releaseWishClaim = defineCommand({
  name: 'releaseWishClaim',
  input: wishStepInput,
  roles: [...WRITERS, 'PARTY_MEMBER', 'VOLUNTEER'],
  async run(input, ctx) {
    const wish = await wishForWrite(ctx, input.wishId);
    checkStep(ctx, 'RELEASE_CLAIM', wish);
    return applyWishStep(ctx.manager, wish, {
      action: 'RELEASE_CLAIM',
      change: {
        claimantKind: null,
        claimantName: null,
        claimantSubject: null,
        claimantVolunteerId: null,
        claimedAt: null,
        claimExpiresAt: null,
      },
      actorSubject: ctx.caller.subject,
      at: ctx.now,
      field: 'input.wishId',
    });
  },
});

export const microWishCommands = [postWish, claimWish, releaseWishClaim, fulfilWish, confirmWish];

import {
  badInput,
  type CommandContext,
  conflict,
  defineCommand,
  forbidden,
  isUniqueViolation,
  notFound,
  personalDataKeys,
  READERS,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  WRITERS,
  coversRegion,
  tableOf,
} from '@gg/shared';
import { TimeBankAccount, TimeBankTransfer } from '../time-bank/time-bank.entity';
import {
  accountForWrite,
  communityAccountOf,
  holdsAccount,
  ownAccountForWrite,
  postTransfer,
  reverseTransfer,
} from '../time-bank/time-bank.ledger';
import { isBounded, transferPostings } from '../time-bank/time-bank.rules';
import { isAdminOf } from '../volunteer/volunteer.rules';
import { Merchant, MerchantReward, RewardRedemption } from './merchant.entity';
import {
  cancelRewardRedemptionInput,
  offerMerchantRewardInput,
  redeemMerchantRewardInput,
  registerMerchantInput,
  verifyRedemptionInput,
} from './merchant.inputs';
import { redemptionCodeKey, redemptionIdOfCode, signRedemptionCode } from './merchant.rules';

/** The key codes are signed with, from the service's keyed-hash secret. */
const codeKey = () => redemptionCodeKey(personalDataKeys().hash);

/** Registers a shop (红城星店) in a community; its name is unique there. */
export const registerMerchant = defineCommand({
  name: 'registerMerchant',
  input: registerMerchantInput,
  roles: WRITERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'register a merchant', 'input.regionCode');
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    try {
      return await ctx.manager.save(ctx.manager.create(Merchant, { ...input, registeredAt: ctx.now }));
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict(`Community ${input.regionCode} already has a merchant named ${input.name}`, 'input.name');
      throw error;
    }
  },
});

/** Puts a reward on offer at a shop: a price in time-bank minutes and a stock. */
export const offerMerchantReward = defineCommand({
  name: 'offerMerchantReward',
  input: offerMerchantRewardInput,
  roles: WRITERS,
  async run(input, ctx) {
    const merchant = await recordForWrite(ctx.manager, Merchant, input.merchantId, {
      identity: ctx.caller,
      field: 'input.merchantId',
      label: 'Merchant',
    });
    try {
      return await ctx.manager.save(
        ctx.manager.create(MerchantReward, {
          regionCode: merchant.regionCode,
          merchantId: merchant.id,
          name: input.name,
          priceMinutes: input.priceMinutes,
          stock: input.stock,
          offeredAt: ctx.now,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`${merchant.name} already offers a reward named ${input.name}`, 'input.name');
      throw error;
    }
  },
});

/** A reward in the caller's scope; NOT_FOUND naming the field otherwise. */
function rewardForWrite(ctx: CommandContext, id: string): Promise<MerchantReward> {
  return recordForWrite(ctx.manager, MerchantReward, id, { identity: ctx.caller, field: 'input.rewardId', label: 'Reward' });
}

/**
 * Redeems a reward with an account's hours, in the caller's transaction: one unit of stock is taken
 * by a conditional decrement (never below zero, racing redemptions of the last unit: one wins), the
 * price is debited through the ledger's own use case (refused below the county's minimum, and then
 * nothing is written, the stock included), and the shop gets a signed code to verify once.
 */
async function redeemFrom(ctx: CommandContext, reward: MerchantReward, account: TimeBankAccount) {
  const taken: Array<{ stock: number }> = await ctx.manager.query(
    `UPDATE ${tableOf(ctx.manager.connection, 'merchant_reward')} SET stock = stock - 1 WHERE id = $1 AND stock > 0 RETURNING stock`,
    [reward.id],
  );
  const left = Array.isArray(taken[0]) ? (taken[0] as unknown[]) : taken;
  if (left.length === 0) throw conflict(`${reward.name} is out of stock`, 'input.rewardId');
  const community = await communityAccountOf(ctx.manager, account.regionCode, ctx.now);
  const transfer = await postTransfer(ctx, {
    kind: 'DEBIT',
    reason: `兑换 ${reward.name}`,
    regionCode: account.regionCode,
    postings: transferPostings(account.id, community.id, reward.priceMinutes),
    field: 'input.accountId',
  });
  const redemption = await ctx.manager.save(
    ctx.manager.create(RewardRedemption, {
      regionCode: reward.regionCode,
      rewardId: reward.id,
      merchantId: reward.merchantId,
      accountId: account.id,
      transferId: transfer.id,
      priceMinutes: reward.priceMinutes,
      redeemedBy: ctx.caller.subject,
      redeemedAt: ctx.now,
      usedAt: null,
      usedBy: null,
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
      reversalTransferId: null,
    }),
  );
  return { redemption, code: signRedemptionCode(redemption.id, codeKey()) };
}

/** Redeems a reward with a member's time-bank hours, at the service desk (staff, for any account of their scope). */
export const redeemMerchantReward = defineCommand({
  name: 'redeemMerchantReward',
  input: redeemMerchantRewardInput,
  roles: WRITERS,
  async run(input, ctx) {
    const reward = await rewardForWrite(ctx, input.rewardId);
    const account = await accountForWrite(ctx, input.accountId, 'input.accountId');
    if (!isBounded(account.holderKind)) throw badInput('input.accountId', 'a community account does not redeem rewards');
    return redeemFrom(ctx, reward, account);
  },
});

/**
 * A holder redeems a reward by themselves (红城星店 in the app): a volunteer, household leader or Party
 * member spends from their own account with their own login (see `holdsAccount`), never from anyone
 * else's (FORBIDDEN naming `input.accountId`).
 */
export const redeemMyMerchantReward = defineCommand({
  name: 'redeemMyMerchantReward',
  input: redeemMerchantRewardInput,
  roles: READERS,
  async run(input, ctx) {
    const reward = await rewardForWrite(ctx, input.rewardId);
    const account = await ownAccountForWrite(ctx, input.accountId, 'input.accountId');
    return redeemFrom(ctx, reward, account);
  },
});

/**
 * Cancels a redemption the shop has not taken yet, by its holder or staff of the shop's region: the
 * redemption is marked cancelled by a conditional update (so a cancellation racing the shop's
 * verification of the code, which updates the same row on the same condition, is decided one way:
 * exactly one of them wins), its debit is reversed by a new transfer (entries are never changed) and
 * its unit goes back to stock. The code is then refused at the till.
 */
export const cancelRewardRedemption = defineCommand({
  name: 'cancelRewardRedemption',
  input: cancelRewardRedemptionInput,
  roles: READERS,
  async run(input, ctx) {
    const field = 'input.redemptionId';
    const redemption = await ctx.manager.findOneBy(RewardRedemption, { id: input.redemptionId });
    if (!redemption || !coversRegion(ctx.caller, redemption.regionCode)) throw notFound('Redemption', field);
    const account = await ctx.manager.findOneByOrFail(TimeBankAccount, { id: redemption.accountId });
    if (!isAdminOf(ctx.caller, redemption.regionCode) && !(await holdsAccount(ctx.manager, ctx.caller, account)))
      throw forbidden('Only the holder of the account it was paid from, or staff of the shop’s region, cancels a redemption', field);
    const cancelled = await ctx.manager
      .createQueryBuilder()
      .update(RewardRedemption)
      .set({ cancelledAt: ctx.now, cancelledBy: ctx.caller.subject, cancelReason: input.reason })
      .where('id = :id AND used_at IS NULL AND cancelled_at IS NULL', { id: redemption.id })
      .execute();
    if (cancelled.affected !== 1) {
      const now = await ctx.manager.findOneByOrFail(RewardRedemption, { id: redemption.id });
      throw conflict(
        now.usedAt ? `The shop already took this redemption's code at ${now.usedAt.toISOString()}` : 'This redemption is already cancelled',
        field,
      );
    }
    const debit = await ctx.manager.findOneByOrFail(TimeBankTransfer, { id: redemption.transferId });
    const reversal = await reverseTransfer(ctx, { original: debit, reason: `撤销兑换：${input.reason}`.slice(0, 200), field });
    await ctx.manager.query(`UPDATE ${tableOf(ctx.manager.connection, 'merchant_reward')} SET stock = stock + 1 WHERE id = $1`, [
      redemption.rewardId,
    ]);
    await ctx.manager.update(RewardRedemption, { id: redemption.id }, { reversalTransferId: reversal.id });
    return {
      ...redemption,
      cancelledAt: ctx.now,
      cancelledBy: ctx.caller.subject,
      cancelReason: input.reason,
      reversalTransferId: reversal.id,
    };
  },
});

/**
 * The shop checks a code shown at the counter and takes it (核销): a code with a wrong signature is
 * refused before anything is read; only the shop's own account may use it; a code is used once (the
 * conditional update decides, so two tills scanning one code at once cannot both take it).
 */
export const verifyRedemption = defineCommand({
  name: 'verifyRedemption',
  input: verifyRedemptionInput,
  roles: READERS,
  async run(input, ctx) {
    const id = redemptionIdOfCode(input.code, codeKey());
    if (!id) throw badInput('input.code', 'this is not a redemption code of this platform (malformed or altered)');
    const redemption = await ctx.manager.findOneBy(RewardRedemption, { id });
    if (!redemption || !coversRegion(ctx.caller, redemption.regionCode)) throw notFound('Redemption', 'input.code');
    const merchant = await ctx.manager.findOneByOrFail(Merchant, { id: redemption.merchantId });
    if (merchant.accountSubject !== ctx.caller.subject)
      throw forbidden(`Only ${merchant.name}'s own account may use its redemption codes`, 'input.code');
    // The same condition as a cancellation's: of the two racing on this row, exactly one wins.
    const used = await ctx.manager
      .createQueryBuilder()
      .update(RewardRedemption)
      .set({ usedAt: ctx.now, usedBy: ctx.caller.subject })
      .where('id = :id AND used_at IS NULL AND cancelled_at IS NULL', { id })
      .execute();
    if (used.affected !== 1) {
      const now = await ctx.manager.findOneByOrFail(RewardRedemption, { id });
      throw conflict(
        now.cancelledAt
          ? 'This redemption was cancelled (its hours given back): the code is no longer good'
          : `This code was already used${now.usedAt ? ` at ${now.usedAt.toISOString()}` : ''}`,
        'input.code',
      );
    }
    return { ...redemption, usedAt: ctx.now, usedBy: ctx.caller.subject };
  },
});

export const merchantCommands = [
  registerMerchant,
  offerMerchantReward,
  redeemMerchantReward,
  redeemMyMerchantReward,
  cancelRewardRedemption,
  verifyRedemption,
];

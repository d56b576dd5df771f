import {
  badInput,
  conflict,
  coversRegion,
  defineCommand,
  isUniqueViolation,
  notFound,
  recordForWrite,
  requireReference,
  tableOf,
  WRITERS,
} from '@gg/shared';
import { Volunteer } from '../volunteer/volunteer.entity';
import { TimeBankAccount, TimeBankTransfer } from './time-bank.entity';
import {
  openTimeBankAccountInput,
  reverseTimeBankTransferInput,
  timeBankPostingInput,
  type OpenTimeBankAccountInput,
  type TimeBankPostingInput,
} from './time-bank.inputs';
import { accountForWrite, communityAccountOf, postTransfer, reverseTransfer, type ServiceHolder } from './time-bank.ledger';
import { serviceHolderOf, transferPostings } from './time-bank.rules';
import type { CommandContext } from '@gg/shared';

/**
 * Whose account an open names, checked: a Party member (organisation's reference), a volunteer (a
 * double-report volunteer's account is their member account, as activities credit it), or a
 * household leader by their household (grid's reference).
 */
async function holderToOpen(input: OpenTimeBankAccountInput, ctx: CommandContext): Promise<ServiceHolder & { field: string }> {
  if (input.partyMemberId) {
    const field = 'input.partyMemberId';
    const member = await requireReference(ctx.manager, 'PARTY_MEMBER', input.partyMemberId, { field, identity: ctx.caller });
    return { kind: 'PARTY_MEMBER', key: input.partyMemberId, regionCode: member.regionCode, field };
  }
  if (input.volunteerId) {
    const field = 'input.volunteerId';
    const volunteer = await recordForWrite(ctx.manager, Volunteer, input.volunteerId, { identity: ctx.caller, field, label: 'Volunteer' });
    return { ...serviceHolderOf({ volunteer, regionCode: volunteer.regionCode }), field };
  }
  const field = 'input.householdId';
  const household = await requireReference(ctx.manager, 'HOUSEHOLD', input.householdId!, { field, identity: ctx.caller });
  return { kind: 'HOUSEHOLD', key: household.key, regionCode: household.regionCode, field };
}

/**
 * Opens a time-bank account in the holder's region: a Party member's, a registered volunteer's or a
 * household leader's; one account per holder (an activity's credit opens a volunteer's on first use too).
 */
export const openTimeBankAccount = defineCommand({
  name: 'openTimeBankAccount',
  input: openTimeBankAccountInput,
  roles: WRITERS,
  async run(input, ctx) {
    const holder = await holderToOpen(input, ctx);
    try {
      return await ctx.manager.save(
        ctx.manager.create(TimeBankAccount, {
          regionCode: holder.regionCode,
          holderKind: holder.kind,
          holderKey: holder.key,
          openedAt: ctx.now,
        }),
      );
    } catch (error) {
      // The unique key decides, so two concurrent opens cannot both pass.
      if (isUniqueViolation(error)) throw conflict(`${holder.kind} ${holder.key} already has an account`, holder.field);
      throw error;
    }
  },
});

/** A member's account for a credit or debit: the community's own account is not a member's. */
async function memberAccount(ctx: CommandContext, input: TimeBankPostingInput): Promise<TimeBankAccount> {
  const account = await accountForWrite(ctx, input.accountId, 'input.accountId');
  if (account.holderKind === 'COMMUNITY')
    throw badInput('input.accountId', 'a community account is credited and debited only as the other side');
  return account;
}

/**
 * Credits confirmed service hours (服务时长) to a member: the community's account issues them, so the
 * pair of entries sums to zero.
 */
export const creditTimeBankHours = defineCommand({
  name: 'creditTimeBankHours',
  input: timeBankPostingInput,
  roles: WRITERS,
  async run(input, ctx) {
    const account = await memberAccount(ctx, input);
    const community = await communityAccountOf(ctx.manager, account.regionCode, ctx.now);
    return postTransfer(ctx, {
      kind: 'CREDIT',
      reason: input.reason,
      regionCode: account.regionCode,
      postings: transferPostings(community.id, account.id, input.minutes),
      field: 'input.minutes',
    });
  },
});

/** Spends a member's hours on a service received; refused (nothing written) below the county's minimum. */
export const debitTimeBankHours = defineCommand({
  name: 'debitTimeBankHours',
  input: timeBankPostingInput,
  roles: WRITERS,
  async run(input, ctx) {
    const account = await memberAccount(ctx, input);
    const community = await communityAccountOf(ctx.manager, account.regionCode, ctx.now);
    return postTransfer(ctx, {
      kind: 'DEBIT',
      reason: input.reason,
      regionCode: account.regionCode,
      postings: transferPostings(account.id, community.id, input.minutes),
      field: 'input.minutes',
    });
  },
});

/**
 * Whether a debit paid for a merchant reward (红城星店). Its code is good at the shop's till, so
 * refunding the hours alone would hand out the reward for nothing. Read by table name: the merchant
 * aggregate uses the ledger, never the other way round.
 */
async function paidForRedemption(ctx: CommandContext, transferId: string): Promise<boolean> {
  const rows: unknown[] = await ctx.manager.query(
    `SELECT 1 FROM ${tableOf(ctx.manager.connection, 'reward_redemption')} WHERE transfer_id = $1`,
    [transferId],
  );
  return rows.length > 0;
}

/**
 * Undoes a credit or debit by a new transfer with the signs turned (entries are never changed).
 * A transfer is reversed once; a reversal is not reversed (post the credit or debit again instead);
 * reversing a credit whose hours were already spent is refused like any debit below the minimum; the
 * debit that paid for a reward redemption is not reversed (the shop's code would still be good).
 */
export const reverseTimeBankTransfer = defineCommand({
  name: 'reverseTimeBankTransfer',
  input: reverseTimeBankTransferInput,
  roles: WRITERS,
  async run(input, ctx) {
    const original = await ctx.manager.findOneBy(TimeBankTransfer, { id: input.transferId });
    if (!original || !coversRegion(ctx.caller, original.regionCode))
      throw notFound(`Time-bank transfer ${input.transferId}`, 'input.transferId');
    if (original.kind === 'REVERSAL') throw badInput('input.transferId', 'a reversal is not reversed: post the credit or debit again');
    if (await paidForRedemption(ctx, original.id))
      throw conflict(
        `Transfer ${original.id} paid for a reward redemption whose code the shop may take: cancel the redemption instead (cancelRewardRedemption), while the shop has not taken it`,
        'input.transferId',
      );
    return reverseTransfer(ctx, { original, reason: input.reason, field: 'input.transferId' });
  },
});

export const timeBankCommands = [openTimeBankAccount, creditTimeBankHours, debitTimeBankHours, reverseTimeBankTransfer];

import {
  conflict,
  countyOf,
  countySettingOf,
  coversRegion,
  forbidden,
  isUniqueViolation,
  notFound,
  tableOf,
  type CommandContext,
  type Identity,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { TimeBankAccount, TimeBankEntry, TimeBankTransfer } from './time-bank.entity';
import {
  breachesMinimum,
  isBounded,
  netChangeByAccount,
  reversalPostings,
  timeBankPolicy,
  transferPostings,
  type Posting,
  type ServiceHolder,
  type TimeBankTransferKind,
} from './time-bank.rules';

export type { ServiceHolder } from './time-bank.rules';

/**
 * The ledger's one way to write: a transfer and its entries, in the caller's transaction. Other
 * aggregates (activities crediting hours, redemptions spending them) call these use cases, never the
 * tables.
 */

/** An account by id for a write by the caller; NOT_FOUND naming the field when unknown or out of scope. */
export async function accountForWrite(ctx: CommandContext, id: string, field: string): Promise<TimeBankAccount> {
  const account = await ctx.manager.findOneBy(TimeBankAccount, { id });
  if (!account || !coversRegion(ctx.caller, account.regionCode)) throw notFound(`Time-bank account ${id}`, field);
  return account;
}

/** The community's own account, opened the first time hours are issued there (race-free: the unique key decides). */
export async function communityAccountOf(manager: EntityManager, regionCode: string, now: Date): Promise<TimeBankAccount> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(TimeBankAccount)
    .values({ regionCode, holderKind: 'COMMUNITY', holderKey: regionCode, openedAt: now })
    .orIgnore()
    .execute();
  return manager.findOneByOrFail(TimeBankAccount, { holderKind: 'COMMUNITY', holderKey: regionCode });
}

/** An account's balance in minutes: the sum of its entries (there is no balance column to drift). */
export async function balanceOf(manager: EntityManager, accountId: string): Promise<number> {
  const [row] = (await manager.query(
    `SELECT COALESCE(SUM(minutes), 0)::int AS balance FROM ${manager.connection.getMetadata(TimeBankEntry).tablePath} WHERE account_id = $1`,
    [accountId],
  )) as Array<{ balance: number }>;
  return row!.balance;
}

export interface TransferRequest {
  kind: TimeBankTransferKind;
  reason: string;
  regionCode: string;
  postings: readonly Posting[];
  reversesId?: string;
  /** What the transfer is for, when another aggregate posts it; unique (see TimeBankTransfer.sourceKey). */
  sourceKey?: string;
  /** The input field named when a lowered balance would break its minimum. */
  field: string;
}

/**
 * Posts a transfer. Every account it lowers is locked first (in id order, so two transfers never
 * wait on each other in a circle); its balance is then read under the lock, so two concurrent
 * debits are decided one after the other and the second sees the first. A lowering that would leave
 * an account below the county's minimum is refused (CONFLICT) before anything is written.
 * The lock is FOR NO KEY UPDATE, not FOR UPDATE: the entries another transfer writes to the account
 * take a key-share lock on it (their foreign key), which FOR UPDATE would block. A holder's
 * redemption (holder locked, then an entry to the community) racing a credit or cancellation
 * (community locked, then an entry to the holder) deadlocked on exactly that.
 */
export async function postTransfer(ctx: CommandContext, request: TransferRequest): Promise<TimeBankTransfer> {
  const { manager } = ctx;
  const lowered = [...netChangeByAccount(request.postings)].filter(([, change]) => change < 0).sort(([a], [b]) => a.localeCompare(b));
  for (const [accountId, change] of lowered) {
    const account = await manager
      .createQueryBuilder(TimeBankAccount, 'a')
      .setLock('for_no_key_update')
      .where('a.id = :accountId', { accountId })
      .getOneOrFail();
    if (!isBounded(account.holderKind)) continue;
    const minimum = (await countySettingOf(manager, timeBankPolicy, countyOf(account.regionCode) ?? account.regionCode.slice(0, 6))).value
      .minimumBalanceMinutes;
    const balance = await balanceOf(manager, accountId);
    if (breachesMinimum(balance, change, minimum))
      throw conflict(
        `Account ${accountId} holds ${balance} minutes; taking ${-change} would leave it below its minimum of ${minimum}`,
        request.field,
      );
  }
  const transfer = await manager.save(
    manager.create(TimeBankTransfer, {
      kind: request.kind,
      reason: request.reason,
      regionCode: request.regionCode,
      reversesId: request.reversesId ?? null,
      sourceKey: request.sourceKey ?? null,
      recordedBy: ctx.caller.subject,
      recordedAt: ctx.now,
    }),
  );
  await manager.insert(
    TimeBankEntry,
    request.postings.map((p) => ({ transferId: transfer.id, accountId: p.accountId, minutes: p.minutes, recordedAt: ctx.now })),
  );
  return transfer;
}

/** The postings of a transfer, as they were written. */
export async function postingsOf(manager: EntityManager, transferId: string): Promise<Posting[]> {
  const entries = await manager.find(TimeBankEntry, { where: { transferId }, order: { id: 'ASC' } });
  return entries.map((e) => ({ accountId: e.accountId, minutes: e.minutes }));
}

/** A holder's account, opened on first use (race-free: the unique key decides). */
export async function holderAccountOf(manager: EntityManager, holder: ServiceHolder, now: Date): Promise<TimeBankAccount> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(TimeBankAccount)
    .values({ regionCode: holder.regionCode, holderKind: holder.kind, holderKey: holder.key, openedAt: now })
    .orIgnore()
    .execute();
  return manager.findOneByOrFail(TimeBankAccount, { holderKind: holder.kind, holderKey: holder.key });
}

/**
 * The time bank's use case for other aggregates: credits confirmed service (an activity's
 * attendance) to the holder, issued from their community's account, in the caller's transaction.
 * Once per `sourceKey`: a second call for the same service returns the first transfer and writes
 * nothing (the unique key also stops two concurrent ones).
 */
export async function creditServiceHours(
  ctx: CommandContext,
  request: { holder: ServiceHolder; minutes: number; reason: string; sourceKey: string; field: string },
): Promise<TimeBankTransfer> {
  const existing = await ctx.manager.findOneBy(TimeBankTransfer, { sourceKey: request.sourceKey });
  if (existing) return existing;
  const account = await holderAccountOf(ctx.manager, request.holder, ctx.now);
  const community = await communityAccountOf(ctx.manager, account.regionCode, ctx.now);
  return postTransfer(ctx, {
    kind: 'CREDIT',
    reason: request.reason,
    regionCode: account.regionCode,
    postings: transferPostings(community.id, account.id, request.minutes),
    sourceKey: request.sourceKey,
    field: request.field,
  });
}

/**
 * Undoes a credit or debit by a new REVERSAL transfer with the signs turned (entries are never
 * changed), at most once: a reversal already posted, or a concurrent one that the unique key on
 * `reverses_id` stops, is a CONFLICT naming `field`. A reversal that lowers a bounded account is
 * refused below its minimum like any debit.
 */
export async function reverseTransfer(
  ctx: CommandContext,
  request: { original: TimeBankTransfer; reason: string; field: string },
): Promise<TimeBankTransfer> {
  const { original, field } = request;
  if (await ctx.manager.existsBy(TimeBankTransfer, { reversesId: original.id }))
    throw conflict(`Transfer ${original.id} is already reversed`, field);
  try {
    return await postTransfer(ctx, {
      kind: 'REVERSAL',
      reason: request.reason,
      regionCode: original.regionCode,
      postings: reversalPostings(await postingsOf(ctx.manager, original.id)),
      reversesId: original.id,
      field,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Transfer ${original.id} is already reversed`, field);
    throw error;
  }
}

// ─── Whose account it is ──────────────────────────────────────────────────────

/**
 * The SQL condition (on the account alias `alias`, with parameters `:subject` and `:member`) that
 * the caller holds the account themselves, by their own login: a Party member by the member claim of
 * their token; a volunteer (or the Party member a volunteer record stands for) whose record names the
 * caller's login, or who is enrolled as a service taker with it (the login that takes their orders);
 * a household leader enrolled as a taker for their household with it. Nobody holds a community's
 * account. One condition for the check before a holder's write and for their list of accounts.
 */
export function heldByCaller(
  manager: EntityManager,
  alias: string,
  caller: Pick<Identity, 'subject' | 'partyMemberId'>,
): { sql: string; params: Record<string, string> } {
  const t = (name: string) => tableOf(manager.connection, name);
  const byVolunteer = `EXISTS (SELECT 1 FROM ${t('volunteer')} v
      WHERE (CASE ${alias}.holder_kind WHEN 'PARTY_MEMBER' THEN v.party_member_id::text ELSE v.id::text END) = ${alias}.holder_key
        AND (v.account_subject = :subject
          OR EXISTS (SELECT 1 FROM ${t('service_taker')} st WHERE st.volunteer_id = v.id AND st.account_subject = :subject)))`;
  const byHousehold = `EXISTS (SELECT 1 FROM ${t('service_taker')} st
      WHERE st.household_id::text = ${alias}.holder_key AND st.account_subject = :subject)`;
  return {
    sql: `((${alias}.holder_kind = 'PARTY_MEMBER' AND ${alias}.holder_key = :member)
      OR (${alias}.holder_kind IN ('PARTY_MEMBER', 'VOLUNTEER') AND ${byVolunteer})
      OR (${alias}.holder_kind = 'HOUSEHOLD' AND ${byHousehold}))`,
    // A token without a member claim matches no member account by it (holder keys are never empty).
    params: { subject: caller.subject, member: caller.partyMemberId ?? '' },
  };
}

/** Whether the caller holds the account themselves (see `heldByCaller`). */
export async function holdsAccount(
  manager: EntityManager,
  caller: Pick<Identity, 'subject' | 'partyMemberId'>,
  account: Pick<TimeBankAccount, 'id'>,
): Promise<boolean> {
  const held = heldByCaller(manager, 'a', caller);
  return manager
    .createQueryBuilder(TimeBankAccount, 'a')
    .where('a.id = :id', { id: account.id })
    .andWhere(held.sql, held.params)
    .getExists();
}

/** The caller's own account by id, for a write by its holder: NOT_FOUND outside the scope, FORBIDDEN when it is someone else's. */
export async function ownAccountForWrite(ctx: CommandContext, id: string, field: string): Promise<TimeBankAccount> {
  const account = await accountForWrite(ctx, id, field);
  if (!(await holdsAccount(ctx.manager, ctx.caller, account)))
    throw forbidden(`Time-bank account ${id} is not yours: you spend from your own account only`, field);
  return account;
}

import {
  STAFF,
  countyOf,
  hasRole,
  countySettingOf,
  isUuid,
  loadScopedById,
  paginate,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import type { ServiceTaker } from '../service-taker/service-taker.entity';
import { Volunteer } from '../volunteer/volunteer.entity';
import { TimeBankAccount, TimeBankEntry, TimeBankTransfer } from './time-bank.entity';
import { balanceOf, heldByCaller, holdsAccount } from './time-bank.ledger';
import { isBounded, timeBankPolicy } from './time-bank.rules';

/** A page of entries (the type the generated resolver types map `TimeBankEntryConnection` to). */
export type TimeBankEntryPage = Connection<TimeBankEntry>;

/** Newest first; the id breaks ties between the two entries of one transfer. */
const NEWEST_FIRST: ReadonlyArray<SortKey<TimeBankEntry>> = [
  timestampKey('e.recorded_at', 'DESC', (e) => e.recordedAt),
  { column: 'e.id', direction: 'DESC', value: (e) => e.id },
];

/**
 * An account as the caller may read it: staff read every account of their scope; a Party member,
 * volunteer or resident reads only an account they hold themselves (a balance and its entries are
 * a person's own business, like a dividend statement), and anyone else's reads as null.
 */
async function readable(context: SubgraphContext, account: TimeBankAccount | null): Promise<TimeBankAccount | null> {
  if (!account || hasRole(context.identity, ...STAFF)) return account;
  return (await holdsAccount(context.dataSource.manager, context.identity, account)) ? account : null;
}

/** An account by id, scoped, batched (null outside the caller's scope or, for a community member, not theirs). */
export async function loadTimeBankAccount(context: SubgraphContext, id: string): Promise<TimeBankAccount | null> {
  return readable(context, await loadScopedById(context, TimeBankAccount, id));
}

/** A Party member's account, scoped; null when the member has none the caller may see. */
export async function loadPartyMemberAccount(context: SubgraphContext, partyMemberId: string): Promise<TimeBankAccount | null> {
  if (!isUuid(partyMemberId)) return null;
  return loadHolderAccount(context, 'PARTY_MEMBER', partyMemberId);
}

/** A holder's account, scoped; null when there is none the caller may see. */
export async function loadHolderAccount(
  context: SubgraphContext,
  kind: 'PARTY_MEMBER' | 'VOLUNTEER' | 'HOUSEHOLD',
  key: string,
): Promise<TimeBankAccount | null> {
  const account = await scopedQuery(context.dataSource, TimeBankAccount, 'e', context.identity)
    .andWhere('e.holder_kind = :kind AND e.holder_key = :key', { kind, key })
    .getOne();
  return readable(context, account);
}

/** A transfer by id, scoped, batched. */
export function loadTimeBankTransfer(context: SubgraphContext, id: string): Promise<TimeBankTransfer | null> {
  return loadScopedById(context, TimeBankTransfer, id);
}

/** The balance of an account the caller already may see: the sum of its entries. */
export function accountBalance(context: SubgraphContext, account: TimeBankAccount): Promise<number> {
  return balanceOf(context.dataSource.manager, account.id);
}

/** The county's minimum for a member's account; null for a community's account, which has none. */
export async function accountMinimum(context: SubgraphContext, account: TimeBankAccount): Promise<number | null> {
  if (!isBounded(account.holderKind)) return null;
  const county = countyOf(account.regionCode) ?? account.regionCode.slice(0, 6);
  return (await countySettingOf(context.dataSource, timeBankPolicy, county)).value.minimumBalanceMinutes;
}

/** A page of an account's entries, newest first, in one statement. */
export function accountEntries(context: SubgraphContext, account: TimeBankAccount, args: ConnectionArgs): Promise<TimeBankEntryPage> {
  const query = context.dataSource
    .getRepository(TimeBankEntry)
    .createQueryBuilder('e')
    .where('e.account_id = :accountId', { accountId: account.id });
  return paginate(query, args, NEWEST_FIRST);
}

/** The entries of a transfer the caller already may see, in the order they were written. */
export function transferEntries(context: SubgraphContext, transfer: TimeBankTransfer): Promise<TimeBankEntry[]> {
  return context.dataSource.getRepository(TimeBankEntry).find({ where: { transferId: transfer.id }, order: { minutes: 'ASC', id: 'ASC' } });
}

/**
 * A service taker's account: a household leader's is their household's; a volunteer taker's is their
 * volunteer record's (the member account of a Party member who reported in). Scoped; null when none.
 */
export async function takerAccount(
  context: SubgraphContext,
  taker: Pick<ServiceTaker, 'householdId' | 'volunteerId'>,
): Promise<TimeBankAccount | null> {
  if (taker.householdId) return loadHolderAccount(context, 'HOUSEHOLD', taker.householdId);
  if (!taker.volunteerId) return null;
  const volunteer = await loadScopedById(context, Volunteer, taker.volunteerId);
  if (!volunteer) return null;
  return volunteer.partyMemberId
    ? loadHolderAccount(context, 'PARTY_MEMBER', volunteer.partyMemberId)
    : loadHolderAccount(context, 'VOLUNTEER', volunteer.id);
}

/**
 * The accounts the caller holds themselves (see `heldByCaller`) inside their scope, oldest first: where
 * a volunteer, household leader or Party member finds the account they redeem rewards from.
 */
export function myTimeBankAccounts(context: SubgraphContext): Promise<TimeBankAccount[]> {
  const held = heldByCaller(context.dataSource.manager, 'e', context.identity);
  return scopedQuery(context.dataSource, TimeBankAccount, 'e', context.identity)
    .andWhere(held.sql, held.params)
    .orderBy('e.opened_at', 'ASC')
    .addOrderBy('e.id', 'ASC')
    .getMany();
}

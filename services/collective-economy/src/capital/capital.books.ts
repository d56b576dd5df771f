import { formatMoney, recordForWrite, todayInChina, type CommandContext } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { appendEntry, lockBooks } from '../ledger/ledger.commands';
import { LedgerEntry, LedgerPeriodClose } from '../ledger/ledger.entity';
import type { CloseGuard, ReversalGuard } from '../ledger/ledger.guards';
import { firstOpenDay, lastDayOf, periodsOf } from '../ledger/ledger.rules';
import { Capital, CapitalPosting } from './capital.entity';
import { capitalValueAsOf, historyOf } from './capital.queries';
import { bookLines, pendingDepreciation, type PostedValue, type PostingMode } from './capital.rules';

/**
 * The fixed assets in the books (固定资产入账): every posting of an asset goes through `postAsset`, which
 * brings the ledger's fixed assets and accumulated depreciation of the asset to the register's figures
 * (`bookLines`, pure) and links the entry to the asset (`capital_posting`), in the caller's transaction.
 * Funds and resources are not posted: a fund's money is the books' cash already, and resources (land,
 * ponds) are kept in the register at their recorded value, not among the assets of the balance sheet.
 */

/**
 * What the ledger holds for an asset so far, the day of its latest posting (null before the first),
 * and the day its depreciation is posted through: that of its latest posting other than a change (a
 * change moves cost only, so a change posted after a month ended leaves that month's depreciation to post).
 */
export async function postedValueOf(
  manager: EntityManager,
  capitalId: string,
): Promise<PostedValue & { lastPostedOn: string | null; depreciatedThrough: string | null }> {
  const row = await manager
    .getRepository(CapitalPosting)
    .createQueryBuilder('p')
    .innerJoin(LedgerEntry, 'e', 'e.id = p.entry_id')
    .select('coalesce(sum(p.cost_fen), 0)::text', 'cost')
    .addSelect('coalesce(sum(p.depreciation_fen), 0)::text', 'depreciation')
    .addSelect(`to_char(max(e.posted_on), 'YYYY-MM-DD')`, 'last')
    .addSelect(`to_char(max(e.posted_on) FILTER (WHERE p.mode <> 'CHANGE'), 'YYYY-MM-DD')`, 'through')
    .where('p.capital_id = :capitalId', { capitalId })
    .getRawOne<{ cost: string; depreciation: string; last: string | null; through: string | null }>();
  return {
    costFen: BigInt(row?.cost ?? '0'),
    depreciationFen: BigInt(row?.depreciation ?? '0'),
    lastPostedOn: row?.last ?? null,
    depreciatedThrough: row?.through ?? null,
  };
}

/** Whether a day falls in a closed month or year of an organisation's books. */
export async function isDayClosed(manager: EntityManager, organisationId: string, day: string): Promise<boolean> {
  const closed = await manager.getRepository(LedgerPeriodClose).countBy(periodsOf(day).map((period) => ({ organisationId, period })));
  return closed > 0;
}

/**
 * The day a registration or change is posted: its own day, or today when that day's books are closed
 * (an asset registered late enters the books in the open period, as an inventory gain is recorded
 * when it is found). Today's period is always open: only a period that has ended is closed.
 */
export async function postingDayOf(ctx: CommandContext, organisationId: string, day: string): Promise<string> {
  return (await isDayClosed(ctx.manager, organisationId, day)) ? todayInChina(ctx.now) : day;
}

/**
 * The day an asset's registration is posted: its acquisition day, or the first open day after it when
 * that day's books are closed. Its depreciation up to then belongs to closed periods and enters against
 * the fund; every month after is an open period's expense, posted by the monthly run (or
 * `postDepreciation`) as any asset's, so a year still open holds its months of depreciation however
 * late the asset was registered (registered today, the months of this year since would go to the fund).
 */
export async function registrationDayOf(ctx: CommandContext, organisationId: string, day: string): Promise<string> {
  const closed = await ctx.manager.getRepository(LedgerPeriodClose).find({ where: { organisationId }, select: { period: true } });
  return firstOpenDay(day, new Set(closed.map((c) => c.period)), todayInChina(ctx.now));
}

class AlreadyPosted extends Error {}
export const isAlreadyPosted = (error: unknown) => error instanceof AlreadyPosted;

export interface AssetPosting {
  mode: PostingMode;
  /** The accounting day of the entry (in an open period). */
  postedOn: string;
  /** The day of the register's figures the books are brought to (the disposal's day for a disposal). */
  asOf: string;
  /** The month a monthly run posts (unique per asset); none for a registration, change or disposal. */
  month?: string;
  description: string;
}

/**
 * Brings an asset never posted into the books as a registration (固定资产入账), in the caller's
 * transaction with the capital locked: on its acquisition day, or the first open day after it
 * (`registrationDayOf`), at its value then. `registerCapital` posts every new asset so; one registered
 * before the books kept assets enters them so at its first posting (a change, or the monthly run, which
 * then posts its months since as any asset's, each the expense of its own month). One disposed of
 * before it was ever posted stays out. Answers the entry, or null when there was nothing to enter.
 */
export async function enterBooks(ctx: CommandContext, capital: Capital): Promise<LedgerEntry | null> {
  if (capital.category !== 'ASSET') return null;
  if ((await postedValueOf(ctx.manager, capital.id)).lastPostedOn !== null) return null;
  if ((await historyOf(ctx.manager, capital.id)).some((c) => c.kind === 'DISPOSED')) return null;
  const day = await registrationDayOf(ctx, capital.organisationId, capital.acquiredOn);
  return postAsset(ctx, capital, { mode: 'REGISTER', postedOn: day, asOf: day, description: '固定资产登记入账' });
}

/**
 * Posts an asset's figures to the books, if they differ from what the books hold for it, in the
 * caller's transaction; the capital row must be locked by the caller (so two postings of an asset
 * take turns). An asset never posted before enters the books first (`enterBooks`: one registered
 * before the books kept assets), except for its disposal, which takes nothing out of books it never
 * entered. Answers the entry, or null when nothing changes.
 */
export async function postAsset(ctx: CommandContext, capital: Capital, posting: AssetPosting): Promise<LedgerEntry | null> {
  if (capital.category !== 'ASSET') return null;
  let posted = await postedValueOf(ctx.manager, capital.id);
  if (posted.lastPostedOn === null && posting.mode !== 'REGISTER') {
    if (posting.mode === 'DISPOSE' || !(await enterBooks(ctx, capital))) return null;
    posted = await postedValueOf(ctx.manager, capital.id);
  }
  const mode: PostingMode = posting.mode;
  const history = await historyOf(ctx.manager, capital.id);
  // A disposal brings the books to the asset's value on its day, then takes it out.
  const target = capitalValueAsOf(capital, mode === 'DISPOSE' ? history.filter((c) => c.kind !== 'DISPOSED') : history, posting.asOf);
  const { lines, after } = bookLines(posted, target, mode);
  if (lines.length === 0) return null;
  const organisation = await lockBooks(ctx, capital.organisationId, 'input.capitalId');
  const entry = await appendEntry(ctx, organisation, {
    postedOn: posting.postedOn,
    description: `${posting.description}: ${capital.name}`.slice(0, 200),
    lines,
  });
  const inserted = await ctx.manager
    .createQueryBuilder()
    .insert()
    .into(CapitalPosting)
    .values({
      organisationId: capital.organisationId,
      regionCode: capital.regionCode,
      capitalId: capital.id,
      mode,
      month: posting.month ?? null,
      entryId: entry.id,
      costFen: after.costFen - posted.costFen,
      depreciationFen: after.depreciationFen - posted.depreciationFen,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  // The month was posted meanwhile by a run that did not wait for the lock: undo this entry with the transaction.
  if (inserted.raw.length === 0) throw new AlreadyPosted();
  return entry;
}

/** The entry of an asset's posting is not reversed by hand: the books would no longer agree with the register. */
export const assetOnReversal: ReversalGuard = async (ctx, entry) =>
  (await ctx.manager.getRepository(CapitalPosting).existsBy({ entryId: entry.id }))
    ? 'This entry posts a fixed asset of the capital register: the register stands on it, so it is not reversed by hand (record a capital change instead)'
    : undefined;

/**
 * A period of the books is not closed while the depreciation of one of its fixed assets through its
 * last day is not posted (the monthly run has not reached it yet): the period's income, and the year's
 * distribution drawn from it, would lack it, and it would be expensed in a later period instead. An
 * asset disposed of by then was posted out with its depreciation to its day; one never posted (held
 * before the books kept assets) enters them at its first posting, its past depreciation against the
 * fund, so it holds no period's expense back.
 */
export const assetOnClose: CloseGuard = async (ctx, organisationId, period) => {
  const last = lastDayOf(period);
  const assets = await ctx.manager
    .getRepository(Capital)
    .createQueryBuilder('c')
    .where(`c.organisation_id = :organisationId AND c.category = 'ASSET' AND c.acquired_on <= :last`, { organisationId, last })
    .orderBy('c.acquired_on', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .getMany();
  for (const asset of assets) {
    const history = await historyOf(ctx.manager, asset.id);
    if (history.some((c) => c.kind === 'DISPOSED' && c.effectiveOn <= last)) continue;
    const posted = await postedValueOf(ctx.manager, asset.id);
    const pending = pendingDepreciation(posted, capitalValueAsOf(asset, history, last).accumulatedDepreciationFen, last);
    if (pending !== 0n)
      return `The depreciation of ${asset.name} (${asset.id}) to ${last}, ${formatMoney(pending)}, is not posted yet: the monthly depreciation run (capital-depreciation) posts it; close ${period} after it`;
  }
  return undefined;
};

/**
 * Posts one month's depreciation of an asset (计提折旧) on the month's last day, in the caller's
 * transaction, with the asset locked: the register's accumulated depreciation then less what the books
 * hold (nothing when they agree). Answers the entry, null when nothing changes, or BLOCKED when the
 * month's books are closed (its depreciation is then posted with the next open month: the figure is cumulative).
 */
export async function depreciateMonth(
  ctx: CommandContext,
  capitalId: string,
  month: string,
  field: string,
): Promise<LedgerEntry | null | 'BLOCKED'> {
  const last = lastDayOf(month);
  const capital = await recordForWrite(ctx.manager, Capital, capitalId, { identity: ctx.caller, field, label: 'Capital', lock: true });
  if (await isDayClosed(ctx.manager, capital.organisationId, last)) return 'BLOCKED';
  return postAsset(ctx, capital, { mode: 'DEPRECIATE', postedOn: last, asOf: last, month, description: `${month}折旧` });
}

import {
  badInput,
  loaderOf,
  loadScopedById,
  paginate,
  scopeCondition,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { LedgerEntry, LedgerLine, LedgerPeriodClose } from './ledger.entity';
import { balanceSheetOf, incomeStatementOf, trialBalanceOf, type AccountTotals, type LedgerAccount } from './ledger.rules';

/** A page of entries (the type the generated resolver types map `LedgerEntryConnection` to). */
export type LedgerEntryPage = Connection<LedgerEntry>;

/** Entries in the order they were booked: by day, then as posted; the id makes each place unique. */
const BY_DAY: ReadonlyArray<SortKey<LedgerEntry>> = [
  { column: 'e.posted_on', direction: 'ASC', value: (e) => e.postedOn },
  timestampKey('e.created_at', 'ASC', (e) => e.createdAt),
  { column: 'e.id', direction: 'ASC', value: (e) => e.id },
];

/** A period's first and last day, in order. */
export interface Period {
  from: string;
  to: string;
}

function checkPeriod(period: Period): void {
  if (period.from > period.to) throw badInput('from', `the period starts (${period.from}) after it ends (${period.to})`);
}

/** The organisation whose books are read, or null when it does not exist or is outside the caller's scope. */
function booksOf(context: SubgraphContext, id: string): Promise<CollectiveOrganisation | null> {
  return loadScopedById(context, CollectiveOrganisation, id);
}

export async function listLedgerEntries(
  context: SubgraphContext,
  organisationId: string,
  period: Partial<Period>,
  args: ConnectionArgs,
): Promise<LedgerEntryPage | null> {
  if (period.from && period.to) checkPeriod({ from: period.from, to: period.to });
  if (!(await booksOf(context, organisationId))) return null;
  const scope = scopeCondition(context.identity, 'e.region_code');
  const query = context.dataSource
    .getRepository(LedgerEntry)
    .createQueryBuilder('e')
    .where('e.organisation_id = :organisationId', { organisationId })
    .andWhere(scope.sql, scope.params);
  if (period.from) query.andWhere('e.posted_on >= :from', { from: period.from });
  if (period.to) query.andWhere('e.posted_on <= :to', { to: period.to });
  return paginate(query, args, BY_DAY);
}

/** An entry's lines in their order, batched per request. */
export function linesOf(context: SubgraphContext, entryId: string): Promise<LedgerLine[]> {
  return loaderOf<string, LedgerLine[]>(context, 'ledger-lines', async (ids) => {
    const rows = await context.dataSource
      .getRepository(LedgerLine)
      .createQueryBuilder('l')
      .where('l.entry_id IN (:...ids)', { ids: [...ids] })
      .orderBy('l.position', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.entryId === id));
  }).load(entryId);
}

/** An entry by id (its reversal's original), scoped. */
export function loadLedgerEntry(context: SubgraphContext, id: string): Promise<LedgerEntry | null> {
  return loadScopedById(context, LedgerEntry, id);
}

/** The reversal of an entry, if it has been reversed. */
export async function reversalOfEntry(context: SubgraphContext, entryId: string): Promise<LedgerEntry | null> {
  const scope = scopeCondition(context.identity, 'e.region_code');
  return context.dataSource
    .getRepository(LedgerEntry)
    .createQueryBuilder('e')
    .where('e.reverses_entry_id = :entryId', { entryId })
    .andWhere(scope.sql, scope.params)
    .getOne();
}

/** Every account's debits and credits over the days given, summed by the database (exact bigint sums). */
export async function accountTotals(manager: EntityManager, organisationId: string, period: Partial<Period>): Promise<AccountTotals[]> {
  const rows = await manager
    .getRepository(LedgerLine)
    .createQueryBuilder('l')
    .innerJoin(LedgerEntry, 'e', 'e.id = l.entry_id')
    .select('l.account', 'account')
    .addSelect('sum(l.debit_fen)::text', 'debit')
    .addSelect('sum(l.credit_fen)::text', 'credit')
    .where('e.organisation_id = :organisationId', { organisationId })
    .andWhere(period.from ? 'e.posted_on >= :from' : 'TRUE', { from: period.from })
    .andWhere(period.to ? 'e.posted_on <= :to' : 'TRUE', { to: period.to })
    .groupBy('l.account')
    .getRawMany<{ account: LedgerAccount; debit: string; credit: string }>();
  return rows.map((r) => ({ account: r.account, debitFen: BigInt(r.debit), creditFen: BigInt(r.credit) }));
}

export async function trialBalance(context: SubgraphContext, organisationId: string, period: Period) {
  checkPeriod(period);
  const collectiveOrganisation = await booksOf(context, organisationId);
  if (!collectiveOrganisation) return null;
  return { ...period, collectiveOrganisation, ...trialBalanceOf(await accountTotals(context.dataSource.manager, organisationId, period)) };
}

export async function incomeStatement(context: SubgraphContext, organisationId: string, period: Period) {
  checkPeriod(period);
  const collectiveOrganisation = await booksOf(context, organisationId);
  if (!collectiveOrganisation) return null;
  return {
    ...period,
    collectiveOrganisation,
    ...incomeStatementOf(await accountTotals(context.dataSource.manager, organisationId, period)),
  };
}

export async function balanceSheet(context: SubgraphContext, organisationId: string, asOf: string) {
  const collectiveOrganisation = await booksOf(context, organisationId);
  if (!collectiveOrganisation) return null;
  return { asOf, collectiveOrganisation, ...balanceSheetOf(await accountTotals(context.dataSource.manager, organisationId, { to: asOf })) };
}

/** The closed periods of an organisation's books, oldest first. */
export async function closedPeriods(context: SubgraphContext, organisationId: string): Promise<LedgerPeriodClose[] | null> {
  if (!(await booksOf(context, organisationId))) return null;
  return context.dataSource.getRepository(LedgerPeriodClose).find({ where: { organisationId }, order: { period: 'ASC' } });
}

export { booksOf as loadBooks };

/** Whether a period of an organisation's books is closed (the distribution drafts only closed years). */
export async function isPeriodClosed(manager: EntityManager, organisationId: string, period: string): Promise<boolean> {
  return (await manager.getRepository(LedgerPeriodClose).countBy({ organisationId, period })) > 0;
}

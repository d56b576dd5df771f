import { COLLECTIVE_BUSINESS_LINES } from '../collective-organisation/collective-organisation.rules';

/**
 * The chart of accounts and the pure rules of the double-entry ledger (复式记账), in bigint fen.
 * Every entry is two or more lines whose debits equal its credits; assets and expenses grow by
 * debits, liabilities, equity and income by credits.
 */

/** Expenses by category (费用类别). */
export const EXPENSE_CATEGORIES = ['WAGES', 'RENT', 'MATERIALS', 'MAINTENANCE', 'DEPRECIATION', 'TAXES', 'OTHER'] as const;

export const LEDGER_ACCOUNTS = [
  'CASH',
  'RENT_RECEIVABLE',
  'FIXED_ASSETS',
  'ACCUMULATED_DEPRECIATION',
  'DISTRIBUTIONS_PAYABLE',
  'COMMUNITY_SHARE_PAYABLE',
  'SHARE_CAPITAL',
  'PUBLIC_ACCUMULATION_FUND',
  'RETAINED_EARNINGS',
  ...COLLECTIVE_BUSINESS_LINES.map((line) => `INCOME_${line}` as const),
  ...EXPENSE_CATEGORIES.map((category) => `EXPENSE_${category}` as const),
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export type LedgerAccountKind = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'INCOME' | 'EXPENSE';

/**
 * The accounts the capital register keeps (固定资产, 累计折旧): posted by registering and changing an asset
 * and by the monthly depreciation run, never by hand, so they always agree with the register.
 * Accumulated depreciation is a contra-asset: an asset account whose balance (debit − credit) is
 * negative, so the balance sheet's assets are the fixed assets' net book value.
 */
export const CAPITAL_ACCOUNTS = ['FIXED_ASSETS', 'ACCUMULATED_DEPRECIATION'] as const satisfies readonly LedgerAccount[];

export function accountKindOf(account: LedgerAccount): LedgerAccountKind {
  if (account === 'CASH' || account === 'RENT_RECEIVABLE' || account === 'FIXED_ASSETS' || account === 'ACCUMULATED_DEPRECIATION')
    return 'ASSET';
  if (account === 'DISTRIBUTIONS_PAYABLE' || account === 'COMMUNITY_SHARE_PAYABLE') return 'LIABILITY';
  if (account === 'SHARE_CAPITAL' || account === 'PUBLIC_ACCUMULATION_FUND' || account === 'RETAINED_EARNINGS') return 'EQUITY';
  return account.startsWith('INCOME_') ? 'INCOME' : 'EXPENSE';
}

/** The balance of an account in its normal direction: debit − credit for assets and expenses, else credit − debit. */
export function normalBalance(account: LedgerAccount, debitFen: bigint, creditFen: bigint): bigint {
  const kind = accountKindOf(account);
  return kind === 'ASSET' || kind === 'EXPENSE' ? debitFen - creditFen : creditFen - debitFen;
}

export interface LineAmounts {
  account: LedgerAccount;
  debitFen: bigint;
  creditFen: bigint;
}

/** Why lines do not make an entry (a line both or neither debit and credit, unbalanced), with the field, or undefined. */
export function entryProblem(lines: readonly LineAmounts[]): { field: string; message: string } | undefined {
  for (const [i, line] of lines.entries()) {
    if ((line.debitFen === 0n) === (line.creditFen === 0n))
      return { field: `input.lines.${i}`, message: 'a line is either a debit or a credit, of more than zero' };
  }
  const debits = lines.reduce((sum, l) => sum + l.debitFen, 0n);
  const credits = lines.reduce((sum, l) => sum + l.creditFen, 0n);
  if (debits !== credits) return { field: 'input.lines', message: `debits (${debits} fen) do not equal credits (${credits} fen)` };
  return undefined;
}

/** The lines that undo an entry: each debit becomes a credit of the same amount and vice versa. */
export function reversalOf<L extends LineAmounts>(lines: readonly L[]): LineAmounts[] {
  return lines.map((l) => ({ account: l.account, debitFen: l.creditFen, creditFen: l.debitFen }));
}

/** The accounting periods a day falls in: its year ("2025") and its month ("2025-03"). */
export function periodsOf(day: string): [string, string] {
  return [day.slice(0, 4), day.slice(0, 7)];
}

/** The last day of a period ("2025" → 2025-12-31, "2024-02" → 2024-02-29), by string arithmetic on the calendar. */
export function lastDayOf(period: string): string {
  if (period.length === 4) return `${period}-12-31`;
  const year = BigInt(period.slice(0, 4));
  const month = period.slice(5, 7);
  const leap = (year % 4n === 0n && year % 100n !== 0n) || year % 400n === 0n;
  const days: Record<string, string> = { '02': leap ? '29' : '28', '04': '30', '06': '30', '09': '30', '11': '30' };
  return `${period}-${days[month] ?? '31'}`;
}

/** The month after "YYYY-MM". */
export function monthAfter(month: string): string {
  const year = BigInt(month.slice(0, 4));
  const m = BigInt(month.slice(5, 7));
  return m === 12n ? `${year + 1n}-01` : `${year}-${(m + 1n).toString().padStart(2, '0')}`;
}

/** The month before "YYYY-MM". */
export function monthBefore(month: string): string {
  const year = BigInt(month.slice(0, 4));
  const m = BigInt(month.slice(5, 7));
  return m === 1n ? `${year - 1n}-12` : `${year}-${(m - 1n).toString().padStart(2, '0')}`;
}

/**
 * The first day on or after `day` in no closed period: a closed year moves it to the next 1 January, a
 * closed month to the next month's first day; at the latest `today`, whose period is always open (only a
 * period that has ended is closed).
 */
export function firstOpenDay(day: string, closedPeriods: ReadonlySet<string>, today: string): string {
  let d = day;
  while (d < today) {
    if (closedPeriods.has(d.slice(0, 4))) d = `${BigInt(d.slice(0, 4)) + 1n}-01-01`;
    else if (closedPeriods.has(d.slice(0, 7))) d = `${monthAfter(d.slice(0, 7))}-01`;
    else return d;
  }
  return today;
}

/** Why a period cannot be closed today, or undefined: only a period that has ended is closed. */
export function closeProblem(period: string, today: string): string | undefined {
  return lastDayOf(period) >= today ? `the period ${period} has not ended yet (it ends ${lastDayOf(period)})` : undefined;
}

/** Totals of one account over a period, as the database sums them. */
export interface AccountTotals {
  account: LedgerAccount;
  debitFen: bigint;
  creditFen: bigint;
}

export interface AccountAmount {
  account: LedgerAccount;
  kind: LedgerAccountKind;
  amountFen: bigint;
}

const byChart = (a: { account: LedgerAccount }, b: { account: LedgerAccount }) =>
  LEDGER_ACCOUNTS.indexOf(a.account) - LEDGER_ACCOUNTS.indexOf(b.account);

const amountsOf = (totals: readonly AccountTotals[], kinds: readonly LedgerAccountKind[]): AccountAmount[] =>
  totals
    .filter((t) => kinds.includes(accountKindOf(t.account)))
    .map((t) => ({ account: t.account, kind: accountKindOf(t.account), amountFen: normalBalance(t.account, t.debitFen, t.creditFen) }))
    .sort(byChart);

const total = (amounts: readonly AccountAmount[]) => amounts.reduce((sum, a) => sum + a.amountFen, 0n);

/** Trial balance (试算平衡表): every account's debits and credits; the totals agree when the books are whole. */
export function trialBalanceOf(totals: readonly AccountTotals[]) {
  const accounts = [...totals].sort(byChart).map((t) => ({ ...t, kind: accountKindOf(t.account) }));
  const totalDebitFen = accounts.reduce((sum, a) => sum + a.debitFen, 0n);
  const totalCreditFen = accounts.reduce((sum, a) => sum + a.creditFen, 0n);
  return { accounts, totalDebitFen, totalCreditFen, balanced: totalDebitFen === totalCreditFen };
}

/** Income statement (损益表) over a period: income by business line, expenses by category, net income. */
export function incomeStatementOf(totals: readonly AccountTotals[]) {
  const income = amountsOf(totals, ['INCOME']);
  const expenses = amountsOf(totals, ['EXPENSE']);
  const totalIncomeFen = total(income);
  const totalExpenseFen = total(expenses);
  return { income, expenses, totalIncomeFen, totalExpenseFen, netIncomeFen: totalIncomeFen - totalExpenseFen };
}

/**
 * Balance sheet (资产负债表) at a day, from every entry up to it: income and expense not yet
 * distributed are shown as current earnings within equity, so assets = liabilities + equity.
 */
export function balanceSheetOf(totals: readonly AccountTotals[]) {
  const assets = amountsOf(totals, ['ASSET']);
  const liabilities = amountsOf(totals, ['LIABILITY']);
  const equity = amountsOf(totals, ['EQUITY']);
  const currentEarningsFen = incomeStatementOf(totals).netIncomeFen;
  const totalAssetsFen = total(assets);
  const totalLiabilitiesFen = total(liabilities);
  const totalEquityFen = total(equity) + currentEarningsFen;
  return { assets, liabilities, equity, currentEarningsFen, totalAssetsFen, totalLiabilitiesFen, totalEquityFen };
}

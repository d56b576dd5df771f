import { formatMoney } from '@gg/shared';
import { lastDayOf, monthAfter } from '../ledger/ledger.rules';

/**
 * The three capitals (三资) of a collective organisation and their book value, pure and in bigint
 * only (fen, months, basis points): no floating point touches an amount.
 *
 * Funds (资金) and resources (资源: land, ponds, forest) are held at the value recorded for them;
 * assets (资产: shopfronts, buildings, equipment, vehicles) are fixed assets depreciated straight-line
 * over the useful life their county set for their kind when they were registered (kept on the asset,
 * so a later change of the county's setting never rewrites a past figure), down to a residual value.
 *
 * The month rule is the accounting standard's (当月增加当月不提，当月减少当月照提): depreciation starts
 * the month after a value is added and a month counts once it has ended. Every value added or taken
 * off later (an improvement, a partial write-off) depreciates from its own month, over the same life.
 * Accumulated depreciation is rounded down to the fen, once, over all of an asset's values.
 */

export const CAPITAL_CATEGORIES = ['FUND', 'ASSET', 'RESOURCE'] as const;
export type CapitalCategory = (typeof CAPITAL_CATEGORIES)[number];

/** Kinds of capital, each in one category. */
export const CAPITAL_KINDS = [
  'BANK_DEPOSIT',
  'INVESTMENT',
  'OTHER_FUND',
  'SHOPFRONT',
  'BUILDING',
  'EQUIPMENT',
  'VEHICLE',
  'OTHER_ASSET',
  'LAND',
  'POND',
  'FOREST',
  'OTHER_RESOURCE',
] as const;
export type CapitalKind = (typeof CAPITAL_KINDS)[number];

const CATEGORY_OF: Record<CapitalKind, CapitalCategory> = {
  BANK_DEPOSIT: 'FUND',
  INVESTMENT: 'FUND',
  OTHER_FUND: 'FUND',
  SHOPFRONT: 'ASSET',
  BUILDING: 'ASSET',
  EQUIPMENT: 'ASSET',
  VEHICLE: 'ASSET',
  OTHER_ASSET: 'ASSET',
  LAND: 'RESOURCE',
  POND: 'RESOURCE',
  FOREST: 'RESOURCE',
  OTHER_RESOURCE: 'RESOURCE',
};

export function categoryOf(kind: CapitalKind): CapitalCategory {
  return CATEGORY_OF[kind];
}

/** The kinds of fixed asset, which depreciate. */
export const ASSET_KINDS = ['SHOPFRONT', 'BUILDING', 'EQUIPMENT', 'VEHICLE', 'OTHER_ASSET'] as const satisfies readonly CapitalKind[];
export type AssetKind = (typeof ASSET_KINDS)[number];

/** What can happen to a capital, in its history. */
export const CAPITAL_CHANGE_KINDS = ['ACQUIRED', 'INCREASE', 'DECREASE', 'DISPOSED'] as const;
export type CapitalChangeKind = (typeof CAPITAL_CHANGE_KINDS)[number];

/** One change of a capital's recorded value (its history, append-only). */
export interface ValueChange {
  kind: CapitalChangeKind;
  effectiveOn: string;
  /** Not negative; DECREASE takes it off, DISPOSED carries none. */
  amountFen: bigint;
}

/** How an asset depreciates: fixed when it is registered. */
export interface Depreciation {
  usefulLifeMonths: bigint;
  /** The residual value as a share of the value, in basis points (500 = 5%). */
  residualRateBp: bigint;
}

const BP = 10_000n;

/** A month as a count of months since year 0: 2025-03-xx → 2025×12 + 2. */
function monthIndex(day: string): bigint {
  return BigInt(day.slice(0, 4)) * 12n + BigInt(day.slice(5, 7)) - 1n;
}

/** Whether a day is the last of its month (the month has then ended at the end of the day). */
export function isMonthEnd(day: string): boolean {
  const year = BigInt(day.slice(0, 4));
  const month = day.slice(5, 7);
  const leap = (year % 4n === 0n && year % 100n !== 0n) || year % 400n === 0n;
  const last: Record<string, string> = { '02': leap ? '29' : '28', '04': '30', '06': '30', '09': '30', '11': '30' };
  return day.slice(8, 10) === (last[month] ?? '31');
}

/**
 * Whole months of depreciation of a value added on `from`, at the end of `asOf`: the months after
 * `from`'s month that have ended by then (the month of `asOf` counts on its last day), at most the life.
 */
export function depreciationMonths(from: string, asOf: string, usefulLifeMonths: bigint): bigint {
  const months = monthIndex(asOf) - monthIndex(from) - (isMonthEnd(asOf) ? 0n : 1n);
  if (months <= 0n) return 0n;
  return months > usefulLifeMonths ? usefulLifeMonths : months;
}

export interface BookValue {
  /** Values recorded up to the day (acquisition, increases less decreases). */
  costFen: bigint;
  accumulatedDepreciationFen: bigint;
  bookValueFen: bigint;
  disposed: boolean;
}

/** A capital's value at the end of a day, from its history; a disposed capital is worth nothing from its disposal on. */
export function bookValueAsOf(
  category: CapitalCategory,
  depreciation: Depreciation | null,
  history: readonly ValueChange[],
  asOf: string,
): BookValue {
  const effective = history.filter((c) => c.effectiveOn <= asOf);
  const signed = (c: ValueChange) => (c.kind === 'DECREASE' ? -c.amountFen : c.kind === 'DISPOSED' ? 0n : c.amountFen);
  const costFen = effective.reduce((sum, c) => sum + signed(c), 0n);
  if (effective.some((c) => c.kind === 'DISPOSED'))
    return { costFen: 0n, accumulatedDepreciationFen: 0n, bookValueFen: 0n, disposed: true };
  if (category !== 'ASSET' || !depreciation || depreciation.usefulLifeMonths <= 0n)
    return { costFen, accumulatedDepreciationFen: 0n, bookValueFen: costFen, disposed: false };
  const life = depreciation.usefulLifeMonths;
  // Σ value × (1 − residual rate) × months / life, exact as one fraction, rounded down once.
  const numerator = effective.reduce(
    (sum, c) => sum + signed(c) * (BP - depreciation.residualRateBp) * depreciationMonths(c.effectiveOn, asOf, life),
    0n,
  );
  const accumulated = numerator <= 0n ? 0n : numerator / (BP * life);
  return { costFen, accumulatedDepreciationFen: accumulated, bookValueFen: costFen - accumulated, disposed: false };
}

/** Why a change cannot be recorded on a capital, or undefined: in date order, not after a disposal, no more taken off than it is worth. */
export function changeProblem(
  history: readonly ValueChange[],
  change: ValueChange,
  bookValueThen: bigint,
): { field: string; message: string } | undefined {
  const latest = history.reduce((day, c) => (c.effectiveOn > day ? c.effectiveOn : day), '');
  if (history.some((c) => c.kind === 'DISPOSED')) return { field: 'input.capitalId', message: 'this capital has been disposed of' };
  if (change.effectiveOn < latest)
    return { field: 'input.effectiveOn', message: `the capital last changed on ${latest}: a change is dated on or after it` };
  if (change.kind !== 'DISPOSED' && change.amountFen <= 0n)
    return { field: 'input.amount', message: 'an increase or a decrease is an amount of more than zero' };
  if (change.kind === 'DECREASE' && change.amountFen > bookValueThen)
    return { field: 'input.amount', message: `a decrease may not exceed the book value on that day (${formatMoney(bookValueThen)})` };
  return undefined;
}

// ─── The fixed assets in the books ────────────────────────────────────────────

/** What the ledger holds for one asset so far: the sums of its postings. */
export interface PostedValue {
  costFen: bigint;
  depreciationFen: bigint;
}

/**
 * How an asset's postings bring the books to its value:
 * - REGISTER: its first posting. The cost enters against the collective's accumulation fund
 *   (公积公益金: the collective's property entering the books), and so does the depreciation it had
 *   already when it was registered late, which belongs to earlier years and is no expense of this one.
 * - CHANGE: an improvement or a partial write-off moves the cost against the fund; depreciation is
 *   left to the monthly run.
 * - DEPRECIATE: the monthly run; depreciation against its expense (折旧费用).
 * - DISPOSE: depreciation to the day against its expense, then the cost and the accumulated depreciation
 *   taken off, the net book value back out of the fund. Proceeds, if any, are posted by hand.
 */
export type PostingMode = 'REGISTER' | 'CHANGE' | 'DEPRECIATE' | 'DISPOSE';

export interface BookLine {
  account: 'FIXED_ASSETS' | 'ACCUMULATED_DEPRECIATION' | 'PUBLIC_ACCUMULATION_FUND' | 'EXPENSE_DEPRECIATION';
  debitFen: bigint;
  creditFen: bigint;
}

const BOOK_ORDER: readonly BookLine['account'][] = [
  'FIXED_ASSETS',
  'ACCUMULATED_DEPRECIATION',
  'PUBLIC_ACCUMULATION_FUND',
  'EXPENSE_DEPRECIATION',
];

/**
 * The lines that bring an asset's postings from `posted` to its `target` value (its cost and
 * accumulated depreciation on the day), and what the ledger holds for it after them. Each account
 * appears once, netted; no line when nothing changes. Exact: the postings of an asset always sum to
 * the register's figures for the day of its latest posting.
 */
export function bookLines(
  posted: PostedValue,
  target: { costFen: bigint; accumulatedDepreciationFen: bigint },
  mode: PostingMode,
): { lines: BookLine[]; after: PostedValue } {
  // Net amount per account, debit positive.
  const net = new Map<BookLine['account'], bigint>();
  const move = (debit: BookLine['account'], credit: BookLine['account'], amount: bigint) => {
    net.set(debit, (net.get(debit) ?? 0n) + amount);
    net.set(credit, (net.get(credit) ?? 0n) - amount);
  };
  const costDelta = mode === 'DEPRECIATE' ? 0n : target.costFen - posted.costFen;
  const depreciationDelta = mode === 'CHANGE' ? 0n : target.accumulatedDepreciationFen - posted.depreciationFen;
  move('FIXED_ASSETS', 'PUBLIC_ACCUMULATION_FUND', costDelta);
  move(mode === 'REGISTER' ? 'PUBLIC_ACCUMULATION_FUND' : 'EXPENSE_DEPRECIATION', 'ACCUMULATED_DEPRECIATION', depreciationDelta);
  let after: PostedValue = { costFen: posted.costFen + costDelta, depreciationFen: posted.depreciationFen + depreciationDelta };
  if (mode === 'DISPOSE') {
    move('ACCUMULATED_DEPRECIATION', 'FIXED_ASSETS', after.depreciationFen);
    move('PUBLIC_ACCUMULATION_FUND', 'FIXED_ASSETS', after.costFen - after.depreciationFen);
    after = { costFen: 0n, depreciationFen: 0n };
  }
  const lines = BOOK_ORDER.flatMap((account): BookLine[] => {
    const amount = net.get(account) ?? 0n;
    if (amount === 0n) return [];
    return [amount > 0n ? { account, debitFen: amount, creditFen: 0n } : { account, debitFen: 0n, creditFen: -amount }];
  });
  return { lines, after };
}

/**
 * The depreciation of an asset to the end of `lastDay` (a period's last day) that the books do not
 * hold yet: what the register counts then less what is posted, while its depreciation is posted
 * through an earlier day only; zero once a posting at or after that day (a month's run, a registration
 * or disposal made later) has brought it on. A period is not closed while some is pending, or that
 * depreciation would land in a later period (a later year's income) instead of its own.
 */
export function pendingDepreciation(
  posted: { depreciationFen: bigint; depreciatedThrough: string | null },
  registerFen: bigint,
  lastDay: string,
): bigint {
  if (posted.depreciatedThrough === null || posted.depreciatedThrough >= lastDay) return 0n;
  return registerFen - posted.depreciationFen;
}

/**
 * The months whose depreciation an asset still has to post through `throughMonth`, in order: from the
 * month its depreciation is posted through, each month whose last day comes after that day, up to the
 * month of its disposal (which posted it out of the books with its depreciation to the day). An asset
 * never posted is brought into the books in `throughMonth` alone, at its value then.
 */
export function monthsToDepreciate(depreciatedThrough: string | null, disposedOn: string | null, throughMonth: string): string[] {
  const months: string[] = [];
  for (let m = depreciatedThrough === null ? throughMonth : depreciatedThrough.slice(0, 7); m <= throughMonth; m = monthAfter(m)) {
    const last = lastDayOf(m);
    if (depreciatedThrough !== null && last <= depreciatedThrough) continue;
    if (disposedOn !== null && disposedOn <= last) break;
    months.push(m);
  }
  return months;
}

import { formatMoney } from '@gg/shared';

/**
 * The rules of a lease of a capital (资产出租) and its rent, pure and in bigint only.
 *
 * A lease runs from its first to its last day (both included), at most 20 years (the Civil Code's
 * limit on a lease term, art. 705). Rent is charged per calendar month: a month the lease covers
 * whole is charged the monthly rent; a month it covers in part is charged pro rata to its days,
 * rounded to the nearest fen, half a fen up. A month's charge is raised on its first day (or the
 * lease's first day) and falls due on the lease's due day of that month (1–28, so every month has
 * it), never before it is raised. A part month whose share rounds to 0.00 is not charged. A charge not paid in full after its due day is overdue.
 * Payments settle a charge in one or several parts; more than is outstanding is refused. A charge is
 * corrected by reductions (租金减免, rent relief or a waiver), never by changing its amount: a reduction
 * takes off at most what is outstanding, never what was paid.
 */

export const TENANT_KINDS = ['PERSON', 'ORGANISATION'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/** The longest lease term: 20 years (民法典第七百零五条). */
export const MAX_TERM_YEARS = 20n;

const pad2 = (value: bigint) => value.toString().padStart(2, '0');
const pad4 = (value: bigint) => value.toString().padStart(4, '0');

/** Days in a month "YYYY-MM". */
export function daysInMonth(month: string): bigint {
  const year = BigInt(month.slice(0, 4));
  const m = month.slice(5, 7);
  const leap = (year % 4n === 0n && year % 100n !== 0n) || year % 400n === 0n;
  const short: Record<string, bigint> = { '02': leap ? 29n : 28n, '04': 30n, '06': 30n, '09': 30n, '11': 30n };
  return short[m] ?? 31n;
}

/** The month after "YYYY-MM". */
export function nextMonth(month: string): string {
  const year = BigInt(month.slice(0, 4));
  const m = BigInt(month.slice(5, 7));
  return m === 12n ? `${pad4(year + 1n)}-01` : `${pad4(year)}-${pad2(m + 1n)}`;
}

export const firstDayOf = (month: string) => `${month}-01`;
export const lastDayOf = (month: string) => `${month}-${pad2(daysInMonth(month))}`;

/** Why a lease's term is refused, with the field, or undefined. */
export function termProblem(startsOn: string, endsOn: string, acquiredOn: string): { field: string; message: string } | undefined {
  if (startsOn < acquiredOn)
    return { field: 'input.startsOn', message: `the lease starts before the capital was acquired (${acquiredOn})` };
  if (endsOn < startsOn) return { field: 'input.endsOn', message: `the lease ends (${endsOn}) before it starts (${startsOn})` };
  const limit = `${pad4(BigInt(startsOn.slice(0, 4)) + MAX_TERM_YEARS)}${startsOn.slice(4)}`;
  if (endsOn >= limit)
    return { field: 'input.endsOn', message: `a lease term is at most ${MAX_TERM_YEARS} years: it ends before ${limit}` };
  return undefined;
}

/** The last day a lease runs: its term's, or the day it was ended early. */
export function lastDayOfLease(lease: { endsOn: string; terminatedOn: string | null }): string {
  return lease.terminatedOn ?? lease.endsOn;
}

/**
 * Why a lease cannot end early on `lastDay`, with the field, or undefined: within its term, not ended
 * already, and not before the end of a month whose rent has been raised (a raised charge is not undone).
 */
export function terminationProblem(
  lease: { startsOn: string; endsOn: string; terminatedOn: string | null },
  lastDay: string,
  lastRaisedMonth: string | null,
): { field: string; message: string } | undefined {
  if (lease.terminatedOn) return { field: 'input.leaseId', message: `the lease was already ended on ${lease.terminatedOn}` };
  if (lastDay < lease.startsOn || lastDay > lease.endsOn)
    return { field: 'input.lastDay', message: `the last day is within the term (${lease.startsOn} to ${lease.endsOn})` };
  if (lastRaisedMonth && lastDay < lastDayOf(lastRaisedMonth))
    return {
      field: 'input.lastDay',
      message: `rent is raised up to ${lastRaisedMonth}: the lease ends on ${lastDayOf(lastRaisedMonth)} or later`,
    };
  return undefined;
}

/** Whether two terms share a day. */
export function termsOverlap(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

export interface LeaseTerms {
  startsOn: string;
  endsOn: string;
  monthlyRentFen: bigint;
  dueDay: bigint;
}

export interface RentDue {
  month: string;
  raisedOn: string;
  dueOn: string;
  amountFen: bigint;
}

/**
 * The charge of one month of a lease, or undefined when the lease does not cover a day of it or its
 * days' share of the rent rounds to less than a fen.
 */
export function chargeFor(lease: LeaseTerms, month: string): RentDue | undefined {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  if (lease.startsOn > last || lease.endsOn < first) return undefined;
  const from = lease.startsOn > first ? lease.startsOn : first;
  const to = lease.endsOn < last ? lease.endsOn : last;
  const covered = BigInt(to.slice(8, 10)) - BigInt(from.slice(8, 10)) + 1n;
  const days = daysInMonth(month);
  const amountFen = covered === days ? lease.monthlyRentFen : (lease.monthlyRentFen * covered * 2n + days) / (days * 2n);
  // A few days of a tiny rent can round to 0.00: nothing is owed, so no charge (a ledger line is more than zero).
  if (amountFen === 0n) return undefined;
  const due = `${month}-${pad2(lease.dueDay)}`;
  return { month, raisedOn: from, dueOn: due < from ? from : due, amountFen };
}

/** Every month's charge over a lease's whole term, in order (what the job raises month by month). */
export function rentSchedule(lease: LeaseTerms): RentDue[] {
  const charges: RentDue[] = [];
  for (let month = lease.startsOn.slice(0, 7); month <= lease.endsOn.slice(0, 7); month = nextMonth(month)) {
    const charge = chargeFor(lease, month);
    if (charge) charges.push(charge);
  }
  return charges;
}

/**
 * The first month of a lease's rent that would fall into a closed period of the books (a closed month
 * "YYYY-MM" or year "YYYY"), or undefined. Such rent could never be raised (nothing is posted into a
 * closed period), so a lease whose term reaches back into closed books is refused rather than recorded
 * with months that silently go unbilled.
 */
export function closedRentMonth(lease: LeaseTerms, closedPeriods: readonly string[]): { month: string; period: string } | undefined {
  const closed = new Set(closedPeriods);
  for (const due of rentSchedule(lease)) {
    const period = [due.raisedOn.slice(0, 4), due.raisedOn.slice(0, 7)].find((p) => closed.has(p));
    if (period) return { month: due.month, period };
  }
  return undefined;
}

/** A charge's amounts: as raised, paid so far, reduced so far (rent relief). */
export interface ChargeAmounts {
  amountFen: bigint;
  paidFen: bigint;
  reducedFen: bigint;
}

/** What is still owed on a charge: its amount less what was paid and what was taken off. */
export function outstandingOf(charge: ChargeAmounts): bigint {
  return charge.amountFen - charge.paidFen - charge.reducedFen;
}

/** Whether a charge is overdue at the end of `today`: due before it and not settled (paid or reduced) in full. */
export function isOverdue(charge: ChargeAmounts & { dueOn: string }, today: string): boolean {
  return outstandingOf(charge) > 0n && charge.dueOn < today;
}

/** Why a payment is refused (an overpayment names the amount and what is outstanding), or undefined. */
export function paymentProblem(charge: ChargeAmounts, paymentFen: bigint): string | undefined {
  const outstanding = outstandingOf(charge);
  if (outstanding === 0n) return 'this charge is settled: nothing is outstanding';
  if (paymentFen > outstanding)
    return `an overpayment: ${formatMoney(paymentFen)} is more than the ${formatMoney(outstanding)} outstanding on this charge`;
  return undefined;
}

/**
 * Why a reduction of a charge is refused, or undefined: only what is still outstanding is reduced.
 * What was paid stays paid (a refund is a payment of its own, not a reduction of the rent owed).
 */
export function reductionProblem(charge: ChargeAmounts, reductionFen: bigint): string | undefined {
  const outstanding = outstandingOf(charge);
  if (outstanding === 0n) return 'this charge is settled: nothing is outstanding to reduce';
  if (reductionFen > outstanding)
    return `${formatMoney(reductionFen)} is more than the ${formatMoney(outstanding)} outstanding on this charge (${formatMoney(charge.paidFen)} already paid is not reduced)`;
  return undefined;
}

/**
 * Evaluation periods as text: a month `2025-04`, a quarter `2025Q2`, a half `2025H1`, a year `2025`.
 * Days are calendar days in China time (the caller passes today's day, `todayInChina`).
 */

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;
export const HALF_PATTERN = /^(\d{4})H([12])$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter a month belongs to. */
export function quarterOfMonth(month: string): string {
  const [year, m] = month.split('-');
  return `${year}Q${Math.ceil(Number(m) / 3)}`;
}

/** The three months of a quarter, in order. */
export function monthsOfQuarter(quarter: string): string[] {
  const [, year, q] = QUARTER_PATTERN.exec(quarter)!;
  const first = (Number(q) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${year}-${pad(first + i)}`);
}

/** Any period: a year (2026), a half (2026H1), a quarter (2026Q3) or a month (2026-05). */
export const PERIOD_PATTERN = /^(\d{4})(?:H([12])|Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** The first and last day of a period (YYYY-MM-DD), or undefined when it is not one: the one parser of periods' days. */
export function periodDays(period: string): { from: string; to: string } | undefined {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return undefined;
  const [, year, half, quarter, month] = match;
  const [first, last] = half
    ? [(Number(half) - 1) * 6 + 1, Number(half) * 6]
    : quarter
      ? [(Number(quarter) - 1) * 3 + 1, Number(quarter) * 3]
      : month
        ? [Number(month), Number(month)]
        : [1, 12];
  const lastDay = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/** The day after a day (YYYY-MM-DD). */
function nextDay(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The days of a quarter (a period the caller has checked), or throws. */
function quarterRange(quarter: string): { from: string; to: string } {
  if (!QUARTER_PATTERN.test(quarter)) throw new Error(`${quarter} is not a quarter`);
  return periodDays(quarter)!;
}

/** The first day of a quarter and the first day after it (YYYY-MM-DD). */
export function quarterDays(quarter: string): { from: string; until: string } {
  const { from, to } = quarterRange(quarter);
  return { from, until: nextDay(to) };
}

/** The last day of a quarter (whom a compound's quarter is credited to: its manager on that day). */
export function lastDayOfQuarter(quarter: string): string {
  return quarterRange(quarter).to;
}

/** True once the quarter has ended: its first day after it has come. */
export function isClosedQuarter(quarter: string, today: string): boolean {
  return quarterDays(quarter).until <= today;
}

/** The quarter that ended last before `today` (the one the scheduled run evaluates). */
export function previousQuarter(today: string): string {
  const year = Number(today.slice(0, 4));
  const q = Math.ceil(Number(today.slice(5, 7)) / 3);
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

/** The year of a period. */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

/** The four quarters of a year. */
export function quartersOfYear(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}Q${q}`);
}

/** The two quarters of a half year. */
export function quartersOfHalf(half: string): string[] {
  const [, year, h] = HALF_PATTERN.exec(half)!;
  return h === '1' ? [`${year}Q1`, `${year}Q2`] : [`${year}Q3`, `${year}Q4`];
}

/** True once the half has ended. */
export function isClosedHalf(half: string, today: string): boolean {
  return quartersOfHalf(half).every((q) => isClosedQuarter(q, today));
}

/** The half year that ended last before `today` (the one the scheduled list covers). */
export function previousHalf(today: string): string {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 6 ? `${year - 1}H2` : `${year}H1`;
}

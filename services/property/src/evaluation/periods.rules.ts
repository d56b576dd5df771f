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

/** The first day of a quarter and the first day after it (YYYY-MM-DD). */
export function quarterDays(quarter: string): { from: string; until: string } {
  const [, year, q] = QUARTER_PATTERN.exec(quarter)!;
  const n = Number(q);
  return { from: `${year}-${pad((n - 1) * 3 + 1)}-01`, until: n === 4 ? `${Number(year) + 1}-01-01` : `${year}-${pad(n * 3 + 1)}-01` };
}

/** The last day of a quarter (whom a compound's quarter is credited to: its manager on that day). */
export function lastDayOfQuarter(quarter: string): string {
  const { until } = quarterDays(quarter);
  const day = new Date(`${until}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
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

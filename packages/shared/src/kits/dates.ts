import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { z } from 'zod';
import { ErrorCode } from '../errors';

/**
 * Dates and instants, one set of rules for the whole graph.
 *
 * The `Date` and `DateTime` scalars are strict: a value that is not a real calendar day or instant
 * (`2025-13-01`, `2025-02-30`, `24:00`, a missing offset), or that lies outside the years the graph
 * records (1900–2100: nothing the graph keeps is older than its oldest residents, and year 0000 or
 * five-digit years would be stored shifted or as BC dates), is BAD_USER_INPUT before any resolver
 * runs. JavaScript's `new Date(text)` is never trusted with input: it accepts `2025-02-30`
 * (as 2 March), bare years and local times.
 *
 * Each field then states its own domain range once with the zod helpers below (`dateInput`,
 * `instantInput` with `FOUNDING_DATE`, `PAST_DAY`, `PAST_INSTANT`…). "Today" is the day in China
 * (UTC+8 all year), the communities' calendar, whatever time zone the server runs in.
 */

/** The days the scalars accept at all; fields narrow this with their own range. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 with a mandatory offset; fractions up to nanoseconds (milliseconds are kept).
const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why a text is not a calendar day the graph accepts (YYYY-MM-DD, a real day, 1900–2100), or undefined. */
export function calendarDateProblem(value: string): string | undefined {
  const match = DATE_PATTERN.exec(value);
  if (!match) return 'a date is written YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `${value} has no month ${match[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `${value} is not a day of the calendar`;
  if (value < EARLIEST_DATE || value > LATEST_DATE) return `a date lies between ${EARLIEST_DATE} and ${LATEST_DATE}`;
  return undefined;
}

/** The instant of an RFC 3339 date-time with its offset, or why it is not one the graph accepts. */
export function parseDateTime(value: string): { instant: Date } | { problem: string } {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return { problem: 'a date-time is ISO 8601 with an offset, e.g. 2026-11-23T08:30:00Z or 2026-11-23T16:30:00+08:00' };
  const [, day, hours, minutes, seconds, fraction, offset] = match;
  const dayProblem = calendarDateProblem(day!);
  if (dayProblem) return { problem: dayProblem.replace('a date lies', 'a date-time lies') };
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return { problem: `${value} is not a time of day` };
  let offsetMs = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const [offsetHours, offsetMinutes] = offset!.slice(1).split(':').map(Number) as [number, number];
    if (offsetHours > 23 || offsetMinutes > 59) return { problem: `${offset} is not a time zone offset` };
    offsetMs = (offset!.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  const [year, month, date] = day!.split('-').map(Number) as [number, number, number];
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  const instant = new Date(Date.UTC(year, month - 1, date, Number(hours), Number(minutes), Number(seconds), millis) - offsetMs);
  // The day was checked to lie in 1900–2100 as written (Date.UTC would read years 0–99 as 1900–1999).
  return { instant };
}

/** Today's date in China (UTC+8, no daylight saving): a founding at 07:00 on 1 March in Tianzhu is 28 February in UTC. */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar day moved by whole days (both YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// ─── Scalars ──────────────────────────────────────────────────────────────────

// The literal's node gives the error its location, from which the input guard names the argument.
const invalid = (message: string, node?: ValueNode) =>
  new GraphQLError(message, { nodes: node, extensions: { code: ErrorCode.BAD_USER_INPUT } });

function literal(ast: ValueNode, type: string, parse: (value: unknown) => unknown) {
  if (ast.kind !== Kind.STRING) throw invalid(`A ${type} is written as a string`, ast);
  try {
    return parse(ast.value);
  } catch (error) {
    throw error instanceof GraphQLError ? invalid(error.message, ast) : error;
  }
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string') throw invalid('A Date is written as a string, YYYY-MM-DD');
  const problem = calendarDateProblem(value);
  if (problem) throw invalid(`Not a Date: ${problem}`);
  return value;
}

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string') throw invalid('A DateTime is written as a string, e.g. 2026-11-23T08:30:00Z');
  const parsed = parseDateTime(value);
  if ('problem' in parsed) throw invalid(`Not a DateTime: ${parsed.problem}`);
  return parsed.instant;
}

/** A calendar day, YYYY-MM-DD, kept as a string so no time zone can shift it. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: `A calendar date, YYYY-MM-DD, between ${EARLIEST_DATE} and ${LATEST_DATE}.`,
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => literal(ast, 'Date', parseDate) as string,
});

/** An instant, RFC 3339 with an offset; always answered in UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: `An ISO 8601 date-time with an offset (e.g. 2026-11-23T08:30:00.000Z), between ${EARLIEST_DATE} and ${LATEST_DATE}; answered in UTC.`,
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('Not a date-time');
    return date.toISOString();
  },
  parseValue: parseInstant,
  parseLiteral: (ast) => literal(ast, 'DateTime', parseInstant) as Date,
});

// ─── Domain ranges, stated once ──────────────────────────────────────────────

/** A bound of a range of days: a fixed day, or so many days from today (negative: before). */
export type DayBound = { day: string } | { daysFromToday: number };

/** The days a field accepts, and why, in the words of the error. */
export interface DateRange {
  earliest: DayBound;
  latest: DayBound;
  /** Completes "<label> …", e.g. "is after the founding of the People's Republic (1949-10-01) and not after today". */
  rule: string;
}

/** An organisation founded in the People's Republic: from 1949-10-01 to today. */
export const FOUNDING_DATE: DateRange = {
  earliest: { day: '1949-10-01' },
  latest: { daysFromToday: 0 },
  rule: "is on or after the founding of the People's Republic (1949-10-01) and not after today",
};

/**
 * A day on which something happened and is recorded (a meeting held, a liaison activity, a branch
 * activated or dissolved): not in the future, and not before 2000 (the graph records current work).
 */
export const PAST_DAY: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { daysFromToday: 0 },
  rule: 'is a day that has come (not after today) and not before 2000-01-01',
};

const boundDay = (bound: DayBound, today: string) => ('day' in bound ? bound.day : addDays(today, bound.daysFromToday));

/** Why a (calendar-valid) day is outside a field's range on `today`, or undefined. */
export function dateRangeProblem(day: string, range: DateRange, today: string, label = 'a date'): string | undefined {
  const format = calendarDateProblem(day);
  if (format) return format;
  // Both are YYYY-MM-DD, so string order is date order.
  const earliest = boundDay(range.earliest, today);
  const latest = boundDay(range.latest, today);
  if (day < earliest || day > latest) return `${label} ${range.rule}: ${day} is not between ${earliest} and ${latest}`;
  return undefined;
}

export interface DateInputOptions {
  label?: string;
  /** The clock (tests fix it); the real one by default. */
  now?: () => Date;
}

/** A `Date` input field with its domain range, e.g. `foundedOn: dateInput(FOUNDING_DATE, { label: 'a founding date' })`. */
export function dateInput(range: DateRange, options: DateInputOptions = {}) {
  const { label = 'a date', now = () => new Date() } = options;
  return z.string().superRefine((day, context) => {
    const problem = dateRangeProblem(day, range, todayInChina(now()), label);
    if (problem) context.addIssue({ code: 'custom', message: problem, input: day });
  });
}

/** A bound of a range of instants: a fixed instant, or so many milliseconds from now. */
export type InstantBound = { at: Date } | { msFromNow: number };

export interface InstantRange {
  earliest: InstantBound;
  latest: InstantBound;
  rule: string;
}

/** Something that happened (a visit, an appointment's end): not in the future (a minute of clock skew allowed), not before 2000. */
export const PAST_INSTANT: InstantRange = {
  earliest: { at: new Date('2000-01-01T00:00:00+08:00') },
  latest: { msFromNow: 60_000 },
  rule: 'has happened (not in the future) and is not before 2000',
};

const boundInstant = (bound: InstantBound, now: Date) => ('at' in bound ? bound.at : new Date(now.getTime() + bound.msFromNow));

/** Why an instant is outside a field's range at `now`, or undefined. */
export function instantRangeProblem(at: Date, range: InstantRange, now: Date, label = 'a time'): string | undefined {
  if (Number.isNaN(at.getTime())) return `${label} is not a date-time`;
  const earliest = boundInstant(range.earliest, now);
  const latest = boundInstant(range.latest, now);
  if (at < earliest || at > latest)
    return `${label} ${range.rule}: ${at.toISOString()} is not between ${earliest.toISOString()} and ${latest.toISOString()}`;
  return undefined;
}

/** A `DateTime` input field (already a Date from the scalar) with its domain range. */
export function instantInput(range: InstantRange, options: DateInputOptions = {}) {
  const { label = 'a time', now = () => new Date() } = options;
  return z.date().superRefine((at, context) => {
    const problem = instantRangeProblem(at, range, now(), label);
    if (problem) context.addIssue({ code: 'custom', message: problem, input: at });
  });
}

import fc from 'fast-check';
import { GraphQLError, Kind } from 'graphql';
import { z } from 'zod';
import {
  calendarDateProblem,
  dateInput,
  DateScalar,
  dateRangeProblem,
  DateTimeScalar,
  FOUNDING_DATE,
  instantInput,
  PAST_DAY,
  PAST_INSTANT,
  parseDateTime,
  parseInput,
  todayInChina,
  type DomainError,
} from '../src';

function refused(parse: () => unknown): GraphQLError {
  try {
    parse();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('accepted');
}

describe('the Date scalar', () => {
  it.each(['2025-01-31', '2024-02-29', '1900-01-01', '2100-12-31', '1949-10-01'])('accepts %s as it is', (day) => {
    expect(DateScalar.parseValue(day)).toBe(day);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: day })).toBe(day);
  });

  it.each([
    ['2025-13-01', /no month 13/],
    ['2025-00-10', /no month 00/],
    ['2025-02-30', /not a day of the calendar/],
    ['2023-02-29', /not a day of the calendar/],
    ['2025-04-31', /not a day of the calendar/],
    ['0000-01-01', /between 1900-01-01 and 2100-12-31/],
    ['9999-12-31', /between 1900-01-01 and 2100-12-31/],
    ['1899-12-31', /between/],
    ['+02025-01-01', /YYYY-MM-DD/],
    ['-2025-01-01', /YYYY-MM-DD/],
    ['2025-1-1', /YYYY-MM-DD/],
    ['2025-01-01T00:00:00Z', /YYYY-MM-DD/],
    ['20250101', /YYYY-MM-DD/],
    ['', /YYYY-MM-DD/],
    ['２０２５-０１-０１', /YYYY-MM-DD/],
  ])('refuses %s with BAD_USER_INPUT', (value, reason) => {
    const error = refused(() => DateScalar.parseValue(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(reason);
    expect(refused(() => DateScalar.parseLiteral({ kind: Kind.STRING, value })).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses what is not a string', () => {
    for (const value of [20250101, true, null, {}, ['2025-01-01']])
      expect(refused(() => DateScalar.parseValue(value)).extensions.code).toBe('BAD_USER_INPUT');
    expect(refused(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '20250101' })).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('accepts exactly the days JavaScript’s UTC calendar has in 1900–2100 (property)', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(day, (d) => calendarDateProblem(d.toISOString().slice(0, 10)) === undefined));
    const text = fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(text, ([y, m, d]) => {
        const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(y, m - 1, d));
        const exists = m >= 1 && m <= 12 && d >= 1 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
        return (calendarDateProblem(value) === undefined) === exists;
      }),
    );
  });
});

describe('the DateTime scalar', () => {
  it.each([
    ['2026-11-23T08:30:00Z', '2026-11-23T08:30:00.000Z'],
    ['2026-11-23T16:30:00+08:00', '2026-11-23T08:30:00.000Z'],
    ['2026-11-23T08:30:00.123456Z', '2026-11-23T08:30:00.123Z'],
    ['2026-01-01T07:00:00+08:00', '2025-12-31T23:00:00.000Z'],
  ])('accepts %s as the instant %s', (value, utc) => {
    expect((DateTimeScalar.parseValue(value) as Date).toISOString()).toBe(utc);
  });

  it.each([
    '2025-13-01T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0050-01-01T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T23:60:00Z',
    '2025-01-01T23:59:60Z',
    '2025-01-01T08:00:00',
    '2025-01-01T08:00:00+25:00',
    '2025-01-01',
    '2025',
    'now',
    '1735689600000',
    '+275760-09-13T00:00:00.000Z',
  ])('refuses %s with BAD_USER_INPUT', (value) => {
    expect(refused(() => DateTimeScalar.parseValue(value)).extensions.code).toBe('BAD_USER_INPUT');
    expect(refused(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value })).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('reads back every instant it writes (property)', () => {
    const instant = fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2100-12-30T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, (at) => {
        const parsed = parseDateTime(DateTimeScalar.serialize(at) as string);
        return 'instant' in parsed && parsed.instant.getTime() === at.getTime();
      }),
    );
  });
});

describe('domain ranges', () => {
  it('today is the day in China', () => {
    expect(todayInChina(new Date('2026-02-28T23:00:00Z'))).toBe('2026-03-01');
    expect(todayInChina(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });

  it('a founding date is after 1949-10-01 and not after today', () => {
    const today = '2026-11-30';
    expect(dateRangeProblem('1949-10-01', FOUNDING_DATE, today)).toBeUndefined();
    expect(dateRangeProblem('2026-11-30', FOUNDING_DATE, today)).toBeUndefined();
    expect(dateRangeProblem('1949-09-30', FOUNDING_DATE, today, 'a founding date')).toMatch(/^a founding date is on or after/);
    expect(dateRangeProblem('2026-12-01', FOUNDING_DATE, today)).toMatch(/not after today/);
  });

  it('a past day is not after today and not before 2000', () => {
    expect(dateRangeProblem('2026-12-01', PAST_DAY, '2026-11-30')).toMatch(/2026-12-01 is not between 2000-01-01 and 2026-11-30/);
    expect(dateRangeProblem('1999-12-31', PAST_DAY, '2026-11-30')).toBeDefined();
    expect(dateRangeProblem('9999-12-31', PAST_DAY, '2026-11-30')).toBeDefined();
    expect(dateRangeProblem('2025-02-30', PAST_DAY, '2026-11-30')).toMatch(/not a day/);
  });

  it('zod helpers name the field and use the clock given', () => {
    const schema = z.object({ heldOn: dateInput(PAST_DAY, { label: 'a meeting day', now: () => new Date('2026-11-30T12:00:00Z') }) });
    expect(parseInput(schema, { heldOn: '2026-11-30' })).toEqual({ heldOn: '2026-11-30' });
    try {
      parseInput(schema, { heldOn: '2026-12-01' });
      throw new Error('accepted');
    } catch (error) {
      expect((error as DomainError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.heldOn' });
      expect((error as DomainError).message).toMatch(/^input.heldOn: a meeting day is a day that has come/);
    }
  });

  it('an instant that happened: not in the future beyond a minute of skew', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const schema = instantInput(PAST_INSTANT, { label: 'a visit time', now: () => now });
    expect(parseInput(schema, new Date('2026-11-30T12:00:59Z'))).toEqual(new Date('2026-11-30T12:00:59Z'));
    expect(() => parseInput(schema, new Date('2026-11-30T12:01:01Z'))).toThrow(/a visit time has happened/);
    expect(() => parseInput(schema, new Date('1999-12-31T00:00:00Z'))).toThrow(/not before 2000/);
  });
});

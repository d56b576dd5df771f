import fc from 'fast-check';
import {
  chargeFor,
  closedRentMonth,
  daysInMonth,
  isOverdue,
  lastDayOfLease,
  nextMonth,
  outstandingOf,
  paymentProblem,
  reductionProblem,
  rentSchedule,
  terminationProblem,
  termProblem,
} from '../src/lease/lease.rules';

const lease = { startsOn: '2025-01-01', endsOn: '2025-12-31', monthlyRentFen: 300_000n, dueDay: 10n };

describe('rent of a lease', () => {
  it('charges a whole month the monthly rent, due on the due day, raised on the first', () => {
    expect(chargeFor(lease, '2025-03')).toEqual({ month: '2025-03', raisedOn: '2025-03-01', dueOn: '2025-03-10', amountFen: 300_000n });
    expect(chargeFor(lease, '2024-12')).toBeUndefined();
    expect(chargeFor(lease, '2026-01')).toBeUndefined();
    expect(rentSchedule(lease)).toHaveLength(12);
  });

  it('charges a part month pro rata to its days, half a fen up, raised and due no earlier than the lease starts', () => {
    // 16 of 31 days of 1,000.00: 516.129… → 516.13.
    const part = { startsOn: '2025-01-16', endsOn: '2025-02-14', monthlyRentFen: 100_000n, dueDay: 5n };
    expect(rentSchedule(part)).toEqual([
      { month: '2025-01', raisedOn: '2025-01-16', dueOn: '2025-01-16', amountFen: 51_613n },
      // 14 of 28 days: exactly half.
      { month: '2025-02', raisedOn: '2025-02-01', dueOn: '2025-02-05', amountFen: 50_000n },
    ]);
  });

  it('never charges more than the monthly rent a month, and the whole term’s rent is the months’ (property)', () => {
    const day = fc
      .record({ y: fc.integer({ min: 2000, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 800 }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 1n, max: 28n }),
        (start, days, rent, due) => {
          const end = new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
          const schedule = rentSchedule({ startsOn: start, endsOn: end, monthlyRentFen: rent, dueDay: due });
          const months = new Set(schedule.map((c) => c.month));
          return (
            months.size === schedule.length &&
            schedule.every((c) => c.amountFen <= rent && c.amountFen > 0n && c.dueOn >= c.raisedOn && c.raisedOn >= start) &&
            schedule.slice(1, -1).every((c) => c.amountFen === rent)
          );
        },
      ),
    );
  });

  it('raises no charge of 0.00 for a few days of a tiny rent (a ledger line is more than zero)', () => {
    const tiny = { startsOn: '2025-01-31', endsOn: '2025-03-01', monthlyRentFen: 1n, dueDay: 5n };
    expect(chargeFor(tiny, '2025-01')).toBeUndefined();
    expect(rentSchedule(tiny).map((c) => [c.month, c.amountFen])).toEqual([['2025-02', 1n]]);
    expect(chargeFor({ ...tiny, monthlyRentFen: 16n }, '2025-01')?.amountFen).toBe(1n);
  });

  it('counts the days of months and steps through years', () => {
    expect(['2024-02', '2023-02', '2025-04', '2025-12'].map(daysInMonth)).toEqual([29n, 28n, 30n, 31n]);
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(nextMonth('2025-09')).toBe('2025-10');
  });

  it('limits a term to 20 years and to after the capital was acquired', () => {
    expect(termProblem('2025-01-01', '2044-12-31', '2020-01-01')).toBeUndefined();
    expect(termProblem('2025-01-01', '2045-01-01', '2020-01-01')?.field).toBe('input.endsOn');
    expect(termProblem('2025-01-01', '2024-12-31', '2020-01-01')?.field).toBe('input.endsOn');
    expect(termProblem('2019-12-31', '2024-12-31', '2020-01-01')?.field).toBe('input.startsOn');
  });
});

describe('payments and overdue rent', () => {
  it('settles in parts and refuses an overpayment, saying what is outstanding', () => {
    expect(paymentProblem({ amountFen: 300_000n, paidFen: 100_000n, reducedFen: 0n }, 200_000n)).toBeUndefined();
    expect(paymentProblem({ amountFen: 300_000n, paidFen: 100_000n, reducedFen: 0n }, 200_001n)).toBe(
      'an overpayment: 2000.01 is more than the 2000.00 outstanding on this charge',
    );
    expect(paymentProblem({ amountFen: 300_000n, paidFen: 300_000n, reducedFen: 0n }, 1n)).toMatch(/settled/);
  });

  it('is overdue after the due day while anything is outstanding', () => {
    const charge = { dueOn: '2025-03-10', amountFen: 100n, paidFen: 99n, reducedFen: 0n };
    expect([
      isOverdue(charge, '2025-03-10'),
      isOverdue(charge, '2025-03-11'),
      isOverdue({ ...charge, paidFen: 100n }, '2025-04-01'),
      isOverdue({ ...charge, reducedFen: 1n }, '2025-04-01'),
    ]).toEqual([false, true, false, false]);
  });

  it('reduces only what is outstanding, never what was paid', () => {
    const charge = { amountFen: 300_000n, paidFen: 100_000n, reducedFen: 50_000n };
    expect(outstandingOf(charge)).toBe(150_000n);
    expect(reductionProblem(charge, 150_000n)).toBeUndefined();
    expect(reductionProblem(charge, 150_001n)).toBe(
      '1500.01 is more than the 1500.00 outstanding on this charge (1000.00 already paid is not reduced)',
    );
    expect(reductionProblem({ ...charge, reducedFen: 200_000n }, 1n)).toMatch(/settled/);
    expect(paymentProblem(charge, 150_001n)).toMatch(/overpayment/);
  });
});

describe('an early end', () => {
  const term = { startsOn: '2025-01-01', endsOn: '2025-12-31', terminatedOn: null };
  it('falls within the term, once, and not before the end of a month whose rent was raised', () => {
    expect(terminationProblem(term, '2025-06-30', '2025-06')).toBeUndefined();
    expect(terminationProblem(term, '2025-06-29', '2025-06')?.field).toBe('input.lastDay');
    expect(terminationProblem(term, '2024-12-31', null)?.field).toBe('input.lastDay');
    expect(terminationProblem(term, '2026-01-01', null)?.field).toBe('input.lastDay');
    expect(terminationProblem({ ...term, terminatedOn: '2025-03-31' }, '2025-06-30', null)?.field).toBe('input.leaseId');
    expect([lastDayOfLease(term), lastDayOfLease({ ...term, terminatedOn: '2025-03-31' })]).toEqual(['2025-12-31', '2025-03-31']);
  });
});

describe('a lease against closed books', () => {
  it('finds the first month of rent that would fall into a closed month or year', () => {
    expect(closedRentMonth(lease, [])).toBeUndefined();
    expect(closedRentMonth(lease, ['2024', '2024-12'])).toBeUndefined();
    expect(closedRentMonth(lease, ['2025-02', '2025-03'])).toEqual({ month: '2025-02', period: '2025-02' });
    expect(closedRentMonth(lease, ['2025'])).toEqual({ month: '2025-01', period: '2025' });
    expect(closedRentMonth({ ...lease, startsOn: '2025-03-31' }, ['2025-03'])).toEqual({ month: '2025-03', period: '2025-03' });
    expect(closedRentMonth({ ...lease, startsOn: '2025-04-01' }, ['2025-03'])).toBeUndefined();
  });
});

import fc from 'fast-check';
import {
  bookLines,
  bookValueAsOf,
  changeProblem,
  depreciationMonths,
  isMonthEnd,
  monthsToDepreciate,
  pendingDepreciation,
  type ValueChange,
} from '../src/capital/capital.rules';
import { firstOpenDay } from '../src/ledger/ledger.rules';

const shopfront = { usefulLifeMonths: 240n, residualRateBp: 500n };
const acquired = (day: string, fen: bigint): ValueChange => ({ kind: 'ACQUIRED', effectiveOn: day, amountFen: fen });

describe('the months of depreciation', () => {
  it('start the month after a value is added and count a month once it has ended', () => {
    expect(depreciationMonths('2024-03-15', '2024-03-31', 240n)).toBe(0n);
    expect(depreciationMonths('2024-03-15', '2024-04-29', 240n)).toBe(0n);
    expect(depreciationMonths('2024-03-15', '2024-04-30', 240n)).toBe(1n);
    expect(depreciationMonths('2024-03-01', '2025-03-01', 240n)).toBe(11n);
    expect(depreciationMonths('2024-01-31', '2024-02-29', 240n)).toBe(1n);
    expect(depreciationMonths('2020-01-01', '2060-01-01', 240n)).toBe(240n);
    expect(depreciationMonths('2024-05-01', '2024-01-01', 240n)).toBe(0n);
  });

  it('knows the last day of each month, leap years included', () => {
    expect(['2024-02-29', '2023-02-28', '2000-02-29', '2024-04-30', '2024-12-31'].map(isMonthEnd)).toEqual([true, true, true, true, true]);
    expect(['2024-02-28', '1900-02-28', '2100-02-28', '2024-04-29'].map(isMonthEnd)).toEqual([false, true, true, false]);
  });
});

describe('the book value of a capital', () => {
  it('depreciates an asset straight-line to the fen, rounded down, over its life, down to its residual value', () => {
    // 120,000.00 yuan, 5% residual, 240 months: 475.00 a month.
    const history = [acquired('2024-01-10', 12_000_000n)];
    expect(bookValueAsOf('ASSET', shopfront, history, '2024-01-31').bookValueFen).toBe(12_000_000n);
    expect(bookValueAsOf('ASSET', shopfront, history, '2024-12-31')).toEqual({
      costFen: 12_000_000n,
      accumulatedDepreciationFen: 11n * 47_500n,
      bookValueFen: 12_000_000n - 11n * 47_500n,
      disposed: false,
    });
    expect(bookValueAsOf('ASSET', shopfront, history, '2060-01-01').bookValueFen).toBe(600_000n);
    // 100.00 over 3 months with no residual: 33.33, 66.66, then all of it.
    const small = [acquired('2024-01-10', 10_000n)];
    const life3 = { usefulLifeMonths: 3n, residualRateBp: 0n };
    expect(['2024-02-29', '2024-03-31', '2024-04-30'].map((d) => bookValueAsOf('ASSET', life3, small, d).bookValueFen)).toEqual([
      6_667n,
      3_334n,
      0n,
    ]);
  });

  it('depreciates a later increase from its own month and values nothing before it happened', () => {
    const life = { usefulLifeMonths: 10n, residualRateBp: 0n };
    const history: ValueChange[] = [acquired('2024-01-05', 100_000n), { kind: 'INCREASE', effectiveOn: '2024-06-10', amountFen: 50_000n }];
    // At 2024-08-31: 7 months of 10,000 on the first value, 2 months of 5,000 on the second.
    expect(bookValueAsOf('ASSET', life, history, '2024-08-31')).toMatchObject({ costFen: 150_000n, accumulatedDepreciationFen: 80_000n });
    expect(bookValueAsOf('ASSET', life, history, '2023-12-31')).toMatchObject({ costFen: 0n, bookValueFen: 0n });
  });

  it('holds funds and resources at their recorded value and values a disposed capital at nothing', () => {
    const fund: ValueChange[] = [
      acquired('2023-01-01', 5_000_000n),
      { kind: 'DECREASE', effectiveOn: '2024-01-01', amountFen: 1_000_000n },
    ];
    expect(bookValueAsOf('FUND', null, fund, '2030-01-01').bookValueFen).toBe(4_000_000n);
    const pond: ValueChange[] = [acquired('2023-01-01', 800_000n), { kind: 'DISPOSED', effectiveOn: '2024-07-01', amountFen: 0n }];
    expect(bookValueAsOf('RESOURCE', null, pond, '2024-06-30').bookValueFen).toBe(800_000n);
    expect(bookValueAsOf('RESOURCE', null, pond, '2024-07-01')).toMatchObject({ bookValueFen: 0n, disposed: true });
  });

  it('never goes below the residual value nor above the cost, and never rises with time (property)', () => {
    const day = fc
      .record({ y: fc.integer({ min: 2000, max: 2040 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 600n }),
        fc.bigInt({ min: 0n, max: 5000n }),
        day,
        day,
        day,
        (cost, life, residual, from, a, b) => {
          const policy = { usefulLifeMonths: life, residualRateBp: residual };
          const [early, late] = a <= b ? [a, b] : [b, a];
          const history = [acquired(from, cost)];
          const first = bookValueAsOf('ASSET', policy, history, early);
          const second = bookValueAsOf('ASSET', policy, history, late);
          if (from > early) return first.bookValueFen === 0n;
          const floor = (cost * residual) / 10_000n;
          return second.bookValueFen <= first.bookValueFen && second.bookValueFen >= floor && first.bookValueFen <= cost;
        },
      ),
    );
  });
});

describe('changes of a capital', () => {
  const history = [acquired('2024-01-01', 100_000n)];
  it('are dated in order, of more than zero, a decrease at most the book value, nothing after a disposal', () => {
    expect(changeProblem(history, { kind: 'INCREASE', effectiveOn: '2023-12-31', amountFen: 1n }, 100_000n)?.field).toBe(
      'input.effectiveOn',
    );
    expect(changeProblem(history, { kind: 'INCREASE', effectiveOn: '2024-02-01', amountFen: 0n }, 100_000n)?.field).toBe('input.amount');
    expect(changeProblem(history, { kind: 'DECREASE', effectiveOn: '2024-02-01', amountFen: 90_001n }, 90_000n)).toEqual({
      field: 'input.amount',
      message: 'a decrease may not exceed the book value on that day (900.00)',
    });
    expect(changeProblem(history, { kind: 'DECREASE', effectiveOn: '2024-02-01', amountFen: 90_000n }, 90_000n)).toBeUndefined();
    const disposed = [...history, { kind: 'DISPOSED' as const, effectiveOn: '2024-03-01', amountFen: 0n }];
    expect(changeProblem(disposed, { kind: 'INCREASE', effectiveOn: '2024-04-01', amountFen: 1n }, 0n)?.field).toBe('input.capitalId');
  });
});

describe('an asset in the books', () => {
  const line = (account: string, debitFen: bigint, creditFen: bigint) => ({ account, debitFen, creditFen });
  const none = { costFen: 0n, depreciationFen: 0n };

  it('enters at its value against the fund, late with its past depreciation against the fund too', () => {
    expect(bookLines(none, { costFen: 1000n, accumulatedDepreciationFen: 0n }, 'REGISTER')).toEqual({
      lines: [line('FIXED_ASSETS', 1000n, 0n), line('PUBLIC_ACCUMULATION_FUND', 0n, 1000n)],
      after: { costFen: 1000n, depreciationFen: 0n },
    });
    expect(bookLines(none, { costFen: 1000n, accumulatedDepreciationFen: 300n }, 'REGISTER').lines).toEqual([
      line('FIXED_ASSETS', 1000n, 0n),
      line('ACCUMULATED_DEPRECIATION', 0n, 300n),
      line('PUBLIC_ACCUMULATION_FUND', 0n, 700n),
    ]);
  });

  it('depreciates against the expense by what the books do not hold yet, and posts nothing when they agree', () => {
    const posted = { costFen: 1000n, depreciationFen: 300n };
    expect(bookLines(posted, { costFen: 1000n, accumulatedDepreciationFen: 340n }, 'DEPRECIATE')).toEqual({
      lines: [line('ACCUMULATED_DEPRECIATION', 0n, 40n), line('EXPENSE_DEPRECIATION', 40n, 0n)],
      after: { costFen: 1000n, depreciationFen: 340n },
    });
    expect(bookLines(posted, { costFen: 1000n, accumulatedDepreciationFen: 300n }, 'DEPRECIATE').lines).toEqual([]);
    // A change moves the cost only; depreciation is the monthly run's.
    expect(bookLines(posted, { costFen: 1500n, accumulatedDepreciationFen: 340n }, 'CHANGE').lines).toEqual([
      line('FIXED_ASSETS', 500n, 0n),
      line('PUBLIC_ACCUMULATION_FUND', 0n, 500n),
    ]);
  });

  it('takes a disposed asset out: its depreciation to the day expensed, its net value out of the fund', () => {
    expect(bookLines({ costFen: 1000n, depreciationFen: 300n }, { costFen: 1000n, accumulatedDepreciationFen: 350n }, 'DISPOSE')).toEqual({
      lines: [
        line('FIXED_ASSETS', 0n, 1000n),
        // 50 more credited to the day, 350 taken out: 300 net.
        line('ACCUMULATED_DEPRECIATION', 300n, 0n),
        line('PUBLIC_ACCUMULATION_FUND', 650n, 0n),
        line('EXPENSE_DEPRECIATION', 50n, 0n),
      ],
      after: { costFen: 0n, depreciationFen: 0n },
    });
  });

  it('always balances and leaves the books at the target (or empty after a disposal)', () => {
    const fen = fc.bigInt({ min: 0n, max: 10n ** 12n });
    fc.assert(
      fc.property(fen, fen, fen, fen, fc.constantFrom('REGISTER', 'CHANGE', 'DEPRECIATE', 'DISPOSE' as const), (pc, pd, tc, td, mode) => {
        const { lines, after } = bookLines({ costFen: pc, depreciationFen: pd }, { costFen: tc, accumulatedDepreciationFen: td }, mode);
        expect(lines.reduce((sum, l) => sum + l.debitFen - l.creditFen, 0n)).toBe(0n);
        for (const l of lines) expect((l.debitFen === 0n) !== (l.creditFen === 0n)).toBe(true);
        const expected =
          mode === 'DISPOSE'
            ? { costFen: 0n, depreciationFen: 0n }
            : { costFen: mode === 'DEPRECIATE' ? pc : tc, depreciationFen: mode === 'CHANGE' ? pd : td };
        expect(after).toEqual(expected);
      }),
    );
  });
});

describe('depreciation pending at a period’s end', () => {
  it('is what the register counts less what is posted while the books are posted through an earlier day only', () => {
    expect(pendingDepreciation({ depreciationFen: 300n, depreciatedThrough: '2025-03-31' }, 400n, '2025-04-30')).toBe(100n);
    // A change posts cost only: posted through March, April is pending even with a change posted in May.
    expect(pendingDepreciation({ depreciationFen: 300n, depreciatedThrough: '2025-03-31' }, 300n, '2025-04-30')).toBe(0n);
  });
  it('is nothing once a posting on or after the day brought it on, or for an asset never posted', () => {
    expect(pendingDepreciation({ depreciationFen: 400n, depreciatedThrough: '2025-04-30' }, 400n, '2025-04-30')).toBe(0n);
    expect(pendingDepreciation({ depreciationFen: 900n, depreciatedThrough: '2025-06-10' }, 400n, '2025-04-30')).toBe(0n);
    expect(pendingDepreciation({ depreciationFen: 0n, depreciatedThrough: null }, 400n, '2025-04-30')).toBe(0n);
  });
});

describe('the months a depreciation run posts', () => {
  it('runs from the month depreciation is posted through, month ends after that day, up to the disposal', () => {
    expect(monthsToDepreciate('2025-03-10', null, '2025-06')).toEqual(['2025-03', '2025-04', '2025-05', '2025-06']);
    expect(monthsToDepreciate('2025-03-31', null, '2025-05')).toEqual(['2025-04', '2025-05']);
    expect(monthsToDepreciate('2025-03-31', '2025-05-20', '2025-07')).toEqual(['2025-04']);
    expect(monthsToDepreciate('2025-06-30', null, '2025-05')).toEqual([]);
  });
  it('brings an asset never posted into the books in the month run alone', () => {
    expect(monthsToDepreciate(null, null, '2025-05')).toEqual(['2025-05']);
  });
});

describe('the first open day of the books', () => {
  const today = '2026-11-30';
  it('is the day itself when its month and year are open', () => {
    expect(firstOpenDay('2025-03-10', new Set(['2024', '2025-02']), today)).toBe('2025-03-10');
  });
  it('skips a closed year to its next 1 January and a closed month to its next first day, again and again', () => {
    expect(firstOpenDay('2023-03-01', new Set(['2023']), today)).toBe('2024-01-01');
    expect(firstOpenDay('2023-03-01', new Set(['2023', '2024-01', '2024-02']), today)).toBe('2024-03-01');
    expect(firstOpenDay('2025-11-15', new Set(['2025-11', '2025']), today)).toBe('2026-01-01');
  });
  it('is today at the latest', () => {
    expect(firstOpenDay('2026-10-15', new Set(['2026-10']), '2026-11-01')).toBe('2026-11-01');
    expect(firstOpenDay('2026-10-15', new Set(['2026-10']), '2026-10-20')).toBe('2026-10-20');
  });
});

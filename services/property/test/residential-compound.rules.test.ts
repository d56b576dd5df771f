import fc from 'fast-check';
import {
  committeeRolesProblem,
  committeeTermProblem,
  managementCompanyProblem,
  managementOn,
  managementStartProblem,
  MANAGEMENT_MODES,
  type ManagementSpan,
} from '../src/residential-compound/residential-compound.rules';

const COMPANY = '00000000-0000-4000-8000-000000000401';

/** A day between 2000 and 2030 as YYYY-MM-DD, from a day number. */
const dayOf = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const dayArb = fc.integer({ min: 0, max: 11_000 });

describe('residential compound rules', () => {
  it('asks for a company exactly when the compound is professionally managed', () => {
    expect(managementCompanyProblem('PROFESSIONAL', COMPANY)).toBeUndefined();
    expect(managementCompanyProblem('PROFESSIONAL', null)).toMatch(/names its property company/);
    expect(managementCompanyProblem('PROFESSIONAL', undefined)).toMatch(/names its property company/);
    for (const mode of MANAGEMENT_MODES.filter((m) => m !== 'PROFESSIONAL')) {
      expect(managementCompanyProblem(mode, null)).toBeUndefined();
      expect(managementCompanyProblem(mode, COMPANY)).toMatch(/has no property company/);
    }
  });

  it('lets a new management begin on or after the current one began, never before', () => {
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        const problem = managementStartProblem(dayOf(a), dayOf(b));
        expect(problem === undefined).toBe(a >= b);
      }),
    );
  });

  it('finds who managed the compound on any day of a history of consecutive periods', () => {
    fc.assert(
      fc.property(fc.uniqueArray(dayArb, { minLength: 1, maxLength: 8 }), dayArb, (starts, probe) => {
        const sorted = [...starts].sort((x, y) => x - y);
        const periods: Array<ManagementSpan & { n: number }> = sorted.map((start, i) => ({
          n: i,
          managementMode: MANAGEMENT_MODES[i % MANAGEMENT_MODES.length]!,
          companyId: null,
          since: dayOf(start),
          until: i + 1 < sorted.length ? dayOf(sorted[i + 1]!) : null,
        }));
        const found = managementOn(periods, dayOf(probe));
        // The period holding the day is the last one begun on or before it.
        const expected = sorted.filter((start) => start <= probe).length - 1;
        expect(found?.n).toBe(expected < 0 ? undefined : expected);
      }),
    );
  });

  it('keeps a same-day correction: the later period holds that day, the zero-length one none', () => {
    const periods: ManagementSpan[] = [
      { managementMode: 'COMMUNITY_MANAGED', companyId: null, since: '2024-01-01', until: '2025-03-01' },
      { managementMode: 'PROFESSIONAL', companyId: COMPANY, since: '2025-03-01', until: '2025-03-01' },
      { managementMode: 'STATE_OWNED_FALLBACK', companyId: null, since: '2025-03-01', until: null },
    ];
    expect(managementOn(periods, '2025-02-28')?.managementMode).toBe('COMMUNITY_MANAGED');
    expect(managementOn(periods, '2025-03-01')?.managementMode).toBe('STATE_OWNED_FALLBACK');
    expect(managementOn(periods, '2023-12-31')).toBeUndefined();
  });

  it('accepts a term that ends after it starts and lasts at most five years', () => {
    expect(committeeTermProblem('2024-05-01', '2029-05-01')).toBeUndefined();
    expect(committeeTermProblem('2024-05-01', '2029-05-02')).toMatch(/at most 5 years/);
    expect(committeeTermProblem('2024-05-01', '2024-05-01')).toMatch(/after it starts/);
    expect(committeeTermProblem('2024-05-01', '2023-05-01')).toMatch(/after it starts/);
  });

  it('asks for exactly one director', () => {
    expect(committeeRolesProblem(['DIRECTOR', 'MEMBER', 'MEMBER'])).toBeUndefined();
    expect(committeeRolesProblem(['MEMBER', 'DEPUTY_DIRECTOR', 'MEMBER'])).toMatch(/not 0/);
    expect(committeeRolesProblem(['DIRECTOR', 'DIRECTOR', 'MEMBER'])).toMatch(/not 2/);
  });
});

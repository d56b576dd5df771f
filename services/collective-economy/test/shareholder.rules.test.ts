import { testIdentity } from '@gg/shared/src/testing';
import { frozenRegisterProblem, holdingOn, mayRevealShareholder, seesShareholder } from '../src/shareholder/shareholder.rules';

const COMMUNITY = '520201001001';

describe('who sees which shareholder', () => {
  const own = { regionCode: COMMUNITY, accountSubject: 'resident-a' };
  const other = { regionCode: COMMUNITY, accountSubject: 'resident-b' };
  const unlinked = { regionCode: COMMUNITY, accountSubject: null };
  const resident = testIdentity({ subject: 'resident-a', roles: ['RESIDENT'], regionScopes: [COMMUNITY] });
  const county = testIdentity({ roles: ['COUNTY_ADMIN'], regionScopes: ['520201'] });
  const staff = testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [COMMUNITY] });

  it('lets a resident see their own record only, staff every one of their scope', () => {
    expect([own, other, unlinked].map((s) => seesShareholder(resident, s))).toEqual([true, false, false]);
    expect([own, other, unlinked].map((s) => seesShareholder(county, s))).toEqual([true, true, true]);
    expect(seesShareholder(testIdentity({ roles: ['COUNTY_ADMIN'], regionScopes: ['520322'] }), own)).toBe(false);
    // The same subject outside the record's region sees nothing.
    expect(seesShareholder({ ...resident, regionScopes: ['520322'] }, own)).toBe(false);
  });

  it('reveals personal fields to the community staff and the shareholder themselves', () => {
    expect([staff, resident, county].map((who) => mayRevealShareholder(who, own))).toEqual([true, true, false]);
    expect(mayRevealShareholder(resident, other)).toBe(false);
  });
});

describe('the register of a day', () => {
  it('sums the movements up to the end of the day', () => {
    const movements = [
      { effectiveOn: '2024-01-05', shares: 100n, capitalFen: 100_00n },
      { effectiveOn: '2024-03-01', shares: -30n, capitalFen: -30_00n },
    ];
    expect(holdingOn(movements, '2024-02-29')).toEqual({ shares: 100n, capitalFen: 100_00n });
    expect(holdingOn(movements, '2024-03-01')).toEqual({ shares: 70n, capitalFen: 70_00n });
    expect(holdingOn(movements, '2023-12-31')).toEqual({ shares: 0n, capitalFen: 0n });
  });

  it('freezes the register up to the latest record date a distribution was drafted from', () => {
    expect(frozenRegisterProblem('2025-01-10', null)).toBeUndefined();
    expect(frozenRegisterProblem('2025-01-10', '2025-01-10')).toMatch(/record date/);
    expect(frozenRegisterProblem('2024-12-31', '2025-01-10')).toMatch(/record date/);
    expect(frozenRegisterProblem('2025-01-11', '2025-01-10')).toBeUndefined();
  });
});

import { testIdentity } from '@gg/shared/src/testing';
import {
  claimExpiry,
  claimsOwnWish,
  personIs,
  WISH_ACTIONS,
  WISH_LIFECYCLE,
  WISH_STATUSES,
  type WishParty,
} from '../src/micro-wish/micro-wish.rules';
import { claimWishInput } from '../src/micro-wish/micro-wish.inputs';

const wish = { regionCode: '520201001001', posterSubject: 'resident', claimantSubject: 'member' };

describe('the micro-wish lifecycle', () => {
  it('allows each step only from its status and by its party, for every action × status × party', () => {
    const parties: WishParty[] = ['CLAIMER', 'CLAIMANT', 'WISHER', 'SYSTEM'];
    const allowed: string[] = [];
    for (const action of WISH_ACTIONS)
      for (const status of WISH_STATUSES)
        for (const party of parties) {
          const problem = WISH_LIFECYCLE.problem(action, status, (p) => p === party);
          if (!problem) allowed.push(`${action} ${status} ${party}`);
          else expect(problem.code).toBe(WISH_LIFECYCLE.transitions[action].by === party ? 'CONFLICT' : 'FORBIDDEN');
        }
    expect(allowed.sort()).toEqual([
      'CLAIM ON_WALL CLAIMER',
      'CONFIRM FULFILLED WISHER',
      'EXPIRE_CLAIM CLAIMED SYSTEM',
      'FULFIL CLAIMED CLAIMANT',
      'RELEASE_CLAIM CLAIMED CLAIMANT',
    ]);
  });

  it('knows who is who: the wisher alone confirms; the claimant or an administrator of the region fulfils', () => {
    const resident = testIdentity({ subject: 'resident', roles: ['RESIDENT'], regionScopes: ['520201001001'] });
    const member = testIdentity({ subject: 'member', roles: ['PARTY_MEMBER'], regionScopes: ['520201001001'] });
    const staff = testIdentity({ subject: 'staff', roles: ['COMMUNITY_STAFF'], regionScopes: ['520201001001'] });
    const elsewhere = testIdentity({ subject: 'staff', roles: ['COMMUNITY_STAFF'], regionScopes: ['520322001001'] });
    expect(personIs(resident, 'WISHER', wish)).toBe(true);
    expect(personIs(staff, 'WISHER', wish)).toBe(false);
    expect(personIs(member, 'CLAIMANT', wish)).toBe(true);
    expect(personIs(staff, 'CLAIMANT', wish)).toBe(true);
    expect(personIs(elsewhere, 'CLAIMANT', wish)).toBe(false);
    expect(personIs(resident, 'CLAIMANT', wish)).toBe(false);
    expect(personIs(staff, 'SYSTEM', wish)).toBe(false);
    expect(WISH_LIFECYCLE.available('FULFILLED', (p) => personIs(resident, p, wish))).toEqual(['CONFIRM']);
  });

  it('lapses a claim after the county’s days', () => {
    expect(claimExpiry(new Date('2026-12-01T08:00:00Z'), 7).toISOString()).toBe('2026-12-08T08:00:00.000Z');
  });

  it('names an agency or merchant claimant, and no person', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(claimWishInput.safeParse({ wishId: id, claimantKind: 'AGENCY', claimantName: '区税务局' }).success).toBe(true);
    expect(claimWishInput.safeParse({ wishId: id, claimantKind: 'VOLUNTEER' }).success).toBe(true);
    const unnamed = claimWishInput.safeParse({ wishId: id, claimantKind: 'MERCHANT' });
    expect(unnamed.success ? undefined : unnamed.error.issues[0]!.path).toEqual(['claimantName']);
    const named = claimWishInput.safeParse({ wishId: id, claimantKind: 'PARTY_MEMBER', claimantName: '张三' });
    expect(named.success ? undefined : named.error.issues[0]!.path).toEqual(['claimantName']);
  });
});

describe('claiming one’s own wish', () => {
  const wish = { posterSubject: 'wisher' };
  it('is refused for a person (Party member or volunteer), not for staff recording an organisation', () => {
    expect(claimsOwnWish({ subject: 'wisher' }, 'VOLUNTEER', wish)).toBe(true);
    expect(claimsOwnWish({ subject: 'wisher' }, 'PARTY_MEMBER', wish)).toBe(true);
    expect(claimsOwnWish({ subject: 'wisher' }, 'MERCHANT', wish)).toBe(false);
    expect(claimsOwnWish({ subject: 'wisher' }, 'AGENCY', wish)).toBe(false);
    expect(claimsOwnWish({ subject: 'neighbour' }, 'VOLUNTEER', wish)).toBe(false);
  });
});

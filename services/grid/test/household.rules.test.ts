import { residentIdCheckCharacter } from '@gg/shared';
import { testIdentity } from '@gg/shared/src/testing';
import { registerHouseholdInput } from '../src/household/household.inputs';
import { householdVisibility, mayRevealHousehold } from '../src/household/household.rules';

function residentId(born: string, sequence: string): string {
  const first17 = `520201${born}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** An ID whose check character is X (for the upper-casing rule). */
function residentIdEndingInX(): string {
  for (let n = 0; n < 1000; n += 1) {
    const id = residentId('19800101', String(n).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID ending in X');
}

const HEAD_ID = residentId('19700101', '011');
const SPOUSE_ID = residentId('19720202', '022');

const valid = {
  gridId: '00000000-0000-4000-8000-000000000201',
  address: '钟山区荷城街道明湖路18号',
  specialGroups: ['ELDERLY_ALONE'],
  members: [
    { name: '张三', phone: '13812341234', residentId: HEAD_ID, relation: 'HEAD' },
    { name: '李四', residentId: SPOUSE_ID, relation: 'SPOUSE' },
  ],
};

function firstProblem(input: unknown): { path: string; message: string } | undefined {
  const result = registerHouseholdInput.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

const member = (overrides: Record<string, unknown>) => ({ ...valid.members[1], ...overrides });

describe('household input', () => {
  it('accepts a well-formed household, trims and normalises', () => {
    const lowerX = residentIdEndingInX().toLowerCase();
    const parsed = registerHouseholdInput.parse({
      ...valid,
      address: '  钟山区荷城街道明湖路18号  ',
      members: [valid.members[0], member({ name: ' 李四 ', residentId: lowerX, phone: '0858-8221234' })],
    });
    expect(parsed.address).toBe('钟山区荷城街道明湖路18号');
    expect(parsed.members[1]).toEqual({ name: '李四', phone: '0858-8221234', residentId: lowerX.toUpperCase(), relation: 'SPOUSE' });
    expect(parsed.members[0]!.phone).toBe('13812341234');
  });

  it('defaults special groups to none and a missing phone to null', () => {
    const parsed = registerHouseholdInput.parse({
      ...valid,
      specialGroups: undefined,
      members: [valid.members[0], member({ phone: null })],
    });
    expect(parsed.specialGroups).toEqual([]);
    expect(parsed.members[1]!.phone).toBeNull();
    expect(registerHouseholdInput.parse({ ...valid, specialGroups: null }).specialGroups).toEqual([]);
  });

  it('accepts the bounds: 2 and 200 address characters, 1 and 20 members, 1 and 50 name characters, landlines', () => {
    expect(registerHouseholdInput.safeParse({ ...valid, address: '明湖' }).success).toBe(true);
    expect(registerHouseholdInput.safeParse({ ...valid, address: '路'.repeat(200) }).success).toBe(true);
    expect(registerHouseholdInput.safeParse({ ...valid, members: [valid.members[0]] }).success).toBe(true);
    const twenty = [
      valid.members[0],
      ...Array.from({ length: 19 }, (_, i) => member({ residentId: residentId('20000101', String(100 + i)) })),
    ];
    expect(registerHouseholdInput.safeParse({ ...valid, members: twenty }).success).toBe(true);
    for (const name of ['张', '张'.repeat(50)])
      expect(registerHouseholdInput.safeParse({ ...valid, members: [valid.members[0], member({ name })] }).success).toBe(true);
    for (const phone of ['08588221234', '0858-8221234', '010-12345678', '021-1234567'])
      expect(registerHouseholdInput.safeParse({ ...valid, members: [valid.members[0], member({ phone })] }).success).toBe(true);
  });

  it('names the field of the first problem', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...valid, gridId: 'grid-1' }, 'gridId'],
      [{ ...valid, address: '路' }, 'address'],
      [{ ...valid, address: '   ' }, 'address'],
      [{ ...valid, address: '路'.repeat(201) }, 'address'],
      [{ ...valid, specialGroups: ['ORPHAN'] }, 'specialGroups.0'],
      [{ ...valid, specialGroups: ['DISABLED', 'LOW_INCOME', 'DISABLED'] }, 'specialGroups.2'],
      [{ ...valid, members: [] }, 'members'],
      [
        {
          ...valid,
          members: [
            valid.members[0],
            ...Array.from({ length: 20 }, (_, i) => member({ residentId: residentId('20000101', String(100 + i)) })),
          ],
        },
        'members',
      ],
      [{ ...valid, members: [member({})] }, 'members'],
      [{ ...valid, members: [valid.members[0], member({ relation: 'HEAD' })] }, 'members'],
      [{ ...valid, members: [valid.members[0], member({ relation: 'COUSIN' })] }, 'members.1.relation'],
      [{ ...valid, members: [valid.members[0], member({ name: '' })] }, 'members.1.name'],
      [{ ...valid, members: [valid.members[0], member({ name: '  ' })] }, 'members.1.name'],
      [{ ...valid, members: [valid.members[0], member({ name: '张'.repeat(51) })] }, 'members.1.name'],
      [{ ...valid, members: [valid.members[0], member({ phone: '23812341234' })] }, 'members.1.phone'],
      [{ ...valid, members: [valid.members[0], member({ phone: '1381234123' })] }, 'members.1.phone'],
      [{ ...valid, members: [valid.members[0], member({ phone: '0858-822123' })] }, 'members.1.phone'],
      [{ ...valid, members: [valid.members[0], member({ phone: '' })] }, 'members.1.phone'],
      [{ ...valid, members: [valid.members[0], member({ residentId: SPOUSE_ID.slice(0, 17) })] }, 'members.1.residentId'],
      [
        { ...valid, members: [valid.members[0], member({ residentId: `${SPOUSE_ID.slice(0, 17)}${SPOUSE_ID[17] === '0' ? '1' : '0'}` })] },
        'members.1.residentId',
      ],
      [{ ...valid, members: [valid.members[0], member({ residentId: residentId('19720230', '022') })] }, 'members.1.residentId'],
      [{ ...valid, members: [valid.members[0], member({ residentId: HEAD_ID })] }, 'members.1.residentId'],
      [{ ...valid, members: [valid.members[0], member({ residentId: HEAD_ID.toLowerCase() })] }, 'members.1.residentId'],
    ];
    for (const [input, path] of cases) expect({ input, path: firstProblem(input)?.path }).toEqual({ input, path });
  });

  it('never repeats a resident ID number in a message', () => {
    const badCheck = `${SPOUSE_ID.slice(0, 17)}${SPOUSE_ID[17] === '0' ? '1' : '0'}`;
    for (const id of [badCheck, HEAD_ID]) {
      const result = registerHouseholdInput.safeParse({ ...valid, members: [valid.members[0], member({ residentId: id })] });
      expect(result.success).toBe(false);
      for (const issue of result.error!.issues) expect(issue.message).not.toContain(id.slice(0, 17));
    }
  });
});

describe('who sees and reveals a household', () => {
  const community = '520201001001';
  const place = { regionCode: community, gridId: '00000000-0000-4000-8000-000000000201' };
  const otherGrid = '00000000-0000-4000-8000-000000000202';

  it('lets the gridworker of the grid and community staff reveal, within their scope', () => {
    expect(mayRevealHousehold(testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [place.gridId] }), place)).toBe(
      true,
    );
    expect(mayRevealHousehold(testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [community] }), place)).toBe(true);
    expect(
      mayRevealHousehold(testIdentity({ roles: ['RESIDENT', 'GRIDWORKER'], regionScopes: ['520201001'], gridIds: [place.gridId] }), place),
    ).toBe(true);
  });

  it('keeps everyone else to masked values', () => {
    const refused = [
      // A gridworker of another grid of the same community.
      testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [otherGrid] }),
      // The grid in the token but the household outside the scope.
      testIdentity({ roles: ['GRIDWORKER'], regionScopes: ['520201001002'], gridIds: [place.gridId] }),
      testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: ['520201001002'] }),
      testIdentity({ roles: ['STREET_STAFF'], regionScopes: ['520201001'] }),
      testIdentity({ roles: ['COUNTY_ADMIN'], regionScopes: ['520201'] }),
      testIdentity({ roles: ['CITY_ADMIN'], regionScopes: ['5202'] }),
      testIdentity({ roles: ['GRIDWORKER', 'STREET_STAFF'], regionScopes: ['520201001'], gridIds: [otherGrid] }),
      testIdentity({
        roles: ['AUDITOR', 'DASHBOARD', 'RESIDENT', 'PARTY_MEMBER', 'VOLUNTEER', 'HOUSING_BUREAU'],
        regionScopes: [community],
      }),
    ];
    for (const identity of refused)
      expect({ roles: identity.roles, allowed: mayRevealHousehold(identity, place) }).toMatchObject({ allowed: false });
  });

  it('keeps a gridworker to the households of their own grids; other staff see their whole scope', () => {
    expect(householdVisibility(testIdentity({ roles: ['GRIDWORKER'], gridIds: [place.gridId, 'g-1'] }))).toEqual({
      kind: 'grids',
      gridIds: [place.gridId],
    });
    expect(householdVisibility(testIdentity({ roles: ['GRIDWORKER'], gridIds: [] }))).toEqual({ kind: 'grids', gridIds: [] });
    expect(householdVisibility(testIdentity({ roles: ['GRIDWORKER', 'RESIDENT'], gridIds: [otherGrid] }))).toEqual({
      kind: 'grids',
      gridIds: [otherGrid],
    });
    // A grids claim opens households to a gridworker only, not to a department's staff or a Party member.
    for (const role of ['DEPARTMENT_STAFF', 'PARTY_MEMBER', 'RESIDENT'] as const)
      expect(householdVisibility(testIdentity({ roles: [role], gridIds: [place.gridId] }))).toEqual({ kind: 'grids', gridIds: [] });
    for (const role of ['COMMUNITY_STAFF', 'STREET_STAFF', 'COUNTY_ADMIN', 'CITY_ADMIN'] as const) {
      expect(householdVisibility(testIdentity({ roles: [role] }))).toEqual({ kind: 'all' });
      expect(householdVisibility(testIdentity({ roles: ['GRIDWORKER', role], gridIds: [otherGrid] }))).toEqual({ kind: 'all' });
    }
  });
});

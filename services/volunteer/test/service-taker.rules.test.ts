import { enrolServiceTakerInput } from '../src/service-taker/service-taker.inputs';
import { takerKindOf } from '../src/service-taker/service-taker.rules';

const VOLUNTEER = '3f2b8c1e-8d7a-4c55-9e1f-0a1b2c3d4e5f';
const HOUSEHOLD = '7a1b2c3d-8d7a-4c55-9e1f-0a1b2c3d4e5f';

function firstIssue(input: Record<string, unknown>) {
  const result = enrolServiceTakerInput.safeParse(input);
  return result.success ? undefined : { path: result.error.issues[0]!.path.join('.'), message: result.error.issues[0]!.message };
}

describe('service takers (接单人)', () => {
  it('takes the kind from what the taker is enrolled with', () => {
    expect(takerKindOf({ volunteer: { partyMemberId: VOLUNTEER } })).toBe('PARTY_MEMBER');
    expect(takerKindOf({ volunteer: { partyMemberId: null } })).toBe('VOLUNTEER');
    expect(takerKindOf({ volunteer: null, householdId: HOUSEHOLD })).toBe('HOUSEHOLD_LEADER');
  });

  it('needs exactly one of a volunteer and a household, naming the field to change', () => {
    expect(firstIssue({ volunteerId: VOLUNTEER, accountSubject: 'leader-1' })).toBeUndefined();
    expect(firstIssue({ householdId: HOUSEHOLD, accountSubject: 'leader-1' })).toBeUndefined();
    expect(firstIssue({ volunteerId: VOLUNTEER, householdId: HOUSEHOLD, accountSubject: 'leader-1' })?.path).toBe('householdId');
    expect(firstIssue({ accountSubject: 'leader-1' })?.path).toBe('volunteerId');
    expect(firstIssue({ volunteerId: VOLUNTEER, accountSubject: 'leader 1' })?.path).toBe('accountSubject');
    expect(firstIssue({ volunteerId: VOLUNTEER, accountSubject: 'leader-1', skills: ['维修', '维修'] })?.path).toBe('skills.1');
  });
});

import type { Role } from '@gg/shared';
import {
  answerProblem,
  blowersOf,
  blowProblem,
  DEFAULT_WHISTLE_LIST,
  departmentAssignee,
  departmentOfAssignee,
  whistleListProblems,
  type WhistleType,
} from '../src/whistle-list/whistle-list.rules';
import { whistleListSchema } from '../src/whistle-list/whistle-list.inputs';

const type = (overrides: Partial<WhistleType> = {}): WhistleType => ({
  code: 'JOINT_ENFORCEMENT',
  name: '联合执法',
  blownBy: ['STREET'],
  answeredBy: 'DEPARTMENT',
  answerHours: 24,
  steps: ['吹哨', '报到'],
  ...overrides,
});

const HOUSING = '11111111-1111-4111-8111-111111111111';
const URBAN = '22222222-2222-4222-8222-222222222222';
const COMMUNITY = '520201001001';

describe('the whistle list (吹哨清单)', () => {
  it('has a valid default list with street, community and Party-member types', () => {
    expect(whistleListSchema.safeParse(DEFAULT_WHISTLE_LIST).success).toBe(true);
    const types = DEFAULT_WHISTLE_LIST.types;
    expect(types.some((t) => t.blownBy.includes('STREET') && t.answeredBy === 'DEPARTMENT')).toBe(true);
    expect(types.some((t) => t.blownBy.includes('COMMUNITY') && t.answeredBy === 'DEPARTMENT')).toBe(true);
    expect(types.filter((t) => t.answeredBy === 'PARTY_MEMBER').every((t) => t.blownBy.join() === 'COMMUNITY')).toBe(true);
  });

  it('refuses a code listed twice and Party members answering a street whistle, naming the field', () => {
    const problems = whistleListProblems({
      types: [type(), type({ name: '重复' }), type({ code: 'PM', answeredBy: 'PARTY_MEMBER', blownBy: ['STREET', 'COMMUNITY'] })],
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['types.1.code', 'types.2.blownBy']);
    expect(whistleListProblems({ types: [type({ blownBy: ['STREET', 'STREET'] })] })[0]?.path).toEqual(['types', 0, 'blownBy']);
  });

  it('lets street staff blow street types and community staff community types; administrators either', () => {
    const street = type({ blownBy: ['STREET'] });
    const community = type({ code: 'MARKET_ORDER', blownBy: ['COMMUNITY'] });
    const roles = (...r: Role[]) => r;
    expect(blowProblem(street, roles('STREET_STAFF'))).toBeUndefined();
    expect(blowProblem(street, roles('COMMUNITY_STAFF'))).toMatch(/street staff/);
    expect(blowProblem(community, roles('COMMUNITY_STAFF'))).toBeUndefined();
    expect(blowProblem(community, roles('STREET_STAFF'))).toMatch(/community staff/);
    expect(blowProblem(community, roles('GRIDWORKER'))).toBeDefined();
    expect(blowersOf(['COUNTY_ADMIN'])).toEqual(['STREET', 'COMMUNITY']);
  });

  it('lets only the department’s own staff answer for it (community staff never answer for the housing bureau)', () => {
    const whistle = { answerer: 'DEPARTMENT' as const, departmentId: HOUSING, regionCode: COMMUNITY };
    expect(answerProblem(whistle, { roles: ['DEPARTMENT_STAFF'], departmentId: HOUSING })).toBeUndefined();
    expect(answerProblem(whistle, { roles: ['DEPARTMENT_STAFF'], departmentId: URBAN })).toBeDefined();
    expect(answerProblem(whistle, { roles: ['DEPARTMENT_STAFF'] })).toBeDefined();
    // A department id without the role (community staff holding a forged-looking claim) is nothing.
    expect(answerProblem(whistle, { roles: ['COMMUNITY_STAFF'], departmentId: HOUSING })).toBeDefined();
    expect(answerProblem(whistle, { roles: ['PARTY_MEMBER'], reportsTo: COMMUNITY })).toBeDefined();
  });

  it('lets a Party member whose double report was assigned in the community answer its Party-member whistle, and nobody else', () => {
    const whistle = { answerer: 'PARTY_MEMBER' as const, departmentId: null, regionCode: COMMUNITY };
    expect(answerProblem(whistle, { roles: ['PARTY_MEMBER'], reportsTo: COMMUNITY })).toBeUndefined();
    expect(answerProblem(whistle, { roles: ['PARTY_MEMBER'], reportsTo: '520201001002' })).toBeDefined();
    // No double report assigned: a member of the community is not yet reporting in to it.
    expect(answerProblem(whistle, { roles: ['PARTY_MEMBER'], reportsTo: null })).toBeDefined();
    expect(answerProblem(whistle, { roles: ['RESIDENT'], reportsTo: COMMUNITY })).toBeDefined();
    expect(answerProblem(whistle, { roles: ['DEPARTMENT_STAFF'], departmentId: HOUSING })).toBeDefined();
  });

  it('writes a department as an assignee subject and reads it back', () => {
    expect(departmentOfAssignee(departmentAssignee(HOUSING))).toBe(HOUSING);
    expect(departmentOfAssignee('local-gridworker')).toBeNull();
    expect(departmentOfAssignee(null)).toBeNull();
  });
});

import { cadreCompliant, linkCompliant, previousYear, unfinishedYearProblem } from '../src/cadre-liaison/cadre-liaison.rules';
import { claimPioneerPostsInput } from '../src/party-member/party-member.inputs';
import { doubleReportLifecycle } from '../src/party-member/party-member.rules';
import { configurePartyChainInput } from '../src/party-chain/party-chain.inputs';
import {
  chainProblem,
  FIVE_LEVEL_CHAIN,
  FOUR_LEVEL_CHAIN,
  normaliseChain,
  regionLevelProblem,
  THREE_LEVEL_CHAIN,
  violationsUnder,
} from '../src/party-chain/party-chain.rules';
import { dissolutionProblem } from '../src/party-organisation/party-organisation.rules';
import { coverageRate } from '../src/two-new/two-new.rules';

const street = { level: 'STREET_WORKING_COMMITTEE', kind: 'REGULAR', regionCode: '520201001' } as const;
const community = { level: 'COMMUNITY', kind: 'REGULAR', regionCode: '520201001001' } as const;
const grid = { level: 'GRID_BRANCH', kind: 'REGULAR', regionCode: '520201001001' } as const;
const building = { level: 'BUILDING_GROUP', kind: 'REGULAR', regionCode: '520201001001' } as const;
const household = { level: 'CENTRAL_HOUSEHOLD', kind: 'REGULAR', regionCode: '520201001001' } as const;

describe('the chain per county configuration', () => {
  it('five levels: each level under the one above, nothing skipped', () => {
    expect(chainProblem(FIVE_LEVEL_CHAIN, building, grid)).toBeUndefined();
    expect(chainProblem(FIVE_LEVEL_CHAIN, household, building)).toBeUndefined();
    expect(chainProblem(FIVE_LEVEL_CHAIN, household, grid)?.rule).toBe('PARENT_LEVEL');
  });

  it('four levels (Zhongshan): no building group, central household under the grid branch', () => {
    expect(chainProblem(FOUR_LEVEL_CHAIN, household, grid)).toBeUndefined();
    expect(chainProblem(FOUR_LEVEL_CHAIN, building, grid)?.rule).toBe('LEVEL_NOT_IN_CHAIN');
  });

  it('three levels (Jianhu): street → community → compound branch, nothing below', () => {
    expect(chainProblem(THREE_LEVEL_CHAIN, grid, community)).toBeUndefined();
    expect(chainProblem(THREE_LEVEL_CHAIN, household, grid)?.rule).toBe('LEVEL_NOT_IN_CHAIN');
  });

  it('needs a parent below the top, refuses a region outside the parent and a dissolved parent', () => {
    expect(chainProblem(FIVE_LEVEL_CHAIN, community, undefined)?.rule).toBe('PARENT_REQUIRED');
    expect(chainProblem(FIVE_LEVEL_CHAIN, street, undefined)).toBeUndefined();
    expect(chainProblem(FIVE_LEVEL_CHAIN, { ...community, regionCode: '520201002001' }, street)?.rule).toBe('REGION_OUTSIDE_PARENT');
    expect(chainProblem(FIVE_LEVEL_CHAIN, building, { ...grid, kind: 'TEMPORARY', dissolvedOn: '2026-03-01' })?.rule).toBe(
      'PARENT_DISSOLVED',
    );
  });

  it('lets loose kinds attach to any higher level the county uses, and only them', () => {
    const functional = { ...grid, kind: 'FUNCTIONAL' } as const;
    expect(chainProblem(FIVE_LEVEL_CHAIN, functional, street)).toBeUndefined();
    expect(chainProblem({ ...FIVE_LEVEL_CHAIN, looseKinds: [] }, functional, street)?.rule).toBe('PARENT_LEVEL');
    expect(chainProblem(FIVE_LEVEL_CHAIN, { ...grid, kind: 'TEMPORARY' }, street)?.rule).toBe('PARENT_LEVEL');
    expect(chainProblem(FIVE_LEVEL_CHAIN, { ...community, kind: 'INDUSTRY' }, grid)?.rule).toBe('PARENT_LEVEL');
  });

  it('puts each level in regions of its level, as the rule table or the county says', () => {
    expect(regionLevelProblem(FIVE_LEVEL_CHAIN, street)).toBeUndefined();
    expect(regionLevelProblem(FIVE_LEVEL_CHAIN, household)).toBeUndefined();
    expect(regionLevelProblem(FIVE_LEVEL_CHAIN, { ...street, regionCode: '520201001001' })?.rule).toBe('REGION_LEVEL');
    expect(regionLevelProblem(FIVE_LEVEL_CHAIN, { ...street, regionCode: '520201' })?.rule).toBe('REGION_LEVEL');
    expect(chainProblem(FIVE_LEVEL_CHAIN, { ...community, regionCode: '520201001' }, street)?.rule).toBe('REGION_LEVEL');
    // A loose kind may sit where a higher level of the chain sits (an industry committee at the street); a regular one may not.
    expect(regionLevelProblem(FIVE_LEVEL_CHAIN, { ...community, kind: 'INDUSTRY', regionCode: '520201001' })).toBeUndefined();
    expect(
      regionLevelProblem({ ...FIVE_LEVEL_CHAIN, looseKinds: [] }, { ...community, kind: 'INDUSTRY', regionCode: '520201001' })?.rule,
    ).toBe('REGION_LEVEL');
    const countyCommittees = normaliseChain({
      ...FIVE_LEVEL_CHAIN,
      links: FIVE_LEVEL_CHAIN.links.map((l) => (l.level === 'STREET_WORKING_COMMITTEE' ? { ...l, regionLevels: ['COUNTY', 'STREET'] } : l)),
    });
    expect(regionLevelProblem(countyCommittees, { ...street, regionCode: '520201' })).toBeUndefined();
    expect(
      violationsUnder(
        { ...countyCommittees, links: [{ ...countyCommittees.links[0]!, regionLevels: ['COUNTY'] }, ...countyCommittees.links.slice(1)] },
        [{ id: 's', name: '街道党工委', ...street, parent: null }],
      ).map((v) => v.problem.rule),
    ).toEqual(['REGION_LEVEL']);
  });

  it('lists what a new configuration would break', () => {
    const existing = [
      { id: 'a', name: '楼栋党小组', ...building, parent: grid },
      { id: 'b', name: '中心户', ...household, parent: building },
      { id: 'c', name: '网格党支部', ...grid, parent: community },
    ];
    expect(violationsUnder(FOUR_LEVEL_CHAIN, existing).map((v) => [v.id, v.problem.rule])).toEqual([
      ['a', 'LEVEL_NOT_IN_CHAIN'],
      ['b', 'PARENT_LEVEL'],
    ]);
    expect(violationsUnder(FIVE_LEVEL_CHAIN, existing)).toEqual([]);
  });

  it('validates a configuration: the top, parents above, known levels, loose kinds', () => {
    const parse = (input: object) => configurePartyChainInput.safeParse({ countyCode: '520201', ...input });
    expect(
      parse({
        links: [
          { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
          { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
        ],
      }).success,
    ).toBe(true);
    expect(parse({ links: [{ level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] }] }).success).toBe(false);
    expect(
      parse({
        links: [
          { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
          { level: 'COMMUNITY', parentLevels: ['GRID_BRANCH'] },
        ],
      }).success,
    ).toBe(false);
    expect(
      parse({
        links: [
          { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
          { level: 'COMMUNITY', parentLevels: [] },
        ],
      }).success,
    ).toBe(false);
    expect(parse({ links: [{ level: 'STREET_WORKING_COMMITTEE', parentLevels: [] }], looseKinds: ['TEMPORARY'] }).success).toBe(false);
  });
});

describe('temporary branches', () => {
  const branch = { kind: 'TEMPORARY', activatedOn: '2026-06-01', dissolvedOn: null } as const;
  it('dissolve once, not before activation, not with active organisations under them, and only temporary ones', () => {
    expect(dissolutionProblem(branch, '2026-07-01', 0)).toBeUndefined();
    expect(dissolutionProblem(branch, '2026-05-01', 0)?.field).toBe('input.dissolvedOn');
    expect(dissolutionProblem(branch, '2026-07-01', 1)).toBeDefined();
    expect(dissolutionProblem({ ...branch, dissolvedOn: '2026-07-01' }, '2026-07-02', 0)).toBeDefined();
    expect(dissolutionProblem({ ...branch, kind: 'REGULAR' }, '2026-07-01', 0)).toBeDefined();
  });
});

describe('pioneer posts (党员先锋岗)', () => {
  const claim = (posts: string[], serviceCommitments: string[]) =>
    claimPioneerPostsInput.safeParse({ memberId: '00000000-0000-4000-8000-000000000001', posts, serviceCommitments }).success;
  it('takes 1–2 posts and 1–2 commitments, refuses more, fewer and duplicates', () => {
    expect(claim(['政策宣传岗'], ['帮扶独居老人'])).toBe(true);
    expect(claim(['政策宣传岗', '矛盾调解岗'], ['帮扶独居老人', '环境整治'])).toBe(true);
    expect(claim(['政策宣传岗', '矛盾调解岗', '文明劝导岗'], ['帮扶独居老人'])).toBe(false);
    expect(claim(['政策宣传岗'], ['a1', 'b2', 'c3'])).toBe(false);
    expect(claim([], ['帮扶独居老人'])).toBe(false);
    expect(claim(['政策宣传岗', '政策宣传岗'], ['帮扶独居老人'])).toBe(false);
  });
});

describe('double reporting transitions', () => {
  it('REQUESTED → CONFIRMED → ASSIGNED, WITHDRAWN from any open status, nothing after', () => {
    const community = () => true;
    const step = (from: 'REQUESTED' | 'CONFIRMED' | 'ASSIGNED' | 'WITHDRAWN', action: 'CONFIRM' | 'ASSIGN' | 'WITHDRAW') =>
      doubleReportLifecycle.problem(action, from, community) ?? doubleReportLifecycle.transitions[action].to;
    expect(step('REQUESTED', 'CONFIRM')).toBe('CONFIRMED');
    expect(step('CONFIRMED', 'ASSIGN')).toBe('ASSIGNED');
    expect(step('REQUESTED', 'ASSIGN')).toHaveProperty('code', 'CONFLICT');
    expect(step('CONFIRMED', 'CONFIRM')).toHaveProperty('code', 'CONFLICT');
    expect(step('ASSIGNED', 'CONFIRM')).toHaveProperty('code', 'CONFLICT');
    for (const from of ['REQUESTED', 'CONFIRMED', 'ASSIGNED'] as const) expect(step(from, 'WITHDRAW')).toBe('WITHDRAWN');
    for (const action of ['CONFIRM', 'ASSIGN', 'WITHDRAW'] as const) expect(step('WITHDRAWN', action)).toHaveProperty('code', 'CONFLICT');
  });
});

describe('cadre-liaison compliance arithmetic', () => {
  it('needs ≥ 3 visits and ≥ 2 problems solved on each of the three links', () => {
    expect(linkCompliant(3, 2)).toBe(true);
    expect(linkCompliant(2, 2)).toBe(false);
    expect(linkCompliant(3, 1)).toBe(false);
    const ok = (['STREET', 'COMMUNITY', 'GRID'] as const).map((level) => ({ level, visits: 3, problemsSolved: 2 }));
    expect(cadreCompliant(ok)).toBe(true);
    expect(cadreCompliant(ok.slice(0, 2))).toBe(false);
    expect(cadreCompliant([...ok.slice(0, 2), { level: 'GRID', visits: 5, problemsSolved: 1 }])).toBe(false);
  });

  it('reports on the year just ended in Beijing time', () => {
    expect(previousYear(new Date('2026-12-31T16:30:00Z'))).toBe(2026); // 1 January 2027, 00:30 in Beijing
    expect(previousYear(new Date('2026-12-31T15:30:00Z'))).toBe(2025);
  });
});

describe('two-new coverage', () => {
  it('is covered over registered, null when none registered', () => {
    expect(coverageRate(2, 3)).toBe(0.6667);
    expect(coverageRate(0, 0)).toBeNull();
  });
});

describe('an unfinished year', () => {
  it('is the current or a future year in China: its report is not compiled as final', () => {
    // 31 December 2025, 17:00 UTC is already 1 January 2026 in China.
    const newYearInChina = new Date('2025-12-31T17:00:00Z');
    expect(unfinishedYearProblem(2025, newYearInChina)).toBeUndefined();
    expect(unfinishedYearProblem(2026, newYearInChina)).toMatch(/not over yet/);
    expect(unfinishedYearProblem(2027, newYearInChina)).toMatch(/has not begun/);
    expect(unfinishedYearProblem(2025, new Date('2025-12-31T15:00:00Z'))).toMatch(/not over yet/);
  });
});

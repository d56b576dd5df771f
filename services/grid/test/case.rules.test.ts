import type { Role } from '@gg/shared';
import {
  actorOf,
  CASE_STATUSES,
  deadlineFrom,
  DEFAULT_CASE_POLICY,
  initialLevel,
  isOverdue,
  nextLevel,
  quietPeriodOver,
  reporterKindOf,
  channelProblem,
  statusAfterEscalation,
  SYSTEM_ACTOR,
  transitionProblem,
  TRANSITION_ACTIONS,
  type CaseActor,
  type CaseState,
  type CaseStatus,
  type TransitionAction,
} from '../src/case/case.rules';
import { answerStateProblem, whistleProblem, whistleStatus } from '../src/case/case.whistle.rules';
import { reportCaseInput, setCasePolicyInput } from '../src/case/case.inputs';
import { assigneeProblem, ESCALATION_ROLES, escalationProblem } from '../src/case/case.levels';

const GRID = '00000000-0000-4000-8000-00000000aaaa';
const NOW = new Date('2026-11-23T08:00:00Z');
const DAY = 24 * 3600 * 1000;

const state = (status: CaseStatus, overrides: Partial<CaseState> = {}): CaseState => ({
  status,
  handlingLevel: 'GRID',
  gridId: GRID,
  reporterSubject: 'resident-1',
  assigneeSubject: 'worker-1',
  resolvedAt: new Date(NOW.getTime() - DAY),
  ...overrides,
});
const person = (subject: string, roles: Role[], gridIds: string[] = []): CaseActor =>
  actorOf({ subject, name: 'x', roles, regionScopes: ['520201'], gridIds, clientKind: 'PERSON' });

/** One actor for each party the rules know, and a few that are none of them. */
const ACTORS: Record<string, CaseActor> = {
  reporter: person('resident-1', ['RESIDENT']),
  otherResident: person('resident-2', ['RESIDENT']),
  ownGridworker: person('worker-9', ['GRIDWORKER'], [GRID]),
  otherGridworker: person('worker-8', ['GRIDWORKER'], ['00000000-0000-4000-8000-00000000bbbb']),
  assigneeGridworker: person('worker-1', ['GRIDWORKER']),
  communityStaff: person('staff-1', ['COMMUNITY_STAFF']),
  dashboard: person('dash', ['DASHBOARD']),
  system: SYSTEM_ACTOR,
};

/** The whole table, written out: who may take each action (from any status). */
const PARTIES: Record<TransitionAction, string[]> = {
  ACCEPT: ['ownGridworker', 'communityStaff'],
  REJECT: ['ownGridworker', 'communityStaff'],
  ASSIGN: ['communityStaff'],
  START: ['assigneeGridworker', 'communityStaff'],
  RESOLVE: ['assigneeGridworker', 'communityStaff'],
  RATE: ['reporter'],
  REOPEN: ['reporter'],
  AUTO_CLOSE: ['system'],
};
const FROM: Record<TransitionAction, CaseStatus[]> = {
  ACCEPT: ['REPORTED'],
  REJECT: ['REPORTED', 'ACCEPTED'],
  ASSIGN: ['ACCEPTED', 'ASSIGNED', 'REOPENED'],
  START: ['ASSIGNED'],
  RESOLVE: ['IN_PROGRESS'],
  RATE: ['RESOLVED'],
  REOPEN: ['RESOLVED'],
  AUTO_CLOSE: ['RESOLVED'],
};

describe('case state machine', () => {
  const cases = TRANSITION_ACTIONS.flatMap((action) =>
    CASE_STATUSES.flatMap((status) => Object.keys(ACTORS).map((actor) => [action, status, actor] as const)),
  );

  it.each(cases)('%s from %s by %s: allowed only for the right party and status', (action, status, actor) => {
    const problem = transitionProblem(action, state(status), ACTORS[actor]!, { now: NOW, reopenDays: 7 });
    if (!PARTIES[action].includes(actor)) expect(problem?.code).toBe('FORBIDDEN');
    else if (!FROM[action].includes(status)) expect(problem?.code).toBe('CONFLICT');
    else expect(problem).toBeUndefined();
  });

  it('lets the reporter reopen only within the period after resolution', () => {
    const reopen = (resolvedDaysAgo: number) =>
      transitionProblem('REOPEN', state('RESOLVED', { resolvedAt: new Date(NOW.getTime() - resolvedDaysAgo * DAY) }), ACTORS.reporter!, {
        now: NOW,
        reopenDays: 7,
      });
    expect(reopen(7)).toBeUndefined();
    expect(reopen(7.01)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('reopen period') });
  });

  it('lets the assignee start and resolve, but not a gridworker the case is not assigned to', () => {
    const opts = { now: NOW, reopenDays: 7 };
    expect(transitionProblem('START', state('ASSIGNED', { assigneeSubject: null }), ACTORS.assigneeGridworker!, opts)?.code).toBe(
      'FORBIDDEN',
    );
    expect(transitionProblem('START', state('ASSIGNED'), ACTORS.ownGridworker!, opts)?.code).toBe('FORBIDDEN');
  });
});

describe('levels, deadlines and escalation', () => {
  it('starts a case at the level of its class (小事不出联户、大事不出网格、难事不出中心)', () => {
    expect(initialLevel('SMALL')).toBe('UNIT');
    expect(initialLevel('BIG')).toBe('GRID');
    expect(initialLevel('URGENT')).toBe('COMMUNITY');
    expect(initialLevel('HARD')).toBe('STREET');
  });

  it('moves one level up and stops at the departments', () => {
    expect(nextLevel('UNIT')).toBe('GRID');
    expect(nextLevel('GRID')).toBe('COMMUNITY');
    expect(nextLevel('COMMUNITY')).toBe('STREET');
    expect(nextLevel('STREET')).toBe('DEPARTMENT');
    expect(nextLevel('DEPARTMENT')).toBeUndefined();
  });

  it('computes deadlines from the class and the policy, with documented defaults', () => {
    expect(DEFAULT_CASE_POLICY).toEqual({
      smallHours: 72,
      bigHours: 168,
      hardHours: 360,
      urgentHours: 24,
      autoCloseDays: 7,
      reopenDays: 7,
    });
    expect(deadlineFrom('SMALL', DEFAULT_CASE_POLICY, NOW).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(deadlineFrom('URGENT', { ...DEFAULT_CASE_POLICY, urgentHours: 2 }, NOW).toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it('calls a case overdue only while open and past its deadline', () => {
    const past = new Date(NOW.getTime() - 1);
    expect(isOverdue({ status: 'IN_PROGRESS', deadlineAt: past }, NOW)).toBe(true);
    expect(isOverdue({ status: 'RESOLVED', deadlineAt: past }, NOW)).toBe(false);
    expect(isOverdue({ status: 'REPORTED', deadlineAt: NOW }, NOW)).toBe(false);
  });

  it('closes a resolved case after the quiet period, not before', () => {
    expect(quietPeriodOver(new Date(NOW.getTime() - 7 * DAY), 7, NOW)).toBe(true);
    expect(quietPeriodOver(new Date(NOW.getTime() - 7 * DAY + 1), 7, NOW)).toBe(false);
  });

  it.each(CASE_STATUSES)('escalates a %s case only while open and below the top', (status) => {
    const open = ['REPORTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'].includes(status);
    expect(escalationProblem(state(status), SYSTEM_ACTOR)?.code).toBe(open ? undefined : 'CONFLICT');
    expect(escalationProblem(state(status, { handlingLevel: 'DEPARTMENT' }), SYSTEM_ACTOR)?.code).toBe('CONFLICT');
  });

  it('lets staff handling the case and the job escalate, nobody else', () => {
    expect(escalationProblem(state('ACCEPTED', { handlingLevel: 'UNIT' }), ACTORS.ownGridworker!)).toBeUndefined();
    expect(escalationProblem(state('ACCEPTED', { handlingLevel: 'UNIT' }), ACTORS.otherGridworker!)?.code).toBe('FORBIDDEN');
    expect(escalationProblem(state('ACCEPTED'), ACTORS.reporter!)?.code).toBe('FORBIDDEN');
  });

  it('needs the role of the level a case goes to: gridworker → grid, community staff → community, street staff → street and departments', () => {
    const at = (handlingLevel: CaseState['handlingLevel']) => state('ACCEPTED', { handlingLevel });
    const gridworker = ACTORS.ownGridworker!;
    const community = ACTORS.communityStaff!;
    const street = person('street-1', ['STREET_STAFF']);
    const county = person('county-1', ['COUNTY_ADMIN']);
    // Who may take a case from each level to the next, written out.
    const allowed: Record<string, CaseActor[]> = {
      UNIT: [gridworker, community, street, county],
      GRID: [community, street, county],
      COMMUNITY: [street, county],
      STREET: [street, county],
    };
    for (const [level, actors] of Object.entries(allowed)) {
      for (const actor of [gridworker, community, street, county]) {
        const problem = escalationProblem(at(level as CaseState['handlingLevel']), actor);
        expect({ level, actor: actor.subject, code: problem?.code }).toEqual({
          level,
          actor: actor.subject,
          code: actors.includes(actor) ? undefined : 'FORBIDDEN',
        });
      }
    }
    // The deadline job escalates whatever the level; the table covers every level above the unit.
    expect(escalationProblem(at('STREET'), SYSTEM_ACTOR)).toBeUndefined();
    expect(Object.keys(ESCALATION_ROLES)).toEqual(['GRID', 'COMMUNITY', 'STREET', 'DEPARTMENT']);
  });

  it('assigns to grid staff of the case’s grid, or to community staff of its community taking it on', () => {
    const dispatcher = { subject: 'staff-1', roles: ['COMMUNITY_STAFF'] as Role[], coversCaseCommunity: true };
    expect(assigneeProblem({ subject: 'worker-1', servesCaseGrid: true, dispatcher })).toBeUndefined();
    expect(assigneeProblem({ subject: 'nobody-at-all', servesCaseGrid: false, dispatcher })).toBeDefined();
    expect(assigneeProblem({ subject: 'staff-1', servesCaseGrid: false, dispatcher })).toBeUndefined();
    expect(
      assigneeProblem({ subject: 'staff-1', servesCaseGrid: false, dispatcher: { ...dispatcher, coversCaseCommunity: false } }),
    ).toBeDefined();
    expect(
      assigneeProblem({
        subject: 'county-1',
        servesCaseGrid: false,
        dispatcher: { ...dispatcher, subject: 'county-1', roles: ['COUNTY_ADMIN'] },
      }),
    ).toBeDefined();
  });

  it('sends assigned work back to ACCEPTED at the new level', () => {
    expect(statusAfterEscalation('ASSIGNED')).toBe('ACCEPTED');
    expect(statusAfterEscalation('IN_PROGRESS')).toBe('ACCEPTED');
    expect(statusAfterEscalation('REPORTED')).toBe('REPORTED');
    expect(statusAfterEscalation('REOPENED')).toBe('REOPENED');
  });
});

describe('whistles and reporting', () => {
  it('blows a whistle on an open case only (who blows which type: the whistle list rules)', () => {
    expect(whistleProblem(state('IN_PROGRESS'))).toBeUndefined();
    expect(whistleProblem(state('CLOSED'))?.code).toBe('CONFLICT');
  });

  it('knows the reporter from the channel and roles; visits and hotline calls are staff work', () => {
    expect(reporterKindOf('VISIT', ['GRIDWORKER'])).toBe('GRIDWORKER');
    expect(reporterKindOf('HOUSEHOLD_LEADER', ['RESIDENT'])).toBe('HOUSEHOLD_LEADER');
    expect(reporterKindOf('MINI_PROGRAM', ['RESIDENT'])).toBe('RESIDENT');
    expect(channelProblem('VISIT', ['RESIDENT'])).toBeDefined();
    expect(channelProblem('HOTLINE', ['COMMUNITY_STAFF'])).toBeUndefined();
  });

  it('needs a grid or a household, and a well-formed idempotency key', () => {
    const base = { channel: 'MINI_PROGRAM', category: '环境卫生', description: '楼道堆放杂物', severity: 'SMALL' };
    expect(reportCaseInput.safeParse(base).success).toBe(false);
    expect(reportCaseInput.safeParse({ ...base, gridId: GRID }).success).toBe(true);
    expect(reportCaseInput.safeParse({ ...base, gridId: GRID, idempotencyKey: 'a:b' }).success).toBe(false);
  });

  it('refuses deadlines out of order: urgent ≤ small ≤ big ≤ hard, naming the longer class', () => {
    const policy = {
      countyCode: '520201',
      smallHours: 72,
      bigHours: 168,
      hardHours: 360,
      urgentHours: 24,
      autoCloseDays: 7,
      reopenDays: 7,
    };
    expect(setCasePolicyInput.safeParse(policy).success).toBe(true);
    expect(setCasePolicyInput.safeParse({ ...policy, bigHours: 72, smallHours: 72, urgentHours: 72, hardHours: 72 }).success).toBe(true);
    const pathOf = (change: Record<string, number>) =>
      setCasePolicyInput.safeParse({ ...policy, ...change }).error?.issues.map((i) => i.path.join('.'));
    expect(pathOf({ bigHours: 48 })).toEqual(['bigHours']);
    expect(pathOf({ hardHours: 100 })).toEqual(['hardHours']);
    expect(pathOf({ urgentHours: 96 })).toEqual(['smallHours']);
  });

  it('refuses a reopen period longer than the quiet period', () => {
    const policy = { countyCode: '520201', smallHours: 1, bigHours: 1, hardHours: 1, urgentHours: 1, autoCloseDays: 3, reopenDays: 4 };
    expect(setCasePolicyInput.safeParse(policy).success).toBe(false);
    expect(setCasePolicyInput.safeParse({ ...policy, reopenDays: 3 }).success).toBe(true);
  });
});

describe('whistle status (吹哨 → 报到, withdrawn with the case)', () => {
  const at = (hour: number) => new Date(Date.UTC(2026, 0, 1, hour));
  const whistle = (over: Partial<{ answeredAt: Date | null; withdrawnAt: Date | null }> = {}) => ({
    answerBy: at(10),
    answeredAt: null,
    withdrawnAt: null,
    ...over,
  });

  it('waits until its limit, then is overdue; answered is answered, in time or late', () => {
    expect(whistleStatus(whistle(), at(9))).toBe('WAITING');
    expect(whistleStatus(whistle(), at(10))).toBe('WAITING');
    expect(whistleStatus(whistle(), at(11))).toBe('OVERDUE');
    expect(whistleStatus(whistle({ answeredAt: at(12) }), at(13))).toBe('ANSWERED');
  });

  it('is withdrawn, never overdue, when its case ended at or before its limit; a missed one stays overdue', () => {
    expect(whistleStatus(whistle({ withdrawnAt: at(8) }), at(20))).toBe('WITHDRAWN');
    expect(whistleStatus(whistle({ withdrawnAt: at(10) }), at(20))).toBe('WITHDRAWN');
    expect(whistleStatus(whistle({ withdrawnAt: at(11) }), at(20))).toBe('OVERDUE');
  });

  it('is answered only while waiting or overdue with its case still handled (CONFLICT otherwise)', () => {
    expect(answerStateProblem(whistle())).toBeUndefined();
    expect(answerStateProblem(whistle({ answeredAt: at(9) }))?.code).toBe('CONFLICT');
    expect(answerStateProblem(whistle({ withdrawnAt: at(8) }))?.code).toBe('CONFLICT');
    expect(answerStateProblem(whistle({ withdrawnAt: at(11) }))?.code).toBe('CONFLICT');
  });
});

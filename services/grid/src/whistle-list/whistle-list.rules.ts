import type { Role } from '@gg/shared';

// ─── Vocabulary ───────────────────────────────────────────────────────────────

/** Who blows a whistle: the street (街道吹哨, Liupanshui) or the community (社区吹哨, Suiyang, Jianhu, Xinpu). */
export const WHISTLE_BLOWERS = ['STREET', 'COMMUNITY'] as const;
export type WhistleBlower = (typeof WHISTLE_BLOWERS)[number];

/**
 * Who answers (报到): the departments whistled to (部门报到), or the Party members reporting in to the
 * community (党员报到, Xinpu), which only a community's whistle calls.
 */
export const WHISTLE_ANSWERERS = ['DEPARTMENT', 'PARTY_MEMBER'] as const;
export type WhistleAnswerer = (typeof WHISTLE_ANSWERERS)[number];

/** One type of a county's whistle list (吹哨清单): who may blow it, who answers, in how long, and its steps. */
export interface WhistleType {
  code: string;
  name: string;
  blownBy: WhistleBlower[];
  answeredBy: WhistleAnswerer;
  answerHours: number;
  steps: string[];
}

export interface WhistleList {
  types: WhistleType[];
}

// ─── The default list ─────────────────────────────────────────────────────────

/**
 * The list of a county that has set none, from the reports: Liupanshui's street whistles to the
 * departments with types and steps (街道吹哨、部门报到), Suiyang's community whistle that brings
 * enforcement and market regulation to a market's stalls and blocked fire lanes (社区吹哨、部门报到),
 * and Xinpu's community whistle answered by in-service Party members reporting in (社区吹哨、党员报到:
 * 社区派单—群众点单—党员干部接单) for civilised-city, environment and stability work.
 */
export const DEFAULT_WHISTLE_LIST: WhistleList = {
  types: [
    {
      code: 'JOINT_ENFORCEMENT',
      name: '联合执法',
      blownBy: ['STREET', 'COMMUNITY'],
      answeredBy: 'DEPARTMENT',
      answerHours: 24,
      steps: ['街道或社区核实问题并吹哨', '部门24小时内报到并到场', '联合执法处置', '街道回访并反馈群众'],
    },
    {
      code: 'MARKET_ORDER',
      name: '市场秩序整治',
      blownBy: ['STREET', 'COMMUNITY'],
      answeredBy: 'DEPARTMENT',
      answerHours: 48,
      steps: ['社区摸排摊点、占道和消防通道问题', '吹哨综合执法、市场监管等部门', '部门报到并集中整治', '社区跟踪巡查防反弹'],
    },
    {
      code: 'HOUSING_PROPERTY',
      name: '住房与物业难题',
      blownBy: ['STREET'],
      answeredBy: 'DEPARTMENT',
      answerHours: 72,
      steps: ['街道召集联席会议研判', '吹哨住建等部门', '部门报到并提出处置方案', '街道督办至办结'],
    },
    {
      code: 'EMERGENCY',
      name: '突发事件处置',
      blownBy: ['STREET', 'COMMUNITY'],
      answeredBy: 'DEPARTMENT',
      answerHours: 2,
      steps: ['现场先期处置并吹哨', '部门2小时内报到', '联合处置', '复盘并上报'],
    },
    {
      code: 'PARTY_MEMBER_SERVICE',
      name: '党员报到服务',
      blownBy: ['COMMUNITY'],
      answeredBy: 'PARTY_MEMBER',
      answerHours: 72,
      steps: ['社区派单', '报到党员接单', '党员上门服务', '群众评价'],
    },
  ],
};

// ─── Rules ────────────────────────────────────────────────────────────────────

/**
 * What is wrong with a list, each with the path of the field: codes are unique, and Party members
 * answer only a community's whistle (党员报到 is the community's: members report in to the community
 * where they live, not to the street).
 */
export function whistleListProblems(list: WhistleList): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  list.types.forEach((type, i) => {
    if (list.types.findIndex((t) => t.code === type.code) !== i)
      problems.push({ path: ['types', i, 'code'], message: `whistle type ${type.code} is listed twice` });
    if (new Set(type.blownBy).size !== type.blownBy.length)
      problems.push({ path: ['types', i, 'blownBy'], message: 'each blower is named once' });
    if (type.answeredBy === 'PARTY_MEMBER' && type.blownBy.includes('STREET'))
      problems.push({
        path: ['types', i, 'blownBy'],
        message: 'Party members reporting in answer a community’s whistle only (社区吹哨、党员报到): blownBy must be [COMMUNITY]',
      });
  });
  return problems;
}

/**
 * The blowers a caller speaks for: street staff blow street whistles, community staff community
 * ones; county and city administrators, who supervise both, either.
 */
export function blowersOf(roles: readonly Role[]): WhistleBlower[] {
  const blowers = new Set<WhistleBlower>();
  if (roles.includes('STREET_STAFF')) blowers.add('STREET');
  if (roles.includes('COMMUNITY_STAFF')) blowers.add('COMMUNITY');
  if (roles.includes('COUNTY_ADMIN') || roles.includes('CITY_ADMIN'))
    ['STREET', 'COMMUNITY'].forEach((b) => blowers.add(b as WhistleBlower));
  return [...blowers];
}

/** Why the caller may not blow a whistle of this type, or undefined when they may. */
export function blowProblem(type: WhistleType, roles: readonly Role[]): string | undefined {
  if (blowersOf(roles).some((b) => type.blownBy.includes(b))) return undefined;
  const who = type.blownBy.map((b) => (b === 'STREET' ? 'street staff' : 'community staff')).join(' or ');
  return `A ${type.code} whistle (${type.name}) is blown by ${who} (or county and city administrators)`;
}

/** What the rules need of a whistle and of the caller answering it. */
export interface AnswerFacts {
  answerer: WhistleAnswerer;
  departmentId: string | null;
  regionCode: string;
}
export interface Answerer {
  roles: readonly Role[];
  departmentId?: string;
  /** For a Party member: the community their double report (双报到) was assigned in, as organisation announced it. */
  reportsTo?: string | null;
}

/**
 * Why the caller may not answer a whistle, or undefined. Only a department's own staff answer for it
 * (DEPARTMENT_STAFF whose `department` claim is the department): community staff cannot answer for the
 * housing bureau, nor an administrator for a department. A whistle to the reporting-in Party members
 * is answered by a PARTY_MEMBER whose double report was assigned in the whistle's community (their
 * `member` claim, and the DoubleReportAssigned event the organisation service published for it).
 */
export function answerProblem(whistle: AnswerFacts, caller: Answerer): string | undefined {
  if (whistle.answerer === 'DEPARTMENT') {
    if (caller.roles.includes('DEPARTMENT_STAFF') && caller.departmentId && caller.departmentId === whistle.departmentId) return undefined;
    return 'Only the staff of the department whistled to answer for it (DEPARTMENT_STAFF with that department in their token)';
  }
  if (caller.roles.includes('PARTY_MEMBER') && caller.reportsTo && whistle.regionCode.startsWith(caller.reportsTo)) return undefined;
  return 'A whistle to the reporting-in Party members is answered by a Party member whose double report (双报到) was assigned in its community';
}

/** The subject a case assigned to a department carries: its staff act on it as its assignee. */
export function departmentAssignee(departmentId: string): string {
  return `department:${departmentId}`;
}

/** The department a case's assignee subject names, or null for a person. */
export function departmentOfAssignee(subject: string | null): string | null {
  return subject?.startsWith('department:') ? subject.slice('department:'.length) : null;
}

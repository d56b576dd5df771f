/**
 * Roles in a grid: 网格指挥长, 网格长, 网格员, 楼栋长, 楼层长, 联户长, 片区长. Tongzi's "1+1+N": one
 * gridworker, one building chief and N volunteers per grid.
 */
export const GRID_STAFF_ROLES = [
  'COMMANDER',
  'CHIEF',
  'GRIDWORKER',
  'BUILDING_CHIEF',
  'FLOOR_CHIEF',
  'HOUSEHOLD_LEADER',
  'ZONE_CHIEF',
] as const;
export type GridStaffRole = (typeof GRID_STAFF_ROLES)[number];

/** 专职 or 兼职: every gridworker is one or the other; other roles are neither. */
export const GRIDWORKER_EMPLOYMENTS = ['FULL_TIME', 'PART_TIME'] as const;
export type GridworkerEmployment = (typeof GRIDWORKER_EMPLOYMENTS)[number];

/** Jianhu's A and B posts (A岗 in charge, B岗 standing in). */
export const GRIDWORKER_POSTS = ['A', 'B'] as const;
export type GridworkerPost = (typeof GRIDWORKER_POSTS)[number];

/** Part-time gridworkers recruited from couriers (快递员) and delivery riders (外卖骑手): Jianhu, Sheyang. */
export const RECRUITED_FROM = ['COURIER', 'DELIVERY_RIDER'] as const;
export type RecruitedFrom = (typeof RECRUITED_FROM)[number];

/** Why a role does not go with an employment, post or recruitment, or undefined when it does. */
export function staffProblem(input: {
  role: GridStaffRole;
  employment?: GridworkerEmployment | null;
  post?: GridworkerPost | null;
  recruitedFrom?: RecruitedFrom | null;
}): { field: string; message: string } | undefined {
  const gridworker = input.role === 'GRIDWORKER';
  if (gridworker && !input.employment) return { field: 'employment', message: 'a GRIDWORKER is FULL_TIME or PART_TIME' };
  if (!gridworker && input.employment) return { field: 'employment', message: 'only a GRIDWORKER is full- or part-time' };
  if (!gridworker && input.post) return { field: 'post', message: 'only a GRIDWORKER holds an A or B post' };
  if (input.recruitedFrom && !(gridworker && input.employment === 'PART_TIME'))
    return { field: 'recruitedFrom', message: 'couriers and delivery riders serve as PART_TIME gridworkers' };
  return undefined;
}

/** Why an appointment cannot end at a time, or undefined: not before it began, not in the future. */
export function endProblem(appointedAt: Date, endedAt: Date, now: Date): string | undefined {
  if (endedAt.getTime() < appointedAt.getTime()) return 'an appointment cannot end before it began';
  // A minute of clock difference between a phone and the server is not "the future".
  if (endedAt.getTime() > now.getTime() + 60_000) return 'an appointment cannot end in the future';
  return undefined;
}

import type { Role } from '@gg/shared';

/**
 * What a county department does (部门): the bodies the reports whistle to (住建, 城管, 综合执法, 市场监管…)
 * and the ones whose members report in. OTHER for a body none of these names.
 */
export const DEPARTMENT_KINDS = [
  'HOUSING', // 住房和城乡建设
  'URBAN_MANAGEMENT', // 城市管理
  'COMPREHENSIVE_ENFORCEMENT', // 综合行政执法
  'CIVIL_AFFAIRS', // 民政
  'PUBLIC_SECURITY', // 公安
  'MARKET_REGULATION', // 市场监管
  'EMERGENCY_MANAGEMENT', // 应急管理
  'HEALTH', // 卫生健康
  'WATER', // 水务
  'ECOLOGY_ENVIRONMENT', // 生态环境
  'HUMAN_RESOURCES', // 人力资源和社会保障
  'OTHER',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** Departments are county bodies: the county's (or the city's) administrators record them. */
export const DEPARTMENT_WRITERS: readonly Role[] = ['COUNTY_ADMIN', 'CITY_ADMIN'];

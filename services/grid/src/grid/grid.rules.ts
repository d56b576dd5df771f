import { countyOf, isInRegion, regionLevelOf } from '@gg/shared';

export const GRID_KINDS = ['COMPREHENSIVE', 'DEDICATED'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

export const DEDICATED_GRID_TYPES = ['BUSINESS_BUILDING', 'MARKET', 'PARK', 'SCHOOL', 'HOSPITAL', 'ENTERPRISE', 'OTHER'] as const;
export type DedicatedGridType = (typeof DEDICATED_GRID_TYPES)[number];

/** The 5-, 10- and 15-minute service circles (15分钟服务圈). */
export const SERVICE_RADII_MINUTES = [5, 10, 15] as const;

export const MAX_HOUSEHOLDS = 5000;

/**
 * A grid's level: 1 is the top. Tongzi draws four (big 大网格, medium 中网格, small 小网格, micro 微网格:
 * 1/4/24/140 in Xiliushui); Jianhu three (street, community, unit). A child sits below its parent.
 * Which levels a county uses and where each may sit is the county's grid-level configuration.
 */
export const GRID_LEVELS = [1, 2, 3, 4] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

/** The regions a grid may sit at: a street (Jianhu's street-level grids) or a community. */
export const GRID_REGION_LEVELS = ['STREET', 'COMMUNITY'] as const;
export type GridRegionLevel = (typeof GRID_REGION_LEVELS)[number];

/** One level of a county's grid map: its name and the regions its grids may sit at. */
export interface GridLevelDefinition {
  level: number;
  name: string;
  regionLevels: GridRegionLevel[];
}

/** A county's grid levels, top (1) down, numbered without gaps. */
export interface GridLevelConfiguration {
  levels: GridLevelDefinition[];
}

/**
 * The default: Tongzi's four levels, every one inside a community, which is how grids were drawn
 * before counties could say otherwise (so a county that has set nothing keeps its grids valid).
 */
export const FOUR_COMMUNITY_LEVELS: GridLevelConfiguration = {
  levels: [
    { level: 1, name: '大网格', regionLevels: ['COMMUNITY'] },
    { level: 2, name: '中网格', regionLevels: ['COMMUNITY'] },
    { level: 3, name: '小网格', regionLevels: ['COMMUNITY'] },
    { level: 4, name: '微网格', regionLevels: ['COMMUNITY'] },
  ],
};

/** Why a list of levels is not a grid map, with the index of the level at fault, or undefined: 1…n without gaps. */
export function levelListProblem(levels: ReadonlyArray<{ level: number }>): { index: number; message: string } | undefined {
  for (const [index, definition] of levels.entries())
    if (definition.level !== index + 1)
      return {
        index,
        message: `levels are numbered 1…${levels.length} from the top, in order; found ${definition.level} at position ${index + 1}`,
      };
  return undefined;
}

/**
 * Why a grid of `level` cannot sit at `regionCode` under a county's configuration, or undefined; `on`
 * says which of the two is at fault (a level the county does not draw, or a region the level may not sit at).
 */
export function placementProblem(
  configuration: GridLevelConfiguration,
  level: number,
  regionCode: string,
): { on: 'level' | 'region'; message: string } | undefined {
  const definition = configuration.levels.find((l) => l.level === level);
  if (!definition)
    return { on: 'level', message: `the county's grids have levels 1–${configuration.levels.length}; there is no level ${level}` };
  const regionLevel = regionLevelOf(regionCode);
  if (!(definition.regionLevels as readonly string[]).includes(regionLevel ?? ''))
    return {
      on: 'region',
      message: `a level-${level} grid (${definition.name}) sits at a ${definition.regionLevels.join(' or ')} in this county, not at a ${regionLevel ?? 'region'}`,
    };
  return undefined;
}

/** ACTIVE, or retired by a merge or a split: the row stays, with links to the grids that replaced it. */
export const GRID_STATUSES = ['ACTIVE', 'MERGED', 'SPLIT'] as const;
export type GridStatus = (typeof GRID_STATUSES)[number];

export const GRID_CHANGES = ['MERGE', 'SPLIT'] as const;
export type GridChange = (typeof GRID_CHANGES)[number];

/** Why a grid cannot sit under a parent, or undefined when it can: same county, active, and one level up or more. */
export function parentProblem(
  child: { level: number; regionCode: string },
  parent: { level: number; regionCode: string; status: GridStatus },
): string | undefined {
  if (parent.status !== 'ACTIVE') return 'the parent grid was retired by a merge or a split';
  if (countyOf(parent.regionCode) !== countyOf(child.regionCode)) return 'a parent grid is in the same county';
  if (parent.level >= child.level) return `a level-${child.level} grid sits under a grid of a higher level (1–${child.level - 1})`;
  // A street-level grid's children are in that street; a community grid's in that community.
  if (!isInRegion(child.regionCode, parent.regionCode)) return `a child grid sits in its parent's region (${parent.regionCode})`;
  return undefined;
}

/** Why grids cannot be merged, or undefined: at least two, all active, in one region and at one level. */
export function mergeProblem(grids: Array<{ code: string; regionCode: string; level: number; status: GridStatus }>): string | undefined {
  if (grids.length < 2) return 'a merge takes at least two grids';
  const retired = grids.find((g) => g.status !== 'ACTIVE');
  if (retired) return `grid ${retired.code} was already retired by a ${retired.status === 'MERGED' ? 'merge' : 'split'}`;
  if (new Set(grids.map((g) => g.regionCode)).size > 1) return 'grids are merged within one region (street or community)';
  if (new Set(grids.map((g) => g.level)).size > 1) return 'grids are merged at one level';
  return undefined;
}

/**
 * Why a kind and a dedicated type do not go together, or undefined when they do: a dedicated grid
 * (专属网格) exists because of the place it is drawn around, so it must say which; a comprehensive
 * grid covers a residential area and has none.
 */
export function dedicatedTypeProblem(kind: GridKind, dedicatedType: DedicatedGridType | null | undefined): string | undefined {
  if (kind === 'DEDICATED' && !dedicatedType) return 'a DEDICATED grid needs a dedicatedType';
  if (kind === 'COMPREHENSIVE' && dedicatedType) return 'a COMPREHENSIVE grid has no dedicatedType';
  return undefined;
}

import {
  badInput,
  conflict,
  countySettingOf,
  type CountySettingView,
  countySettingView,
  defineCommand,
  defineCountySetting,
  loadCountySetting,
  requireReference,
  requireWritableRegion,
  setCountySetting,
  type SubgraphContext,
} from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { Grid } from './grid.entity';
import { configureGridLevelsInput, gridLevelsInput } from './grid.inputs';
import { FOUR_COMMUNITY_LEVELS, placementProblem, type GridLevelConfiguration } from './grid.rules';

/**
 * A county's grid levels as a county setting, like the Party chain: which levels it draws and where
 * each may sit. Jianhu: street grids (level 1, at a street), community grids, unit grids; Tongzi:
 * big, medium, small and micro grids inside communities (the default).
 */
export const GRID_LEVELS_SETTING = defineCountySetting({
  key: 'grid-levels',
  schema: z.object({ levels: gridLevelsInput }),
  defaults: FOUR_COMMUNITY_LEVELS,
});

/** The grid levels of the county of a region (the default when it has set none). */
export async function gridLevelsOf(source: DataSource | EntityManager, countyCode: string): Promise<GridLevelConfiguration> {
  return (await countySettingOf(source, GRID_LEVELS_SETTING, countyCode)).value;
}

/**
 * Refuses (BAD_USER_INPUT) a grid of `level` at `regionCode` that its county's configuration does not
 * allow, naming `fields.level` or `fields.region` as the one at fault.
 */
export async function requirePlacement(
  manager: EntityManager,
  level: number,
  regionCode: string,
  fields: { level: string; region: string },
): Promise<void> {
  const problem = placementProblem(await gridLevelsOf(manager, regionCode.slice(0, 6)), level, regionCode);
  if (!problem) return;
  const field = problem.on === 'level' ? fields.level : fields.region;
  throw badInput(field, `${field}: ${problem.message}`);
}

export type GridLevelConfigurationView = CountySettingView<GridLevelConfiguration>;

/** The grid levels of a county, or null when the county is outside the caller's scope. */
export async function loadGridLevels(context: SubgraphContext, countyCode: string): Promise<GridLevelConfigurationView | null> {
  return loadCountySetting(context.dataSource, context.identity, GRID_LEVELS_SETTING, countyCode);
}

/**
 * Sets a county's grid levels. Refused (CONFLICT on `input.levels`) while an active grid of the county
 * would break them (a level dropped, or a level moved away from where its grids sit): merge, split or
 * re-draw those first. The grid rows are read in this transaction, so the check and the write agree.
 */
export const configureGridLevels = defineCommand({
  name: 'configureGridLevels',
  input: configureGridLevelsInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  run: async ({ countyCode, levels }, context): Promise<GridLevelConfigurationView> => {
    requireWritableRegion(context.caller, countyCode, `configure the grid levels of county ${countyCode}`, 'input.countyCode');
    await requireReference(context.manager, 'REGION', countyCode, { field: 'input.countyCode' });
    const configuration: GridLevelConfiguration = { levels };
    const placed: Array<{ level: number; region_code: string; code: string }> = await context.manager
      .createQueryBuilder(Grid, 'g')
      .select(['g.level AS level', 'g.region_code AS region_code', 'min(g.code) AS code'])
      .where('g.county_code = :countyCode AND g.status = :active', { countyCode, active: 'ACTIVE' })
      .groupBy('g.level, g.region_code')
      .getRawMany();
    for (const grid of placed) {
      const problem = placementProblem(configuration, Number(grid.level), grid.region_code);
      if (problem) throw conflict(`Active grid ${grid.code} would break these levels: ${problem.message}`, 'input.levels');
    }
    const set = await setCountySetting(context.manager, GRID_LEVELS_SETTING, countyCode, configuration, context.caller, context.now);
    return countySettingView(set);
  },
});

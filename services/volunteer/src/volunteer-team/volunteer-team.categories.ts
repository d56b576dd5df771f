import {
  countyOf,
  countySettingOf,
  type CountySettingView,
  countySettingView,
  defineCommand,
  defineCountySetting,
  loadCountySetting,
  regionCodeInput,
  requireReference,
  requireWritableRegion,
  setCountySetting,
  type SubgraphContext,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { VOLUNTEER_TEAM_CATEGORIES, type VolunteerTeamCategory } from './volunteer-team.rules';

/**
 * The team categories a county files its teams under: Liupanshui's five colours (RED … GOLD),
 * Tianzhu's five service lines (ENVIRONMENT … CULTURE), or any list of the known ones. A county that
 * has set nothing may use them all.
 */
export const teamCategorySetting = defineCountySetting({
  key: 'volunteerTeamCategories',
  schema: z.object({
    categories: z
      .array(z.enum(VOLUNTEER_TEAM_CATEGORIES))
      .min(1, 'a county files its teams under at least one category')
      .refine((list) => new Set(list).size === list.length, 'a category is listed twice'),
  }),
  defaults: { categories: [...VOLUNTEER_TEAM_CATEGORIES] },
});

export type VolunteerTeamCategoryView = CountySettingView<{ categories: VolunteerTeamCategory[] }>;

/** The categories a region's county allows. */
export async function categoriesOf(manager: EntityManager, regionCode: string): Promise<VolunteerTeamCategory[]> {
  return (await countySettingOf(manager, teamCategorySetting, countyOf(regionCode) ?? regionCode.slice(0, 6))).value.categories;
}

/** A county's categories, or null when the county is neither in nor above the caller's scope. */
export async function loadTeamCategories(context: SubgraphContext, countyCode: string): Promise<VolunteerTeamCategoryView | null> {
  return loadCountySetting(context.dataSource, context.identity, teamCategorySetting, countyCode);
}

export const setVolunteerTeamCategoriesInput = z.object({
  countyCode: regionCodeInput(['COUNTY'], 'a category list'),
  categories: teamCategorySetting.schema.shape.categories,
});

/** Sets the categories a county files its teams under; teams already filed keep theirs. */
export const setVolunteerTeamCategories = defineCommand({
  name: 'setVolunteerTeamCategories',
  input: setVolunteerTeamCategoriesInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  async run(input, ctx): Promise<VolunteerTeamCategoryView> {
    requireWritableRegion(ctx.caller, input.countyCode, `set the team categories of county ${input.countyCode}`, 'input.countyCode');
    await requireReference(ctx.manager, 'REGION', input.countyCode, { field: 'input.countyCode' });
    const set = await setCountySetting(
      ctx.manager,
      teamCategorySetting,
      input.countyCode,
      { categories: input.categories },
      ctx.caller,
      ctx.now,
    );
    return countySettingView(set);
  },
});

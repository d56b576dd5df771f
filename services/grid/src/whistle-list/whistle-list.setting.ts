import {
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
import { setWhistleListInput, whistleListSchema } from './whistle-list.inputs';
import { DEFAULT_WHISTLE_LIST, type WhistleList, type WhistleType } from './whistle-list.rules';

/** A county's whistle list (吹哨清单) as a county setting, with the default list. */
export const WHISTLE_LIST = defineCountySetting({ key: 'whistle-list', schema: whistleListSchema, defaults: DEFAULT_WHISTLE_LIST });

/** The whistle type of a county's list with this code, or undefined. */
export async function whistleTypeOf(
  source: DataSource | EntityManager,
  countyCode: string,
  code: string,
): Promise<WhistleType | undefined> {
  return (await countySettingOf(source, WHISTLE_LIST, countyCode)).value.types.find((t) => t.code === code);
}

export type WhistleListView = CountySettingView<WhistleList>;

/** A county's whistle list, or null when the county is neither in nor above the caller's scope. */
export async function loadWhistleList(context: SubgraphContext, countyCode: string): Promise<WhistleListView | null> {
  return loadCountySetting(context.dataSource, context.identity, WHISTLE_LIST, countyCode);
}

/**
 * Sets a county's whistle list (吹哨清单). Whistles already blown keep their limits; the new list
 * applies to whistles blown from now on.
 */
export const setWhistleList = defineCommand({
  name: 'setWhistleList',
  input: setWhistleListInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  run: async ({ countyCode, types }, context): Promise<WhistleListView> => {
    requireWritableRegion(context.caller, countyCode, `set the whistle list of county ${countyCode}`, 'input.countyCode');
    await requireReference(context.manager, 'REGION', countyCode, { field: 'input.countyCode' });
    const set = await setCountySetting(context.manager, WHISTLE_LIST, countyCode, { types }, context.caller, context.now);
    return countySettingView(set);
  },
});

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
import type { EntityManager } from 'typeorm';
import { setTenHouseholdUnitPolicyInput, tenHouseholdUnitPolicySchema } from './ten-household-unit.inputs';
import { DEFAULT_UNIT_MAX_HOUSEHOLDS, type TenHouseholdUnitPolicy } from './ten-household-unit.rules';

/** A county's cap on a unit's households as a county setting (see DEFAULT_UNIT_MAX_HOUSEHOLDS for the default). */
export const TEN_HOUSEHOLD_UNIT_POLICY = defineCountySetting({
  key: 'ten-household-unit',
  schema: tenHouseholdUnitPolicySchema,
  defaults: { maxHouseholds: DEFAULT_UNIT_MAX_HOUSEHOLDS },
});

/** The most households a unit of the county of `regionCode` may hold. */
export async function unitCapOf(manager: EntityManager, regionCode: string): Promise<number> {
  return (await countySettingOf(manager, TEN_HOUSEHOLD_UNIT_POLICY, regionCode.slice(0, 6))).value.maxHouseholds;
}

export type TenHouseholdUnitPolicyView = CountySettingView<TenHouseholdUnitPolicy>;

/** A county's unit policy, or null when the county is neither in nor above the caller's scope. */
export async function loadUnitPolicy(context: SubgraphContext, countyCode: string): Promise<TenHouseholdUnitPolicyView | null> {
  return loadCountySetting(context.dataSource, context.identity, TEN_HOUSEHOLD_UNIT_POLICY, countyCode);
}

/**
 * Sets a county's cap on a unit's households. Units already above a lowered cap keep their households
 * (nobody is moved out by a setting) but take no more until they are back under it.
 */
export const setTenHouseholdUnitPolicy = defineCommand({
  name: 'setTenHouseholdUnitPolicy',
  input: setTenHouseholdUnitPolicyInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  run: async ({ countyCode, ...policy }, context): Promise<TenHouseholdUnitPolicyView> => {
    requireWritableRegion(context.caller, countyCode, `set the unit policy of county ${countyCode}`, 'input.countyCode');
    await requireReference(context.manager, 'REGION', countyCode, { field: 'input.countyCode' });
    const set = await setCountySetting(context.manager, TEN_HOUSEHOLD_UNIT_POLICY, countyCode, policy, context.caller, context.now);
    return countySettingView(set);
  },
});

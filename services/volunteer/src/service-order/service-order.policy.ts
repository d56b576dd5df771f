import {
  countyOf,
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
import { setServiceOrderPolicyInput } from './service-order.inputs';
import { DEFAULT_SERVICE_ORDER_POLICY, serviceOrderPolicySchema, type ServiceOrderPolicy } from './service-order.rules';

/** The county's limits for dispatching and accepting service orders, with the defaults (24 h each). */
export const SERVICE_ORDER_POLICY = defineCountySetting({
  key: 'service-order-policy',
  schema: serviceOrderPolicySchema,
  defaults: DEFAULT_SERVICE_ORDER_POLICY,
});

/** The limits of the county a region is in (the defaults when the county has set none). */
export async function servicePolicyOf(source: DataSource | EntityManager, regionCode: string): Promise<ServiceOrderPolicy> {
  return (await countySettingOf(source, SERVICE_ORDER_POLICY, countyOf(regionCode) ?? regionCode.slice(0, 6))).value;
}

export type ServiceOrderPolicyView = CountySettingView<ServiceOrderPolicy>;

/** A county's limits, or null when the county is neither in nor above the caller's scope. */
export async function loadServiceOrderPolicy(context: SubgraphContext, countyCode: string): Promise<ServiceOrderPolicyView | null> {
  return loadCountySetting(context.dataSource, context.identity, SERVICE_ORDER_POLICY, countyCode);
}

/** Sets a county's dispatch and accept limits; the overdue job applies them from its next run. */
export const setServiceOrderPolicy = defineCommand({
  name: 'setServiceOrderPolicy',
  input: setServiceOrderPolicyInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  run: async ({ countyCode, ...policy }, ctx): Promise<ServiceOrderPolicyView> => {
    requireWritableRegion(ctx.caller, countyCode, `set the service-order limits of county ${countyCode}`, 'input.countyCode');
    await requireReference(ctx.manager, 'REGION', countyCode, { field: 'input.countyCode' });
    const set = await setCountySetting(ctx.manager, SERVICE_ORDER_POLICY, countyCode, policy, ctx.caller, ctx.now);
    return countySettingView(set);
  },
});

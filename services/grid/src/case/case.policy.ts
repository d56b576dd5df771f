import {
  countySettingOf,
  countySettingView,
  type CountySettingView,
  defineCommand,
  defineCountySetting,
  loadCountySetting,
  requireReference,
  requireWritableRegion,
  setCountySetting,
  type SubgraphContext,
  tableOf,
} from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { casePolicySchema, setCasePolicyInput } from './case.inputs';
import { DEFAULT_CASE_POLICY, type CasePolicy } from './case.rules';

/** A county's case policy as a county setting: deadlines by class, quiet and reopen periods, with the defaults. */
export const CASE_POLICY = defineCountySetting({ key: 'case-policy', schema: casePolicySchema, defaults: DEFAULT_CASE_POLICY });

/** A county's case policy, or the defaults when it has set none. */
export async function policyOf(source: DataSource | EntityManager, countyCode: string): Promise<CasePolicy> {
  return (await countySettingOf(source, CASE_POLICY, countyCode)).value;
}

export type CasePolicyView = CountySettingView<CasePolicy>;

/** The case policy of a county, or null when the county is neither in nor above the caller's scope. */
export async function loadCasePolicy(context: SubgraphContext, countyCode: string): Promise<CasePolicyView | null> {
  return loadCountySetting(context.dataSource, context.identity, CASE_POLICY, countyCode);
}

/** Sets a county's case policy (deadlines by class, quiet and reopen periods); applies to deadlines set from now on. */
export const setCasePolicy = defineCommand({
  name: 'setCasePolicy',
  input: setCasePolicyInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  run: async ({ countyCode, ...policy }, context): Promise<CasePolicyView> => {
    requireWritableRegion(context.caller, countyCode, `set the case policy of county ${countyCode}`, 'input.countyCode');
    // A county the organisation subgraph announced, like every region code grid stores.
    await requireReference(context.manager, 'REGION', countyCode, { field: 'input.countyCode' });
    const set = await setCountySetting(context.manager, CASE_POLICY, countyCode, policy, context.caller, context.now);
    return countySettingView(set);
  },
});

/** SQL for the auto-close days of the county of `regionColumn` (the setting, else the default). */
export function autoCloseDaysSql(source: DataSource, regionColumn: string): string {
  return `COALESCE((SELECT (s.value->>'autoCloseDays')::int FROM ${tableOf(source, 'county_setting')} s
                    WHERE s.county_code = left(${regionColumn}, 6) AND s.key = '${CASE_POLICY.key}'), ${DEFAULT_CASE_POLICY.autoCloseDays})`;
}

import {
  countySettingOf,
  defineCommand,
  requireReference,
  requireWritableRegion,
  defineCountySetting,
  regionLevelOf,
  badInput,
  scopePatterns,
  setCountySetting,
  tableOf,
  type SubgraphContext,
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

export interface CasePolicyView extends CasePolicy {
  countyCode: string;
  isDefault: boolean;
  updatedAt: Date | null;
}

/**
 * The case policy of a county, or null when the county is outside the caller's scope. A county is
 * visible to callers whose scope covers it and to those inside it (street and community staff work
 * under their county's deadlines); both tests are in the SQL.
 */
export async function loadCasePolicy(context: SubgraphContext, countyCode: string): Promise<CasePolicyView | null> {
  if (regionLevelOf(countyCode) !== 'COUNTY') throw badInput('countyCode', 'a county code has 6 digits');
  const rows: Array<{ county: string }> = await context.dataSource.query(
    `SELECT v.county FROM (SELECT $1::text AS county) v
     WHERE v.county LIKE ANY($2::text[]) OR EXISTS (SELECT 1 FROM unnest($3::text[]) s WHERE s LIKE v.county || '%')`,
    [countyCode, scopePatterns(context.identity), context.identity.regionScopes],
  );
  if (rows.length === 0) return null;
  const setting = await countySettingOf(context.dataSource, CASE_POLICY, countyCode);
  return { countyCode, ...setting.value, isDefault: setting.isDefault, updatedAt: setting.updatedAt };
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
    return { countyCode, ...set.value, isDefault: false, updatedAt: set.updatedAt };
  },
});

/** SQL for the auto-close days of the county of `regionColumn` (the setting, else the default). */
export function autoCloseDaysSql(source: DataSource, regionColumn: string): string {
  return `COALESCE((SELECT (s.value->>'autoCloseDays')::int FROM ${tableOf(source, 'county_setting')} s
                    WHERE s.county_code = left(${regionColumn}, 6) AND s.key = '${CASE_POLICY.key}'), ${DEFAULT_CASE_POLICY.autoCloseDays})`;
}

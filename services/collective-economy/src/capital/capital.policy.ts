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
import { z } from 'zod';
import { ASSET_KINDS, type AssetKind } from './capital.rules';

/** A useful life is whole months, up to a century; the residual value at most half the value. */
const lifeMonths = z.number().int().min(1, 'a useful life is at least one month').max(1200, 'a useful life is at most 1200 months');
const residualRate = z.number().int().min(0, 'a residual rate is 0–5000 basis points').max(5000, 'a residual rate is 0–5000 basis points');

export const depreciationPolicySchema = z.object({
  usefulLifeMonths: z.object(Object.fromEntries(ASSET_KINDS.map((kind) => [kind, lifeMonths])) as Record<AssetKind, typeof lifeMonths>),
  residualRateBp: residualRate,
});
export type DepreciationPolicy = z.infer<typeof depreciationPolicySchema>;

/**
 * The defaults, straight-line as the enterprise income tax rules' minimum lives suggest for a small
 * collective: buildings and shopfronts 20 years, equipment 10, vehicles 4, other assets 5; 5% residual.
 */
export const DEFAULT_DEPRECIATION_POLICY: DepreciationPolicy = {
  usefulLifeMonths: { SHOPFRONT: 240, BUILDING: 240, EQUIPMENT: 120, VEHICLE: 48, OTHER_ASSET: 60 },
  residualRateBp: 500,
};

/** How a county depreciates collective fixed assets: the straight-line life per kind and the residual rate. */
export const DEPRECIATION_POLICY = defineCountySetting({
  key: 'collective-depreciation',
  schema: depreciationPolicySchema,
  defaults: DEFAULT_DEPRECIATION_POLICY,
});

export async function depreciationPolicyOf(source: DataSource | EntityManager, countyCode: string): Promise<DepreciationPolicy> {
  return (await countySettingOf(source, DEPRECIATION_POLICY, countyCode)).value;
}

export type DepreciationPolicyView = CountySettingView<DepreciationPolicy>;

/** A county's depreciation policy, or null when the county is neither in the caller's scope nor above it. */
export async function loadDepreciationPolicy(context: SubgraphContext, countyCode: string): Promise<DepreciationPolicyView | null> {
  return loadCountySetting(context.dataSource, context.identity, DEPRECIATION_POLICY, countyCode);
}

const setDepreciationPolicyInput = z.object({
  countyCode: z.string().regex(/^\d{6}$/, 'a county code has 6 digits'),
  usefulLives: z
    .array(z.object({ kind: z.enum(ASSET_KINDS), months: lifeMonths }))
    .max(ASSET_KINDS.length, `at most ${ASSET_KINDS.length} lives, one per kind`)
    .refine((lives) => new Set(lives.map((l) => l.kind)).size === lives.length, 'a kind is listed once'),
  residualRateBasisPoints: residualRate,
});

/**
 * Sets how a county depreciates collective fixed assets; applies to assets registered from now on
 * (a registered asset keeps the life it was registered with, so past book values never change).
 * Kinds not listed keep the default life.
 */
export const setDepreciationPolicy = defineCommand({
  name: 'setDepreciationPolicy',
  input: setDepreciationPolicyInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  run: async ({ countyCode, usefulLives, residualRateBasisPoints: residualRateBp }, context): Promise<DepreciationPolicyView> => {
    requireWritableRegion(context.caller, countyCode, `set the depreciation policy of county ${countyCode}`, 'input.countyCode');
    await requireReference(context.manager, 'REGION', countyCode, { field: 'input.countyCode' });
    const usefulLifeMonths = { ...DEFAULT_DEPRECIATION_POLICY.usefulLifeMonths };
    for (const life of usefulLives) usefulLifeMonths[life.kind] = life.months;
    const set = await setCountySetting(
      context.manager,
      DEPRECIATION_POLICY,
      countyCode,
      { usefulLifeMonths, residualRateBp },
      context.caller,
      context.now,
    );
    return countySettingView(set);
  },
});

import {
  badInput,
  countySettingOf,
  coversRegion,
  defineCommand,
  regionCodeInput,
  regionLevelOf,
  requireReference,
  requireWritableRegion,
  setCountySetting,
  type SubgraphContext,
} from '@gg/shared';
import { z } from 'zod';
import { wishClaimPolicy } from './micro-wish.rules';

export interface WishClaimPolicyView {
  countyCode: string;
  claimDays: number;
  isDefault: boolean;
  updatedAt: Date | null;
}

/** A county's claim period, or null when the county is neither in nor above the caller's scope. */
export async function loadWishClaimPolicy(context: SubgraphContext, countyCode: string): Promise<WishClaimPolicyView | null> {
  if (regionLevelOf(countyCode) !== 'COUNTY') throw badInput('countyCode', 'a county code has 6 digits');
  const visible = coversRegion(context.identity, countyCode) || context.identity.regionScopes.some((scope) => scope.startsWith(countyCode));
  if (!visible) return null;
  const setting = await countySettingOf(context.dataSource, wishClaimPolicy, countyCode);
  return { countyCode, claimDays: setting.value.claimDays, isDefault: setting.isDefault, updatedAt: setting.updatedAt };
}

export const setWishClaimPolicyInput = z.object({
  countyCode: regionCodeInput(['COUNTY'], 'a claim period'),
  claimDays: z.number().int().min(1, 'a claim stands at least a day').max(90, 'a claim stands at most 90 days'),
});

/** Sets how long a county's wish claims stand before the wish returns to the wall; claims made from now on. */
export const setWishClaimPolicy = defineCommand({
  name: 'setWishClaimPolicy',
  input: setWishClaimPolicyInput,
  roles: ['COUNTY_ADMIN', 'CITY_ADMIN'],
  async run(input, ctx): Promise<WishClaimPolicyView> {
    requireWritableRegion(ctx.caller, input.countyCode, `set the wish claim period of county ${input.countyCode}`, 'input.countyCode');
    await requireReference(ctx.manager, 'REGION', input.countyCode, { field: 'input.countyCode' });
    const set = await setCountySetting(ctx.manager, wishClaimPolicy, input.countyCode, { claimDays: input.claimDays }, ctx.caller, ctx.now);
    return { countyCode: input.countyCode, claimDays: set.value.claimDays, isDefault: false, updatedAt: set.updatedAt };
  },
});

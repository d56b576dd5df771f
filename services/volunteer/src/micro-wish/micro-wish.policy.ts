import {
  type CountySettingView,
  countySettingView,
  defineCommand,
  loadCountySetting,
  regionCodeInput,
  requireReference,
  requireWritableRegion,
  setCountySetting,
  type SubgraphContext,
} from '@gg/shared';
import { z } from 'zod';
import { wishClaimPolicy } from './micro-wish.rules';

export type WishClaimPolicyView = CountySettingView<{ claimDays: number }>;

/** A county's claim period, or null when the county is neither in nor above the caller's scope. */
export async function loadWishClaimPolicy(context: SubgraphContext, countyCode: string): Promise<WishClaimPolicyView | null> {
  return loadCountySetting(context.dataSource, context.identity, wishClaimPolicy, countyCode);
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
    return countySettingView(set);
  },
});

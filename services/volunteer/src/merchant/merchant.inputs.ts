import { codeInput, freeTextInput, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { MAX_PRICE_MINUTES, MAX_STOCK } from './merchant.rules';

export const registerMerchantInput = z.object({
  name: thingNameInput({ label: 'a shop name' }),
  regionCode: regionCodeInput(['COMMUNITY'], 'a merchant'),
  accountSubject: codeInput({ label: 'an account subject', max: 200 }),
});

export const offerMerchantRewardInput = z.object({
  merchantId: uuidInput('a merchant id'),
  name: thingNameInput({ label: 'a reward name' }),
  priceMinutes: z.number().int('whole minutes').min(1, 'at least 1 minute').max(MAX_PRICE_MINUTES, `at most ${MAX_PRICE_MINUTES} minutes`),
  stock: z.number().int('a whole number').min(0, 'at least 0').max(MAX_STOCK, `at most ${MAX_STOCK}`),
});

export const redeemMerchantRewardInput = z.object({
  rewardId: uuidInput('a reward id'),
  accountId: uuidInput('a time-bank account id'),
});

export const cancelRewardRedemptionInput = z.object({
  redemptionId: uuidInput('a redemption id'),
  reason: freeTextInput({ label: 'a reason', min: 2, max: 150 }),
});

export const verifyRedemptionInput = z.object({ code: codeInput({ label: 'a redemption code', max: 100 }) });

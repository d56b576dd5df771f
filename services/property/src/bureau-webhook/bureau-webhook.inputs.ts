import { optionalText, parseEnv, regionCodeInput, textInput, thingNameInput } from '@gg/shared';
import { z } from 'zod';
import { ROTATION_OVERLAP_HOURS, webhookUrlProblem } from './bureau-webhook.rules';

let production: boolean | undefined;
/** Whether this is production (plain HTTP to localhost is refused there), from the environment parsed once. */
function isProduction(): boolean {
  production ??= parseEnv({}).NODE_ENV === 'production';
  return production;
}

export const registerBureauWebhookInput = z.object({
  regionCode: regionCodeInput(['CITY', 'COUNTY'], 'a webhook of the housing bureau'),
  url: textInput('single', { min: 10, max: 2000, label: 'the URL' }).superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value, isProduction());
    if (problem) ctx.addIssue({ code: 'custom', message: `the URL ${problem}` });
  }),
  description: optionalText(thingNameInput({ label: 'the description', max: 200 })),
});
export type RegisterBureauWebhookInput = z.infer<typeof registerBureauWebhookInput>;

export const rotateBureauWebhookSecretInput = z.object({
  webhookId: z.string(),
  overlapHours: z.number().int().min(0).max(ROTATION_OVERLAP_HOURS.max).nullish(),
});
export type RotateBureauWebhookSecretInput = z.infer<typeof rotateBureauWebhookSecretInput>;

export const webhookIdInput = z.object({ webhookId: z.string() });
export const deliveryIdInput = z.object({ deliveryId: z.string() });

import {
  applyVersionedChange,
  conflict,
  decryptPersonal,
  defineCommand,
  encryptPersonal,
  personalDataKeys,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  type CommandContext,
  type JobDefinition,
  type Role,
} from '@gg/shared';
import { randomBytes } from 'node:crypto';
import { IsNull, MoreThan } from 'typeorm';
import { BureauWebhook, BureauWebhookDelivery, BureauWebhookSecret } from './bureau-webhook.entity';
import { deliveryIdInput, registerBureauWebhookInput, rotateBureauWebhookSecretInput, webhookIdInput } from './bureau-webhook.inputs';
import { ROTATION_OVERLAP_HOURS } from './bureau-webhook.rules';

/** Webhooks are the housing bureau's own machinery: only its machine client registers and rotates them. */
export const WEBHOOK_OWNERS: readonly Role[] = ['HOUSING_BUREAU'];

/** A registration or rotation answers the new secret once; afterwards it is never shown again. */
export interface IssuedSecret {
  webhook: BureauWebhook;
  secret: string;
}

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
async function issueSecret(ctx: CommandContext, webhookId: string): Promise<string> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  await ctx.manager.insert(BureauWebhookSecret, {
    webhookId,
    secretCipher: encryptPersonal(secret, personalDataKeys().encryption),
    createdAt: ctx.now,
    retiresAt: null,
  });
  return secret;
}

function webhookForWrite(ctx: CommandContext, id: string, field: string): Promise<BureauWebhook> {
  return recordForWrite(ctx.manager, BureauWebhook, id, { identity: ctx.caller, field, label: 'Bureau webhook', lock: true });
}

/** Registers an endpoint for a county or city of the bureau's scope; it receives the lists and assessments published there. */
export const registerBureauWebhook = defineCommand({
  name: 'registerBureauWebhook',
  input: registerBureauWebhookInput,
  roles: WEBHOOK_OWNERS,
  async run(input, ctx): Promise<IssuedSecret> {
    requireWritableRegion(ctx.caller, input.regionCode, 'register a webhook', 'input.regionCode');
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    const webhook = await ctx.manager.save(
      ctx.manager.create(BureauWebhook, {
        regionCode: input.regionCode,
        url: input.url,
        description: input.description,
        registeredBy: ctx.caller.subject,
        disabledAt: null,
        version: 1,
      }),
    );
    return { webhook, secret: await issueSecret(ctx, webhook.id) };
  },
});

/**
 * Issues a new secret without downtime: the secrets in use keep signing for the overlap (24 hours
 * unless given), so every message in between carries a signature of each and a receiver verifies
 * with either; after the overlap only the new one signs.
 */
export const rotateBureauWebhookSecret = defineCommand({
  name: 'rotateBureauWebhookSecret',
  input: rotateBureauWebhookSecretInput,
  roles: WEBHOOK_OWNERS,
  async run(input, ctx): Promise<IssuedSecret> {
    const webhook = await webhookForWrite(ctx, input.webhookId, 'input.webhookId');
    if (webhook.disabledAt) throw conflict('The webhook is disabled', 'input.webhookId');
    const retiresAt = new Date(ctx.now.getTime() + (input.overlapHours ?? ROTATION_OVERLAP_HOURS.default) * 3600_000);
    // Secrets signing for longer than the new overlap (or for ever) retire with it; earlier retirements stand.
    await ctx.manager.update(BureauWebhookSecret, { webhookId: webhook.id, retiresAt: IsNull() }, { retiresAt });
    await ctx.manager.update(BureauWebhookSecret, { webhookId: webhook.id, retiresAt: MoreThan(retiresAt) }, { retiresAt });
    return { webhook, secret: await issueSecret(ctx, webhook.id) };
  },
});

/** Stops deliveries to an endpoint (messages not yet delivered fail at their next attempt). */
export const disableBureauWebhook = defineCommand({
  name: 'disableBureauWebhook',
  input: webhookIdInput,
  argument: null,
  roles: WEBHOOK_OWNERS,
  async run(input, ctx) {
    const webhook = await webhookForWrite(ctx, input.webhookId, 'webhookId');
    if (webhook.disabledAt) throw conflict('The webhook is already disabled', 'webhookId');
    return applyVersionedChange(ctx.manager, {
      entity: BureauWebhook,
      current: webhook,
      change: { disabledAt: ctx.now },
      field: 'webhookId',
    });
  },
});

/**
 * Sends a FAILED message again (the bureau fixed its receiver): a new series of attempts, numbered on
 * from the earlier ones, with the same `webhook-id` (a receiver that did process it drops it).
 */
export function redeliverCommand(job: JobDefinition) {
  return defineCommand({
    name: 'redeliverBureauWebhook',
    input: deliveryIdInput,
    argument: null,
    roles: WEBHOOK_OWNERS,
    async run(input, ctx) {
      const delivery = await recordForWrite(ctx.manager, BureauWebhookDelivery, input.deliveryId, {
        identity: ctx.caller,
        field: 'deliveryId',
        label: 'Webhook delivery',
        lock: true,
      });
      if (delivery.status !== 'FAILED') throw conflict(`Only a FAILED message is sent again; this one is ${delivery.status}`, 'deliveryId');
      const webhook = await ctx.manager.findOneByOrFail(BureauWebhook, { id: delivery.webhookId });
      if (webhook.disabledAt) throw conflict('The webhook is disabled', 'deliveryId');
      await ctx.manager.update(BureauWebhookDelivery, { id: delivery.id }, { status: 'PENDING' });
      // A job id of its own per series: BullMQ keeps the failed job of the earlier series under the first.
      ctx.enqueue(job, { deliveryId: delivery.id }, { jobId: `${delivery.id}-${delivery.attemptCount}` });
      return { ...delivery, status: 'PENDING' as const };
    },
  });
}

/** The secrets of an endpoint in clear, for signing (the delivery job only). */
export function decryptSecret(secret: BureauWebhookSecret): string {
  return decryptPersonal(secret.secretCipher, personalDataKeys().encryption);
}

import {
  loaderOf,
  loadScopedById,
  paginate,
  regionSubtreeCondition,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { In } from 'typeorm';
import { BureauWebhook, BureauWebhookAttempt, BureauWebhookDelivery, BureauWebhookSecret } from './bureau-webhook.entity';
import type { DeliveryStatus } from './bureau-webhook.rules';

export type BureauWebhookPage = Connection<BureauWebhook>;
export type BureauWebhookDeliveryPage = Connection<BureauWebhookDelivery>;

const OLDEST_FIRST: ReadonlyArray<SortKey<BureauWebhook>> = [
  timestampKey('w.created_at', 'ASC', (w) => w.createdAt),
  { column: 'w.id', direction: 'ASC', value: (w) => w.id },
];
const NEWEST_FIRST: ReadonlyArray<SortKey<BureauWebhookDelivery>> = [
  timestampKey('d.created_at', 'DESC', (d) => d.createdAt),
  { column: 'd.id', direction: 'ASC', value: (d) => d.id },
];

export function loadBureauWebhook(context: SubgraphContext, id: string): Promise<BureauWebhook | null> {
  return loadScopedById(context, BureauWebhook, id);
}

export function listBureauWebhooks(context: SubgraphContext, regionCode: string, args: ConnectionArgs): Promise<BureauWebhookPage> {
  const region = regionSubtreeCondition('w.region_code', regionCode, context.identity);
  return paginate(
    context.dataSource.getRepository(BureauWebhook).createQueryBuilder('w').where(region.sql, region.params),
    args,
    OLDEST_FIRST,
  );
}

/** `BureauWebhook.deliveries`: the messages to an endpoint (already in the caller's scope), newest first. */
export function webhookDeliveries(
  context: SubgraphContext,
  webhookId: string,
  status: DeliveryStatus | null | undefined,
  args: ConnectionArgs,
): Promise<BureauWebhookDeliveryPage> {
  const query = context.dataSource
    .getRepository(BureauWebhookDelivery)
    .createQueryBuilder('d')
    .where('d.webhook_id = :webhookId', { webhookId });
  if (status) query.andWhere('d.status = :status', { status });
  return paginate(query, args, NEWEST_FIRST);
}

/** Every attempt of a batch of deliveries, in order (one statement per batch). */
export function loadAttempts(context: SubgraphContext, deliveryId: string): Promise<BureauWebhookAttempt[]> {
  return loaderOf<string, BureauWebhookAttempt[]>(context, 'webhook-attempts', async (ids) => {
    const rows = await context.dataSource
      .getRepository(BureauWebhookAttempt)
      .find({ where: { deliveryId: In([...ids]) }, order: { attempt: 'ASC' } });
    return ids.map((id) => rows.filter((row) => row.deliveryId === id));
  }).load(deliveryId);
}

/** The secrets of a batch of endpoints (when issued, until when they sign), never their values. */
export function loadSecrets(context: SubgraphContext, webhookId: string): Promise<BureauWebhookSecret[]> {
  return loaderOf<string, BureauWebhookSecret[]>(context, 'webhook-secrets', async (ids) => {
    const rows = await context.dataSource
      .getRepository(BureauWebhookSecret)
      .find({ where: { webhookId: In([...ids]) }, order: { createdAt: 'ASC' } });
    return ids.map((id) => rows.filter((row) => row.webhookId === id));
  }).load(webhookId);
}

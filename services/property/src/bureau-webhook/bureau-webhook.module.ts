import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateBureauWebhook1764700000470 } from '../migrations/1764700000470-CreateBureauWebhook';
import {
  disableBureauWebhook,
  redeliverCommand,
  registerBureauWebhook,
  rotateBureauWebhookSecret,
  WEBHOOK_OWNERS,
} from './bureau-webhook.commands';
import { deliveryJob, webhookConsumers } from './bureau-webhook.delivery';
import { BureauWebhook, BureauWebhookAttempt, BureauWebhookDelivery, BureauWebhookSecret } from './bureau-webhook.entity';
import { bureauWebhookResolvers } from './bureau-webhook.resolvers';

const delivery = deliveryJob();

/**
 * The housing bureau's webhooks: endpoints with rotating secrets; the service's own publications
 * (RedBlackListPublished, AnnualAssessmentPublished, read from its own outbox) become signed messages
 * delivered by a BullMQ job with exponential backoff, every attempt recorded.
 */
export const bureauWebhookModule = defineModule({
  name: 'bureau-webhook',
  typeDefs: loadSchema(join(__dirname, 'bureau-webhook.graphql')),
  resolvers: bureauWebhookResolvers as ServiceResolvers,
  commands: [registerBureauWebhook, rotateBureauWebhookSecret, disableBureauWebhook, redeliverCommand(delivery)],
  access: {
    'Query.bureauWebhook': WEBHOOK_OWNERS,
    'Query.bureauWebhooks': WEBHOOK_OWNERS,
    BureauWebhook: WEBHOOK_OWNERS,
  },
  entities: [BureauWebhook, BureauWebhookSecret, BureauWebhookDelivery, BureauWebhookAttempt],
  migrations: [CreateBureauWebhook1764700000470],
  jobs: [delivery],
  consumers: webhookConsumers(delivery),
  references: ['REGION'],
});

import type { Resolvers } from '../generated/graphql';
import { listBureauWebhooks, loadAttempts, loadBureauWebhook, loadSecrets, webhookDeliveries } from './bureau-webhook.queries';
import { webhookIdOf } from './bureau-webhook.rules';

export const bureauWebhookResolvers: Resolvers = {
  Query: {
    bureauWebhook: (_, args, context) => loadBureauWebhook(context, args.id),
    bureauWebhooks: (_, args, context) => listBureauWebhooks(context, args.regionCode, { first: args.first, after: args.after }),
  },
  BureauWebhook: {
    __resolveReference: (reference, context) => loadBureauWebhook(context, reference.id!),
    region: (webhook) => ({ code: webhook.regionCode }),
    secrets: (webhook, _, context) => loadSecrets(context, webhook.id),
    deliveries: (webhook, args, context) => webhookDeliveries(context, webhook.id, args.status, { first: args.first, after: args.after }),
  },
  WebhookSecretIssued: {
    id: (issued) => issued.webhook.id,
  },
  WebhookDelivery: {
    webhookId: (delivery) => webhookIdOf(delivery.id),
    attempts: (delivery, _, context) => loadAttempts(context, delivery.id),
  },
};

import {
  AnnualAssessmentPublished,
  appendToOutbox,
  consumeEvent,
  defineJob,
  jobMessage,
  parseEnv,
  RedBlackListPublished,
  tableOf,
  type EventDelivery,
  type JobDefinition,
} from '@gg/shared';
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { decryptSecret } from './bureau-webhook.commands';
import { BureauWebhook, BureauWebhookAttempt, BureauWebhookDelivery, BureauWebhookSecret } from './bureau-webhook.entity';
import {
  attemptOutcomeOf,
  blockedAddressReason,
  signingSecrets,
  WEBHOOK_EVENT_TYPES,
  webhookBody,
  webhookIdOf,
  type TargetPolicy,
  type WebhookEventType,
} from './bureau-webhook.rules';

// ─── Delivery: one BullMQ job per message, retried with exponential backoff ──────

export interface DeliverySettings {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; each further one waits twice as long. */
  backoffMs: number;
  /** How long a receiver may take to answer one attempt. */
  timeoutMs: number;
}

/** Ten attempts from 30 s doubling: the last one about 4 h 15 min after the first, so a receiver may be down for hours. */
export const DELIVERY_SETTINGS: DeliverySettings = { attempts: 10, backoffMs: 30_000, timeoutMs: 10_000 };

type Answer = { status: number } | { error: 'TIMEOUT' | 'NETWORK_ERROR' | 'BLOCKED'; message: string };

// ─── Where a delivery connects (SSRF) ────────────────────────────────────────────

/**
 * Whether a delivery may connect to loopback addresses: `PROPERTY_WEBHOOK_ALLOW_LOOPBACK` (`on`/`off`),
 * `on` by default in development and test (the tests' receiver listens on 127.0.0.1), `off` in
 * production, where `on` is refused at the worker's start-up (worker.ts) and at any delivery. Private,
 * link-local and other non-public addresses are never allowed. Read from the environment once, on the
 * first delivery.
 */
let envPolicy: TargetPolicy | undefined;
export function targetPolicyFromEnv(source: NodeJS.ProcessEnv = process.env): TargetPolicy {
  const env = parseEnv({ PROPERTY_WEBHOOK_ALLOW_LOOPBACK: z.enum(['on', 'off']).optional() }, source);
  const production = env.NODE_ENV === 'production';
  if (production && env.PROPERTY_WEBHOOK_ALLOW_LOOPBACK === 'on')
    throw new Error('PROPERTY_WEBHOOK_ALLOW_LOOPBACK: must not be on in production (webhooks go to public addresses only)');
  return { allowLoopback: (env.PROPERTY_WEBHOOK_ALLOW_LOOPBACK ?? (production ? 'off' : 'on')) === 'on' };
}

/** A connection refused because of where it would go; the attempt is recorded as BLOCKED with this message. */
export class BlockedTarget extends Error {
  override readonly name = 'BlockedTarget';
}

type Resolve = (hostname: string, options: LookupAllOptions, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void;

/**
 * The `lookup` of a delivery's socket: resolves the host name, refuses when any of its addresses is not
 * public (a record may mix a public and a private address), and hands the socket exactly the addresses
 * it checked. The check and the connection use one resolution, so a DNS answer changed between them
 * (DNS rebinding) cannot reach a private address.
 */
export function guardedLookup(policy: TargetPolicy, resolve: Resolve = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const blocked = addresses.map((a) => blockedAddressReason(a.address, policy)).find((reason) => reason !== undefined);
      if (blocked) return callback(new BlockedTarget(`${hostname} resolved: ${blocked}`), '', 0);
      if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '', 0);
      // Node's socket asks for every address (`all`, for happy eyeballs) or for one.
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Why a URL's host, when it is an IP literal, must not be connected to (a socket does no look-up for one). */
function literalProblem(url: string, policy: TargetPolicy): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? blockedAddressReason(host, policy) : undefined;
}

/**
 * POSTs the body to a public address only (see guardedLookup); the request and its socket are
 * destroyed at the deadline, so a hung receiver holds nothing.
 */
function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, policy: TargetPolicy): Promise<Answer> {
  const literal = literalProblem(url, policy);
  if (literal) return Promise.resolve({ error: 'BLOCKED', message: literal });
  return new Promise((resolve) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const outgoing = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy),
        // A fresh socket each time: a pooled one would skip the look-up and its check.
        agent: false,
      },
      (incoming) => {
        incoming.resume(); // the answer's body is not kept: only its status counts
        incoming.on('end', () => {
          clearTimeout(timer);
          resolve({ status: incoming.statusCode ?? 0 });
        });
        incoming.on('error', (error) => resolve({ error: 'NETWORK_ERROR', message: error.message }));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      resolve({ error: 'TIMEOUT', message: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      resolve(
        error instanceof BlockedTarget ? { error: 'BLOCKED', message: error.message } : { error: 'NETWORK_ERROR', message: error.message },
      );
    });
    outgoing.end(body);
  });
}

interface Opened {
  delivery: BureauWebhookDelivery;
  webhook: BureauWebhook;
  secrets: string[];
  attempt: number;
  at: Date;
}

/**
 * Opens an attempt in its own short transaction (the HTTP call holds no lock): numbers it, records it
 * as SENDING with the secrets that sign it. Nothing to do for a delivered message (a retry after a
 * crash between the receiver's 200 and our commit sends at most once more: the receiver drops it by id).
 */
async function openAttempt(dataSource: DataSource, deliveryId: string): Promise<Opened | 'done'> {
  return dataSource.transaction(async (manager) => {
    const delivery = await manager.findOne(BureauWebhookDelivery, { where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
    // Delivered, or given up on: a late retry of the job sends nothing.
    if (!delivery || delivery.status !== 'PENDING') return 'done';
    const webhook = await manager.findOneByOrFail(BureauWebhook, { id: delivery.webhookId });
    if (webhook.disabledAt) {
      await manager.update(BureauWebhookDelivery, { id: delivery.id }, { status: 'FAILED' });
      return 'done';
    }
    const at = new Date();
    const secrets = signingSecrets(await manager.find(BureauWebhookSecret, { where: { webhookId: webhook.id } }), at).map(decryptSecret);
    const attempt = delivery.attemptCount + 1;
    await manager.update(BureauWebhookDelivery, { id: delivery.id }, { attemptCount: attempt });
    await manager.insert(BureauWebhookAttempt, {
      deliveryId: delivery.id,
      attempt,
      attemptedAt: at,
      webhookTimestamp: String(Math.floor(at.getTime() / 1000)),
      signatures: secrets.length,
      outcome: 'SENDING',
    });
    return { delivery, webhook, secrets, attempt, at };
  });
}

/** The Standard Webhooks headers of an attempt: one `v1,…` signature per secret in use, space-separated. */
export function signedHeaders(webhookId: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'grassroots-graph-webhooks/1',
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(webhookId, at, body)).join(' '),
  };
}

/**
 * The delivery job (settings: production's, or a test's shorter ones under the same name; the target
 * policy: the environment's unless given).
 */
export function deliveryJob(settings: DeliverySettings = DELIVERY_SETTINGS, targets?: TargetPolicy): JobDefinition {
  return defineJob({
    name: 'deliverBureauWebhook',
    payload: z.object({ deliveryId: z.string().uuid() }),
    retry: { attempts: settings.attempts, backoffMs: settings.backoffMs },
    async handler({ deliveryId }, context) {
      const policy = targets ?? (envPolicy ??= targetPolicyFromEnv());
      const opened = await openAttempt(context.dataSource, deliveryId);
      if (opened === 'done') return { attempt: null };
      const { delivery, webhook, secrets, attempt, at } = opened;
      const started = Date.now();
      const answer = await post(
        webhook.url,
        signedHeaders(webhookIdOf(delivery.id), at, delivery.body, secrets),
        delivery.body,
        settings.timeoutMs,
        policy,
      );
      const outcome = attemptOutcomeOf(answer);
      const last = context.attempt >= settings.attempts;
      await context.dataSource.transaction(async (manager) => {
        await manager.update(
          BureauWebhookAttempt,
          { deliveryId, attempt },
          {
            outcome,
            statusCode: 'status' in answer ? answer.status : null,
            error: 'error' in answer ? answer.message : outcome === 'HTTP_ERROR' ? `HTTP ${(answer as { status: number }).status}` : null,
            durationMs: Date.now() - started,
          },
        );
        if (outcome === 'DELIVERED')
          await manager.update(BureauWebhookDelivery, { id: deliveryId }, { status: 'DELIVERED', deliveredAt: new Date() });
        else if (last) await manager.update(BureauWebhookDelivery, { id: deliveryId }, { status: 'FAILED' });
      });
      if (outcome !== 'DELIVERED') throw new Error(`Webhook delivery ${deliveryId} attempt ${attempt}: ${outcome}`);
      return { delivered: true, attempt };
    },
  });
}

// ─── The publications that cause messages (the property service's own events) ───

/**
 * One message per active endpoint whose region holds the county, created with its body and its
 * delivery job in the consumer's transaction (the job goes through the outbox, so it is enqueued only
 * if the message was written). The unique (webhook, event) makes a replayed event add nothing.
 */
async function announce(type: WebhookEventType, countyCode: string, data: object, delivery: EventDelivery, job: JobDefinition) {
  const { manager } = delivery;
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO ${tableOf(manager.connection, 'bureau_webhook_delivery')} (region_code, webhook_id, event_type, event_id, body, status)
     SELECT w.region_code, w.id, $1, $2, $3, 'PENDING' FROM ${tableOf(manager.connection, 'bureau_webhook')} w
     WHERE w.disabled_at IS NULL AND $4 LIKE w.region_code || '%'
     ON CONFLICT (webhook_id, event_id) DO NOTHING RETURNING id`,
    [type, delivery.eventId, webhookBody(type, delivery.occurredAt, data), countyCode],
  );
  await appendToOutbox(
    manager,
    rows.map((row) => jobMessage(job, { deliveryId: row.id }, { jobId: row.id })),
  );
}

export function webhookConsumers(job: JobDefinition = deliveryJob()) {
  return [
    consumeEvent(RedBlackListPublished, (payload, delivery) =>
      announce(WEBHOOK_EVENT_TYPES.RedBlackListPublished, payload.countyCode, payload, delivery, job),
    ),
    consumeEvent(AnnualAssessmentPublished, (payload, delivery) =>
      announce(WEBHOOK_EVENT_TYPES.AnnualAssessmentPublished, payload.countyCode, payload, delivery, job),
    ),
  ];
}

import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AttemptOutcome, DeliveryStatus } from './bureau-webhook.rules';

/** An HTTPS endpoint the housing bureau registered for its region (a county or a city): it receives that region's publications. */
@Entity('bureau_webhook')
@Index('bureau_webhook_region_idx', ['regionCode'])
export class BureauWebhook extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'url', type: 'varchar', length: 2000 })
  url: string;

  @Column({ name: 'description', type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ name: 'registered_by', type: 'varchar', length: 200 })
  registeredBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'version', type: 'int', default: 1 })
  version: number;
}

/** A signing secret of an endpoint, encrypted at rest; it signs until `retires_at` (never, while null). */
@Entity('bureau_webhook_secret')
@Index('bureau_webhook_secret_webhook_idx', ['webhookId', 'createdAt'])
export class BureauWebhookSecret {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => BureauWebhook)
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'bureau_webhook_secret_webhook_id_fkey' })
  webhook?: BureauWebhook;

  /** `whsec_…`, AES-256-GCM encrypted with the platform's key. */
  @Column({ name: 'secret_cipher', type: 'text' })
  secretCipher: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retires_at', type: 'timestamptz', nullable: true })
  retiresAt: Date | null;
}

/**
 * One message to one endpoint (one publication): its body is fixed when it is created, its id is the
 * `webhook-id` of every attempt. One per endpoint and outbox event, so a replayed event adds nothing.
 */
@Entity('bureau_webhook_delivery')
@Index('bureau_webhook_delivery_event_key', ['webhookId', 'eventId'], { unique: true })
@Index('bureau_webhook_delivery_webhook_idx', ['webhookId', 'createdAt'])
@Check('bureau_webhook_delivery_status_check', `"status" IN ('PENDING', 'DELIVERED', 'FAILED')`)
export class BureauWebhookDelivery extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => BureauWebhook)
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'bureau_webhook_delivery_webhook_id_fkey' })
  webhook?: BureauWebhook;

  @Column({ name: 'event_type', type: 'varchar', length: 100 })
  eventType: string;

  /** The outbox event (id) that caused the message. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** The exact JSON sent in every attempt. */
  @Column({ name: 'body', type: 'text' })
  body: string;

  @Column({ name: 'status', type: 'varchar', length: 20 })
  status: DeliveryStatus;

  @Column({ name: 'attempt_count', type: 'int', default: 0 })
  attemptCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}

/** One attempt of a delivery: when, with how many signatures, and what the receiver answered (or why not). */
@Entity('bureau_webhook_attempt')
export class BureauWebhookAttempt {
  @PrimaryColumn({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => BureauWebhookDelivery)
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'bureau_webhook_attempt_delivery_id_fkey' })
  delivery?: BureauWebhookDelivery;

  @PrimaryColumn({ name: 'attempt', type: 'int' })
  attempt: number;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt: Date;

  /** The `webhook-timestamp` header sent (seconds since the epoch). */
  @Column({ name: 'webhook_timestamp', type: 'bigint' })
  webhookTimestamp: string;

  @Column({ name: 'signatures', type: 'int' })
  signatures: number;

  @Column({ name: 'outcome', type: 'varchar', length: 20 })
  outcome: AttemptOutcome;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ name: 'error', type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs: number | null;
}

import {
  Column,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { tableOf } from './database';
import type { EventDefinition } from './events';
import type { JobDefinition } from './jobs';
import { containsResidentId } from './personal-data';

/**
 * The transactional outbox (one per service schema). A command that must tell another service
 * something, or start a job, writes a row here in its own transaction; nothing is sent before the
 * transaction commits, and nothing committed is lost if the process dies right after.
 *
 * - kind EVENT: a domain event; consumers in other services read the producer's outbox in position
 *   order (see event-subscriber.ts), so the outbox is the one table of a service that others read.
 * - kind JOB: a job to enqueue on the service's own BullMQ queue; the worker's dispatcher enqueues it
 *   with the row's id as BullMQ job id (a re-dispatch after a crash is deduplicated) and marks it.
 *
 * Rows are appended under a per-service advisory lock held until commit, so positions follow commit
 * order: a reader that has seen position N will never later find a committed row below N.
 */
@Entity('outbox')
@Index('outbox_pending_job_idx', ['kind', 'dispatchedAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  position: string;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'EVENT' | 'JOB';

  /** Event or job name. */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /** The aggregate the event is about, for ordering and tracing (e.g. `Grid`, its id). */
  @Column({ name: 'aggregate_type', type: 'varchar', length: 50, nullable: true })
  aggregateType: string | null;

  @Column({ name: 'aggregate_id', type: 'varchar', length: 64, nullable: true })
  aggregateId: string | null;

  @Column({ type: 'jsonb' })
  payload: object;

  /** For JOB rows: the BullMQ job id (deduplicates per period), else the row id. */
  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId: string | null;

  /** The request that caused it, so logs follow a request into the jobs and consumers it started. */
  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** For JOB rows: when the dispatcher handed it to BullMQ. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}

/** How far a consuming service has read another service's outbox (one row per producer). */
@Entity('event_cursor')
export class EventCursor {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  producer: string;

  @Column({ type: 'bigint', default: 0 })
  position: string;

  /** Failed attempts of the event right after `position` (retried with backoff, then dead-lettered). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** An event a consumer gave up on after its retries: kept, readable, and retried by an operator. */
@Entity('dead_letter_event')
export class DeadLetterEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  producer: string;

  @Column({ type: 'bigint' })
  position: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  payload: object;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'text' })
  error: string;

  @Column({ name: 'failed_at', type: 'timestamptz', default: () => 'now()' })
  failedAt: Date;

  /** Set when an operator's retry succeeded. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}

/** Creates the outbox, the event cursors and the dead letters; part of every service's migrations. */
export class CreateOutbox1764400000000 implements MigrationInterface {
  name = 'CreateOutbox1764400000000';
  async up(runner: QueryRunner): Promise<void> {
    const outbox = tableOf(runner, 'outbox');
    await runner.query(`CREATE TABLE ${outbox} (
      "position" BIGSERIAL PRIMARY KEY,
      "id" uuid NOT NULL,
      "kind" varchar(10) NOT NULL,
      "name" varchar(100) NOT NULL,
      "version" integer NOT NULL DEFAULT 1,
      "aggregate_type" varchar(50),
      "aggregate_id" varchar(64),
      "payload" jsonb NOT NULL,
      "job_id" varchar(200),
      "request_id" varchar(100),
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "dispatched_at" timestamptz,
      CONSTRAINT "UQ_outbox_id" UNIQUE ("id")
    )`);
    await runner.query(`CREATE INDEX "outbox_pending_job_idx" ON ${outbox} ("kind", "dispatched_at")`);
    await runner.query(`CREATE TABLE ${tableOf(runner, 'event_cursor')} (
      "producer" varchar(50) PRIMARY KEY,
      "position" bigint NOT NULL DEFAULT 0,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "last_error" text,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE TABLE ${tableOf(runner, 'dead_letter_event')} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "producer" varchar(50) NOT NULL,
      "position" bigint NOT NULL,
      "event_id" uuid NOT NULL,
      "name" varchar(100) NOT NULL,
      "version" integer NOT NULL,
      "payload" jsonb NOT NULL,
      "attempts" integer NOT NULL,
      "error" text NOT NULL,
      "failed_at" timestamptz NOT NULL DEFAULT now(),
      "resolved_at" timestamptz
    )`);
  }
  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['dead_letter_event', 'event_cursor', 'outbox']) await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
  }
}

/** A message waiting to be written to the outbox when its transaction commits. */
export interface PendingMessage {
  kind: 'EVENT' | 'JOB';
  name: string;
  version: number;
  payload: object;
  aggregateType?: string | null;
  aggregateId?: string | null;
  jobId?: string | null;
}

/** An event as it goes into the outbox: the payload parsed by the event's own schema. */
export function eventMessage<E extends EventDefinition>(
  event: E,
  payload: z.infer<E['payload']>,
  aggregate?: { type: string; id: string },
): PendingMessage {
  const data = event.payload.parse(payload) as object;
  // Every consumer keeps what it receives: a resident ID number must never travel in an event.
  if (containsResidentId(data)) throw new Error(`Event ${event.name}: a payload may not carry a resident ID number`);
  return {
    kind: 'EVENT',
    name: event.name,
    version: event.version,
    payload: data,
    aggregateType: aggregate?.type,
    aggregateId: aggregate?.id,
  };
}

/** A job as it goes into the outbox: enqueued by the worker's dispatcher once the transaction has committed. */
export function jobMessage<S extends z.ZodType>(
  job: JobDefinition<S>,
  payload: z.infer<S>,
  options: { jobId?: string } = {},
): PendingMessage {
  const data = job.payload.parse(payload) as object;
  if (options.jobId?.includes(':')) throw new Error('BullMQ job ids may not contain ":"');
  if (containsResidentId(data) || containsResidentId(options.jobId))
    throw new Error(`Job ${job.name}: a payload may not carry a resident ID number`);
  return { kind: 'JOB', name: job.name, version: 1, payload: data, jobId: options.jobId ?? null };
}

/**
 * Appends messages to the service's outbox inside the caller's transaction. The advisory lock, held
 * until commit, makes positions follow commit order (see the class comment); commands call this as
 * their last statement so the serialised part of a transaction is as short as it can be.
 */
export async function appendToOutbox(manager: EntityManager, messages: readonly PendingMessage[], requestId?: string): Promise<void> {
  if (messages.length === 0) return;
  const outbox = tableOf(manager.connection, 'outbox');
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [outbox]);
  const values: unknown[] = [];
  const rows = messages.map((m, i) => {
    values.push(
      randomUUID(),
      m.kind,
      m.name,
      m.version,
      m.aggregateType ?? null,
      m.aggregateId ?? null,
      JSON.stringify(m.payload),
      m.jobId ?? null,
      requestId ?? null,
    );
    const p = i * 9;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}::jsonb, $${p + 8}, $${p + 9})`;
  });
  await manager.query(
    `INSERT INTO ${outbox} (id, kind, name, version, aggregate_type, aggregate_id, payload, job_id, request_id) VALUES ${rows.join(', ')}`,
    values,
  );
}

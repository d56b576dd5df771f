import type { EntityManager, QueryRunner } from 'typeorm';
import type { z } from 'zod';
import { tableOf } from './database';
import type { EventDefinition } from './events';
import { appendToOutbox, eventMessage } from './outbox';

/**
 * Announcing records that were never announced: a migration's backfill of what existed before the
 * outbox, and demo data loaded on every start. Both skip a record that already has its event.
 */

/** Records of a service that existed before the outbox, to announce with one event each. */
export interface ExistingRecords {
  event: EventDefinition;
  aggregateType: string;
  /** The service's table (unqualified) and the alias the SQL below uses. */
  table: string;
  alias: string;
  /** SQL over the alias: the aggregate's id as text, and the payload as jsonb (ids and codes only). */
  id: string;
  payload: string;
  where?: string;
  /** The order they happened in (parents before children), so consumers apply them in that order. */
  orderBy: string;
}

/**
 * Appends an event for every existing record not yet announced (a migration's backfill, so another
 * service can build its references from this outbox). Idempotent: a record that already has its
 * event is skipped. Under the outbox lock, like every append.
 */
export async function announceExisting(runner: QueryRunner, records: ExistingRecords): Promise<void> {
  const outbox = tableOf(runner, 'outbox');
  const { alias } = records;
  await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [outbox]);
  await runner.query(
    `INSERT INTO ${outbox} (id, kind, name, version, aggregate_type, aggregate_id, payload)
     SELECT gen_random_uuid(), 'EVENT', $1::varchar, $2::int, $3::varchar, ${records.id}, ${records.payload}
     FROM ${tableOf(runner, records.table)} ${alias}
     WHERE ${records.where ?? 'TRUE'}
       AND NOT EXISTS (SELECT 1 FROM ${outbox} o WHERE o.name = $1::varchar AND o.version = $2::int AND o.aggregate_id = ${records.id})
     ORDER BY ${records.orderBy}`,
    [records.event.name, records.event.version, records.aggregateType],
  );
}

/**
 * Appends events for the records of a batch that were never announced (demo data, loaded on every
 * start): each record once, however often the seed runs.
 */
export async function announceOnce<E extends EventDefinition>(
  manager: EntityManager,
  event: E,
  aggregateType: string,
  records: ReadonlyArray<{ id: string; payload: z.infer<E['payload']> }>,
): Promise<void> {
  if (records.length === 0) return;
  const announced = (await manager.query(
    `SELECT aggregate_id FROM ${tableOf(manager.connection, 'outbox')} WHERE name = $1 AND version = $2 AND aggregate_id = ANY($3)`,
    [event.name, event.version, records.map((r) => r.id)],
  )) as Array<{ aggregate_id: string }>;
  const known = new Set(announced.map((row) => row.aggregate_id));
  await appendToOutbox(
    manager,
    records.filter((r) => !known.has(r.id)).map((r) => eventMessage(event, r.payload, { type: aggregateType, id: r.id })),
  );
}

import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { schemaOf, tableOf } from './database';
import { schemaNameOf, type ServiceName } from './env';
import type { EventDefinition } from './events';

/** What a consumer's handler receives besides the payload. */
export interface EventDelivery {
  /** The consumer's own transaction: the handler's writes and the cursor move commit together. */
  manager: EntityManager;
  eventId: string;
  position: string;
  occurredAt: Date;
}

/**
 * A consumer of another service's event. Delivery is at least once (an operator's retry of a dead
 * letter, a rebuild replaying the outbox), so handlers are idempotent: upserts keyed by ids.
 */
export interface EventConsumer<E extends EventDefinition = EventDefinition> {
  event: E;
  handle: (payload: z.infer<E['payload']>, delivery: EventDelivery) => Promise<void>;
}

/**
 * A failure that no retry can mend (the event names a record this service will never have): the event
 * is dead-lettered at once, so it does not hold up the producer's later events through the backoff.
 */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

export function consumeEvent<E extends EventDefinition>(event: E, handle: EventConsumer<E>['handle']): EventConsumer<E> {
  return { event, handle };
}

export interface SubscriberOptions {
  /** How often an idle subscriber looks for new events (ms). New records are usable as references within about this bound. */
  pollMs?: number;
  batchSize?: number;
  /** Attempts of one event before it is dead-lettered and the consumer moves on. */
  maxAttempts?: number;
  /** First retry delay; doubles with each attempt. */
  backoffMs?: number;
}

interface OutboxRow {
  position: string;
  id: string;
  name: string;
  version: number;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Reads other services' outboxes in position order and hands each event to this service's consumers.
 * The cursor moves in the same transaction as the handlers' writes, so a crash anywhere loses nothing
 * and applies nothing twice; the cursor row is locked (SKIP LOCKED), so replicas never process the same
 * event at once. A failing event is retried with exponential backoff (events after it wait, keeping
 * order per producer), then dead-lettered after `maxAttempts` so one bad event cannot stop the rest.
 *
 * All services share one Postgres database (a schema each), so the outbox is read through Postgres:
 * this works the same with or without Redis, in the embedded start as in production.
 */
export class EventSubscriber {
  private readonly byProducer = new Map<ServiceName, Map<string, EventConsumer>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  readonly options: Required<SubscriberOptions>;

  constructor(
    private readonly dataSource: DataSource,
    consumers: readonly EventConsumer[],
    options: SubscriberOptions = {},
  ) {
    this.options = { pollMs: 250, batchSize: 200, maxAttempts: 5, backoffMs: 1000, ...options };
    for (const consumer of consumers) {
      const producer = consumer.event.producer;
      const key = `${consumer.event.name}@${consumer.event.version}`;
      const map = this.byProducer.get(producer) ?? new Map<string, EventConsumer>();
      if (map.has(key)) throw new Error(`Two consumers of ${key} in one service`);
      map.set(key, consumer);
      this.byProducer.set(producer, map);
    }
  }

  get producers(): ServiceName[] {
    return [...this.byProducer.keys()];
  }

  /**
   * Processes what is waiting from every producer once; returns how many events were handled. A cursor
   * held by another replica is skipped, unless `wait` (then this waits for it: a catch-up must not stop
   * early because a dying process still held the lock).
   */
  async drainOnce(now: Date = new Date(), wait = false): Promise<number> {
    let handled = 0;
    for (const producer of this.byProducer.keys()) handled += await this.drainProducer(producer, now, wait);
    return handled;
  }

  /** Processes until nothing is waiting (tests and the embedded start use it to catch up at once). */
  async catchUp(): Promise<void> {
    while ((await this.drainOnce(new Date(), true)) > 0);
  }

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drainOnce().catch((error: unknown) => {
        console.error(`[events:${schemaOf(this.dataSource)}] ${error instanceof Error ? error.message : String(error)}`);
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.options.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async drainProducer(producer: ServiceName, now: Date, wait: boolean): Promise<number> {
    const consumers = this.byProducer.get(producer)!;
    const names = [...new Set([...consumers.values()].map((c) => c.event.name))];
    const cursors = tableOf(this.dataSource, 'event_cursor');
    await this.dataSource.query(`INSERT INTO ${cursors} (producer) VALUES ($1) ON CONFLICT (producer) DO NOTHING`, [producer]);
    return this.dataSource.transaction(async (manager) => {
      const [cursor] = (await manager.query(
        `SELECT position, attempts, next_attempt_at FROM ${cursors} WHERE producer = $1 FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`,
        [producer],
      )) as Array<{ position: string; attempts: number; next_attempt_at: Date | null }>;
      // Another replica holds the cursor, or the event at the head waits for its next attempt.
      if (!cursor || (cursor.next_attempt_at && cursor.next_attempt_at > now)) return 0;
      const rows = (await manager.query(
        `SELECT position, id, name, version, payload, occurred_at FROM "${schemaNameOf(producer)}"."outbox"
         WHERE position > $1 AND kind = 'EVENT' AND name = ANY($2) ORDER BY position LIMIT $3`,
        [cursor.position, names, this.options.batchSize],
      )) as OutboxRow[];
      let position = cursor.position;
      let attempts = cursor.attempts;
      let nextAttemptAt: Date | null = null;
      let lastError: string | null = null;
      let handled = 0;
      for (const row of rows) {
        const consumer = consumers.get(`${row.name}@${row.version}`);
        if (consumer) {
          const failure = await this.handleOne(manager, consumer, row);
          if (failure) {
            const error = failure.message;
            attempts += 1;
            if (!failure.permanent && attempts < this.options.maxAttempts) {
              nextAttemptAt = new Date(now.getTime() + this.options.backoffMs * 2 ** (attempts - 1));
              lastError = error;
              break;
            }
            await manager.query(
              `INSERT INTO ${tableOf(this.dataSource, 'dead_letter_event')} (producer, position, event_id, name, version, payload, attempts, error)
               VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
              [producer, row.position, row.id, row.name, row.version, JSON.stringify(row.payload), attempts, error],
            );
          }
          handled += 1;
        }
        position = row.position;
        attempts = 0;
      }
      await manager.query(
        `UPDATE ${cursors} SET position = $2, attempts = $3, next_attempt_at = $4, last_error = $5, updated_at = now() WHERE producer = $1`,
        [producer, position, attempts, nextAttemptAt, lastError],
      );
      return handled;
    });
  }

  /** Runs one handler under a savepoint: a failure undoes only its own writes. Returns the failure, if any. */
  private async handleOne(
    manager: EntityManager,
    consumer: EventConsumer,
    row: OutboxRow,
  ): Promise<{ message: string; permanent: boolean } | undefined> {
    await manager.query('SAVEPOINT gg_event');
    try {
      const payload = consumer.event.payload.parse(row.payload);
      await consumer.handle(payload, { manager, eventId: row.id, position: row.position, occurredAt: row.occurred_at });
      await manager.query('RELEASE SAVEPOINT gg_event');
      return undefined;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT gg_event');
      return { message: error instanceof Error ? error.message : String(error), permanent: error instanceof PermanentEventError };
    }
  }

  /**
   * Re-runs a dead-lettered event (an operator's retry after the cause was fixed). Marks it resolved
   * when the handler succeeds; a second failure leaves it as it was and answers the error.
   */
  async retryDeadLetter(id: string): Promise<{ resolved: boolean; error?: string }> {
    return this.dataSource.transaction(async (manager) => {
      const [letter] = (await manager.query(
        `SELECT * FROM ${tableOf(this.dataSource, 'dead_letter_event')} WHERE id = $1 AND resolved_at IS NULL FOR UPDATE`,
        [id],
      )) as Array<{
        producer: ServiceName;
        position: string;
        event_id: string;
        name: string;
        version: number;
        payload: unknown;
        failed_at: Date;
      }>;
      if (!letter) return { resolved: false, error: 'No unresolved dead letter with this id' };
      const consumer = this.byProducer.get(letter.producer)?.get(`${letter.name}@${letter.version}`);
      if (!consumer) return { resolved: false, error: `No consumer of ${letter.name} v${letter.version} here` };
      const failure = await this.handleOne(manager, consumer, {
        position: letter.position,
        id: letter.event_id,
        name: letter.name,
        version: letter.version,
        payload: letter.payload,
        occurred_at: letter.failed_at,
      });
      if (failure) return { resolved: false, error: failure.message };
      await manager.query(`UPDATE ${tableOf(this.dataSource, 'dead_letter_event')} SET resolved_at = now() WHERE id = $1`, [id]);
      return { resolved: true };
    });
  }

  /**
   * Replays a producer's whole outbox into this service (a new service, a lost or corrupted reference
   * table): `reset` clears what the events built, then the cursor goes back to the start. Consumers are
   * idempotent, so replaying over existing rows is safe too.
   */
  async rebuildFrom(producer: ServiceName, reset: (manager: EntityManager) => Promise<void>): Promise<void> {
    const cursors = tableOf(this.dataSource, 'event_cursor');
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ${cursors} (producer) VALUES ($1) ON CONFLICT (producer) DO NOTHING`, [producer]);
      await manager.query(`SELECT 1 FROM ${cursors} WHERE producer = $1 FOR UPDATE`, [producer]);
      await reset(manager);
      await manager.query(
        `UPDATE ${cursors} SET position = 0, attempts = 0, next_attempt_at = NULL, last_error = NULL, updated_at = now() WHERE producer = $1`,
        [producer],
      );
    });
    await this.catchUp();
  }

  /** Events waiting for this service, per producer (the lag operators watch). */
  async lag(): Promise<Array<{ producer: ServiceName; waiting: number; oldestWaitingAt: Date | null }>> {
    const result: Array<{ producer: ServiceName; waiting: number; oldestWaitingAt: Date | null }> = [];
    for (const [producer, consumers] of this.byProducer) {
      const names = [...new Set([...consumers.values()].map((c) => c.event.name))];
      const [row] = (await this.dataSource.query(
        `SELECT count(*)::int AS waiting, min(o.occurred_at) AS oldest FROM "${schemaNameOf(producer)}"."outbox" o
         WHERE o.kind = 'EVENT' AND o.name = ANY($2)
           AND o.position > COALESCE((SELECT position FROM ${tableOf(this.dataSource, 'event_cursor')} WHERE producer = $1), 0)`,
        [producer, names],
      )) as Array<{ waiting: number; oldest: Date | null }>;
      result.push({ producer, waiting: row?.waiting ?? 0, oldestWaitingAt: row?.oldest ?? null });
    }
    return result;
  }
}

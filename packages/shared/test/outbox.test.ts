import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { z } from 'zod';
import {
  appendToOutbox,
  bullConnection,
  consumeEvent,
  dataSourceFor,
  defineJob,
  eventMessage,
  EventSubscriber,
  GridCreated,
  GridRetired,
  rebuildReferences,
  referenceConsumers,
  requireReference,
  JobDispatcher,
  PermanentEventError,
  residentIdCheckCharacter,
  runInTransaction,
  type EventConsumer,
} from '../src';
import { TEST_DATABASE_URL, TEST_REDIS_URL, testIdentity } from '../src/testing';
import { volunteerService } from '../../../services/volunteer/src/service';
import { gridService } from '../../../services/grid/src/service';
import { consumerDataSource, pingEvent, prepareConsumer, recordDelivery } from './fixtures/outbox-fixture';

/** The transactional outbox, the event subscriber and the job dispatcher against the real Postgres and Redis. */
describe('outbox and domain events', () => {
  const schema = `test_consumer_${randomUUID().slice(0, 8)}`;
  const producer = dataSourceFor(volunteerService, TEST_DATABASE_URL, 12);
  const consumer = consumerDataSource(TEST_DATABASE_URL, schema);
  const context = () => ({ dataSource: producer, identity: testIdentity(), operationName: undefined });

  const recorder = (event: ReturnType<typeof pingEvent>): EventConsumer =>
    consumeEvent(event, (payload, delivery) => recordDelivery(delivery.manager, schema, delivery.eventId, payload.n));
  const applied = async () =>
    ((await consumer.query(`SELECT event_id, n FROM "${schema}"."applied" ORDER BY seq`)) as Array<{ event_id: string; n: number }>).map(
      (r) => r.n,
    );
  const clear = () =>
    consumer.query(`TRUNCATE "${schema}"."applied"; DELETE FROM "${schema}"."event_cursor"; DELETE FROM "${schema}"."dead_letter_event"`);
  const publish = (event: ReturnType<typeof pingEvent>, n: number) => runInTransaction(context(), async (ctx) => ctx.publish(event, { n }));

  beforeAll(async () => {
    await producer.initialize();
    await consumer.initialize();
    await prepareConsumer(consumer);
  });
  afterAll(async () => {
    await consumer.query(`DROP SCHEMA "${schema}" CASCADE`);
    await consumer.destroy();
    await producer.destroy();
  });
  beforeEach(() => clear());

  it('writes an event only when its transaction commits', async () => {
    const ping = pingEvent(`Ping${randomUUID()}`);
    await expect(
      runInTransaction(context(), async (ctx) => {
        ctx.publish(ping, { n: 1 });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await publish(ping, 2);
    const rows = (await producer.query(`SELECT payload FROM volunteer.outbox WHERE name = $1`, [ping.name])) as Array<{
      payload: { n: number };
    }>;
    expect(rows.map((r) => r.payload.n)).toEqual([2]);
  });

  it('refuses a payload its event does not describe, and any resident ID number', async () => {
    const ping = pingEvent(`Ping${randomUUID()}`);
    await expect(runInTransaction(context(), async (ctx) => ctx.publish(ping, { n: 'x' as unknown as number }))).rejects.toThrow();
    const carrying = pingEvent(`Ping${randomUUID()}`);
    const leaky = { ...carrying, payload: z.object({ n: z.number(), who: z.string() }) };
    const residentId = `52020119900307120${residentIdCheckCharacter('52020119900307120')}`;
    await expect(
      runInTransaction(context(), async (ctx) => ctx.publish(leaky as never, { n: 1, who: `born ${residentId}` } as never)),
    ).rejects.toThrow(/resident ID/);
    expect(await producer.query(`SELECT 1 FROM volunteer.outbox WHERE name IN ($1, $2)`, [ping.name, carrying.name])).toEqual([]);
  });

  it('delivers in commit order, each event once, however transactions interleave', async () => {
    const ping = pingEvent(`Ping${randomUUID()}`);
    const subscriber = new EventSubscriber(consumer, [recorder(ping)], { batchSize: 7 });
    // Slow commits (pg_sleep after the append) racing each other, read while they are still committing.
    const writers = Array.from({ length: 40 }, (_, n) =>
      runInTransaction(context(), async (ctx) => {
        await ctx.manager.query('SELECT pg_sleep($1)', [Math.random() / 50]);
        ctx.publish(ping, { n });
      }),
    );
    const reading = (async () => {
      for (let i = 0; i < 30; i++) await subscriber.drainOnce();
    })();
    await Promise.all([...writers, reading]);
    await subscriber.catchUp();
    const seen = await applied();
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    const positions = (await producer.query(`SELECT payload FROM volunteer.outbox WHERE name = $1 ORDER BY position`, [
      ping.name,
    ])) as Array<{
      payload: { n: number };
    }>;
    expect(seen).toEqual(positions.map((p) => p.payload.n));
  });

  it('loses nothing and applies nothing twice when a consumer process is killed mid-batch', async () => {
    const ping = pingEvent(`Ping${randomUUID()}`);
    await producer.transaction((manager) =>
      appendToOutbox(
        manager,
        Array.from({ length: 120 }, (_, n) => eventMessage(ping, { n })),
      ),
    );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'slow-consumer.ts'), TEST_DATABASE_URL, schema, ping.name],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    // Kill it once it has committed some batches and is inside another. Starting a tsx child takes
    // seconds on a loaded machine, so the wait is long; it ends as soon as the batches are in.
    for (let i = 0; i < 1000 && (await applied()).length < 25; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const before = (await applied()).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(120);
    expect(before % 10).toBe(0); // only whole batches committed: the killed one left nothing behind

    await new EventSubscriber(consumer, [recorder(ping)]).catchUp();
    expect(await applied()).toEqual(Array.from({ length: 120 }, (_, n) => n));
  }, 90_000);

  it('retries a failing event with backoff, keeps later ones waiting, then dead-letters it and moves on', async () => {
    const ping = pingEvent(`Ping${randomUUID()}`);
    let failures = 0;
    const flaky = consumeEvent(ping, async (payload, delivery) => {
      if (payload.n === 1) {
        failures += 1;
        throw new Error('the reference table is locked');
      }
      await recordDelivery(delivery.manager, schema, delivery.eventId, payload.n);
    });
    const subscriber = new EventSubscriber(consumer, [flaky], { maxAttempts: 3, backoffMs: 1000 });
    for (const n of [0, 1, 2]) await publish(ping, n);
    const start = new Date();
    await subscriber.drainOnce(start);
    expect(await applied()).toEqual([0]);
    // Within the backoff nothing is tried; after it, the next attempt.
    await subscriber.drainOnce(new Date(start.getTime() + 500));
    expect(failures).toBe(1);
    await subscriber.drainOnce(new Date(start.getTime() + 1001));
    expect(failures).toBe(2);
    expect(await applied()).toEqual([0]);
    await subscriber.drainOnce(new Date(start.getTime() + 3002));
    expect(failures).toBe(3);
    expect(await applied()).toEqual([0, 2]);
    const letters = (await consumer.query(`SELECT id, name, attempts, error FROM "${schema}"."dead_letter_event"`)) as Array<{
      id: string;
      name: string;
      attempts: number;
      error: string;
    }>;
    expect(letters).toEqual([{ id: expect.any(String), name: ping.name, attempts: 3, error: 'the reference table is locked' }]);

    // The cause fixed, an operator's retry applies it once and marks it resolved.
    const fixed = new EventSubscriber(consumer, [recorder(ping)]);
    expect(await fixed.retryDeadLetter(letters[0]!.id)).toEqual({ resolved: true });
    expect(await fixed.retryDeadLetter(letters[0]!.id)).toEqual({ resolved: false, error: expect.any(String) });
    expect(await applied()).toEqual([0, 2, 1]);
  });

  it('dead-letters at once a failure no retry can mend, so later events are not held up', async () => {
    const ping = pingEvent(`Ping${randomUUID()}`);
    const picky = consumeEvent(ping, async (payload, delivery) => {
      if (payload.n === 1) throw new PermanentEventError('names a record this service never had');
      await recordDelivery(delivery.manager, schema, delivery.eventId, payload.n);
    });
    for (const n of [0, 1, 2]) await publish(ping, n);
    await new EventSubscriber(consumer, [picky], { maxAttempts: 5, backoffMs: 60000 }).drainOnce();
    expect(await applied()).toEqual([0, 2]);
    expect(await consumer.query(`SELECT name, attempts FROM "${schema}"."dead_letter_event"`)).toEqual([{ name: ping.name, attempts: 1 }]);
  });

  it('rebuilds references by replaying the owner outbox, and a replay never overwrites a newer event', async () => {
    const grid = randomUUID();
    const regionCode = `5202${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const gridOutbox = dataSourceFor(gridService, TEST_DATABASE_URL, 2);
    await gridOutbox.initialize();
    try {
      await gridOutbox.transaction((m) => appendToOutbox(m, [eventMessage(GridCreated, { id: grid, regionCode })]));
      await gridOutbox.transaction((m) => appendToOutbox(m, [eventMessage(GridRetired, { id: grid, regionCode, successorIds: [] })]));
      const subscriber = new EventSubscriber(consumer, referenceConsumers(['GRID']));
      await subscriber.catchUp();
      await expect(requireReference(consumer, 'GRID', grid, { field: 'input.gridId' })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.gridId' },
      });
      expect((await requireReference(consumer, 'GRID', grid, { field: 'input.gridId', allowRetired: true })).status).toBe('RETIRED');

      await consumer.query(`DELETE FROM "${schema}"."reference" WHERE kind = 'GRID'`);
      await rebuildReferences(subscriber, 'grid');
      expect((await requireReference(consumer, 'GRID', grid, { field: 'g', allowRetired: true })).status).toBe('RETIRED');
    } finally {
      await gridOutbox.destroy();
    }
  });

  it('enqueues a job only after its transaction commits, once even when dispatched twice', async () => {
    const name = `echo-${randomUUID().slice(0, 8)}`;
    const echo = defineJob({ name, payload: z.object({ recordId: z.string() }), handler: async () => undefined });
    const queue = new Queue(`gg-test-${randomUUID().slice(0, 8)}`, { connection: bullConnection(TEST_REDIS_URL) });
    try {
      await expect(
        runInTransaction(context(), async (ctx) => {
          ctx.enqueue(echo, { recordId: 'rolled-back' });
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await runInTransaction(context(), async (ctx) => ctx.enqueue(echo, { recordId: 'kept' }, { jobId: `${name}-2026` }));
      const dispatcher = new JobDispatcher(producer, queue);
      // Other tests' jobs may wait in the same outbox: dispatch until ours is out.
      while ((await dispatcher.dispatchOnce()) > 0);
      // A dispatcher that died after enqueueing and before marking: the row is pending again.
      await producer.query(`UPDATE volunteer.outbox SET dispatched_at = NULL WHERE name = $1`, [name]);
      while ((await dispatcher.dispatchOnce()) > 0);
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
      expect(jobs.map((j) => [j.name, j.id, (j.data as { recordId: string }).recordId])).toEqual([[name, `${name}-2026`, 'kept']]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

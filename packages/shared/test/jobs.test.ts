import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { z } from 'zod';
import { bullConnection, dataSourceFor, defineJob, JobQueue, JobRun, queueNameOf, startJobWorker } from '../src';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../src/testing';
import { organisationService } from '../../../services/organisation/src/service';

/** Job runs recorded in a real service schema, against the real Redis. */
describe('jobs helper', () => {
  const dataSource = dataSourceFor(organisationService, TEST_DATABASE_URL, 3);
  const service = `test-${randomUUID().slice(0, 8)}`;
  const connection = bullConnection(TEST_REDIS_URL);
  const handled: string[] = [];

  const echo = defineJob({
    name: 'echo',
    payload: z.object({ recordId: z.string(), period: z.string() }),
    periodOf: (p) => p.period,
    handler: async (payload) => {
      handled.push(payload.recordId);
      return { echoed: payload.recordId };
    },
  });
  const failing = defineJob({
    name: 'always-fails',
    payload: z.object({ recordId: z.string() }),
    handler: async () => {
      throw new Error('the ledger is locked');
    },
  });

  let worker: Awaited<ReturnType<typeof startJobWorker>>;
  let producer: JobQueue;
  let events: QueueEvents;

  beforeAll(async () => {
    await dataSource.initialize();
    const schedule = {
      id: 'nightly-echo',
      job: echo,
      pattern: '0 2 * * *',
      tz: 'Asia/Shanghai',
      payload: { recordId: 'scheduled', period: 'daily' },
    };
    worker = await startJobWorker({ service, dataSource, connection, jobs: [echo, failing], schedules: [schedule] });
    // A second start-up upserts the same scheduler again: still one.
    const again = await startJobWorker({ service, dataSource, connection, jobs: [echo], schedules: [schedule] });
    await again.close();
    producer = new JobQueue(service, connection);
    events = new QueueEvents(queueNameOf(service), { connection });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await producer.queue.obliterate({ force: true });
    await events.close();
    await producer.close();
    await worker.close();
    await dataSource.destroy();
  });

  it('runs a job and records the run with its period and result', async () => {
    const recordId = randomUUID();
    const job = await producer.enqueue(echo, { recordId, period: '2026Q4' });
    await job.waitUntilFinished(events, 10_000);
    expect(handled).toContain(recordId);
    const run = await dataSource.getRepository(JobRun).findOneByOrFail({ queue: producer.queue.name, jobId: job.id! });
    expect(run).toMatchObject({
      queue: queueNameOf(service),
      jobName: 'echo',
      period: '2026Q4',
      status: 'SUCCEEDED',
      result: { echoed: recordId },
    });
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
  });

  it('records a failure with its error', async () => {
    const job = await producer.queue.add('always-fails', { recordId: 'x' }, { attempts: 1 });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow('the ledger is locked');
    const run = await dataSource.getRepository(JobRun).findOneByOrFail({ queue: producer.queue.name, jobId: job.id! });
    expect(run).toMatchObject({ status: 'FAILED', error: 'the ledger is locked' });
  });

  it('refuses a payload that does not match the job schema before enqueueing', async () => {
    await expect(producer.enqueue(echo, { recordId: 42 } as unknown as { recordId: string; period: string })).rejects.toThrow();
    await expect(producer.enqueue(echo, { recordId: 'a', period: 'p' }, { jobId: 'has:colon' })).rejects.toThrow('":"');
  });

  it('dedupes by job id (idempotency per period)', async () => {
    const first = await producer.enqueue(echo, { recordId: 'dedupe', period: '2026' }, { jobId: `${service}-2026` });
    const second = await producer.enqueue(echo, { recordId: 'dedupe', period: '2026' }, { jobId: `${service}-2026` });
    expect(second.id).toBe(first.id);
    await first.waitUntilFinished(events, 10_000);
  });

  it('keeps one scheduler however often it is upserted', async () => {
    const schedulers = await producer.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(['nightly-echo']);
  });
});

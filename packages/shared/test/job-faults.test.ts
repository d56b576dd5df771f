import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import {
  bullConnection,
  dataSourceFor,
  healthOf,
  defineJob,
  JobQueue,
  JobRun,
  JOB_STALL_SETTINGS,
  queueNameOf,
  redisOptions,
  startJobWorker,
} from '../src';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../src/testing';
import { organisationService } from '../../../services/organisation/src/service';

async function until<T>(check: () => Promise<T | undefined | false>, what: string, attempts = 400): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Faults of the job machinery against the real Redis and Postgres: a killed worker, a failing schedule, an emptied Redis. */
describe('job faults', () => {
  const dataSource = dataSourceFor(organisationService, TEST_DATABASE_URL, 3);
  const connection = bullConnection(TEST_REDIS_URL);
  const runsOf = (queue: string, jobId: string) =>
    dataSource.getRepository(JobRun).find({ where: { queue, jobId }, order: { attempt: 'ASC' } });

  /** Drops a test queue from Redis and closes the connection used for it. */
  const removeQueue = async (name: string) => {
    const queue = new Queue(name, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  };

  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());

  it('detects a stall well before a minute', () => {
    expect(JOB_STALL_SETTINGS.lockDuration + JOB_STALL_SETTINGS.stalledInterval).toBeLessThanOrEqual(20_000);
  });

  it('closes the attempt of a killed worker as ABANDONED and numbers the re-run as attempt 2', async () => {
    const service = `test-${randomUUID().slice(0, 8)}`;
    const queueName = queueNameOf(service);
    let calls = 0;
    const hangsOnce = defineJob({
      name: 'hangs-once',
      payload: z.object({ recordId: z.string() }),
      handler: async (_payload, context) => {
        calls += 1;
        // The first attempt never finishes: its worker is "killed" under it.
        if (calls === 1) await new Promise(() => undefined);
        return { attempt: context.attempt };
      },
    });
    const first = await startJobWorker({ service, dataSource, connection, jobs: [hangsOnce] });
    const producer = new JobQueue(service, connection);
    try {
      const job = await producer.enqueue(hangsOnce, { recordId: 'r1' });
      await until(async () => (await runsOf(queueName, job.id!)).length === 1, 'the first attempt to start');
      // A kill: no lock renewal, no connection, nothing finished.
      await first.worker.close(true);
      const second = await startJobWorker({ service, dataSource, connection, jobs: [hangsOnce] });
      try {
        const runs = await until(async () => {
          const rows = await runsOf(queueName, job.id!);
          return rows.some((r) => r.status === 'SUCCEEDED') && rows;
        }, 'the job to run again after the stall');
        expect(runs.map((r) => [r.attempt, r.status])).toEqual([
          [1, 'ABANDONED'],
          [2, 'SUCCEEDED'],
        ]);
        expect(runs[0]!.finishedAt).not.toBeNull();
        expect(runs[1]!.result).toEqual({ attempt: 2 });
      } finally {
        await second.close();
      }
    } finally {
      await producer.queue.obliterate({ force: true });
      await producer.close();
    }
  }, 60_000);

  it('closes orphaned attempts when a worker starts', async () => {
    const service = `test-${randomUUID().slice(0, 8)}`;
    const queueName = queueNameOf(service);
    const orphan = await dataSource
      .getRepository(JobRun)
      .save({ queue: queueName, jobName: 'gone', jobId: 'no-such-job', attempt: 1, status: 'RUNNING' as const });
    const worker = await startJobWorker({ service, dataSource, connection, jobs: [] });
    try {
      expect(await dataSource.getRepository(JobRun).findOneByOrFail({ id: orphan.id })).toMatchObject({ status: 'ABANDONED' });
    } finally {
      await worker.close();
      await removeQueue(queueName);
    }
  });

  it('retries a scheduled job with backoff, like a requested one', async () => {
    const service = `test-${randomUUID().slice(0, 8)}`;
    const queueName = queueNameOf(service);
    let calls = 0;
    const flaky = defineJob({
      name: 'flaky-report',
      payload: z.object({ year: z.number() }),
      handler: async () => {
        calls += 1;
        if (calls < 3) throw new Error('the archive is busy');
        return { done: true };
      },
    });
    const worker = await startJobWorker({
      service,
      dataSource,
      connection,
      jobs: [flaky],
      schedules: [{ id: 'flaky-yearly', job: flaky, every: 3_600_000, payload: { year: 2025 } }],
    });
    try {
      const runs = await until(async () => {
        const rows = await dataSource.getRepository(JobRun).find({ where: { queue: queueName }, order: { attempt: 'ASC' } });
        return rows.some((r) => r.status === 'SUCCEEDED') && rows;
      }, 'the scheduled job to succeed on its third attempt');
      expect(runs.map((r) => [r.attempt, r.status])).toEqual([
        [1, 'FAILED'],
        [2, 'FAILED'],
        [3, 'SUCCEEDED'],
      ]);
    } finally {
      await worker.close();
      await removeQueue(queueName);
    }
  }, 60_000);

  it('puts its schedulers back after Redis lost them', async () => {
    const service = `test-${randomUUID().slice(0, 8)}`;
    const queueName = queueNameOf(service);
    const noop = defineJob({ name: 'nightly', payload: z.object({}), handler: async () => null });
    const worker = await startJobWorker({
      service,
      dataSource,
      connection,
      jobs: [noop],
      schedules: [{ id: 'nightly-noop', job: noop, pattern: '0 2 * * *', tz: 'Asia/Shanghai', payload: {} }],
      schedulerCheckMs: 200,
    });
    // Redis emptied under the worker. The keys of this test's own queue only: other test files
    // share the test Redis database, and their queues must survive.
    const redis = new Redis(redisOptions(TEST_REDIS_URL));
    try {
      expect(await worker.queue.getJobScheduler('nightly-noop')).toBeTruthy();
      // /health names a scheduler that is not in Redis.
      const health = await healthOf(dataSource, TEST_REDIS_URL, { queue: () => worker.queue, ids: ['nightly-noop', 'never-upserted'] });
      expect(health).toMatchObject({ status: 'degraded', missingSchedulers: ['never-upserted'] });
      const keys = await redis.keys(`bull:${queueName}:*`);
      await redis.del(...keys);
      expect(await worker.queue.getJobScheduler('nightly-noop')).toBeFalsy();
      await until(async () => Boolean(await worker.queue.getJobScheduler('nightly-noop')), 'the scheduler to be re-created');
    } finally {
      redis.disconnect();
      await worker.close();
      await removeQueue(queueName);
    }
  });
});

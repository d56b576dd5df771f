import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Column, DataSource, Entity, Index, MoreThanOrEqual, PrimaryGeneratedColumn } from 'typeorm';
import { z } from 'zod';
import { containsResidentId } from './personal-data';
import { currentRequestScope, log, runInRequestScope } from './observability/logger';

export type JobRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABANDONED';

/** A recorded run of a job: what front-ends and operators see of scheduled work. */
@Entity('job_run')
@Index('job_run_job_started_idx', ['jobName', 'startedAt'])
export class JobRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  queue: string;

  @Column({ name: 'job_name', type: 'varchar', length: 100 })
  jobName: string;

  @Column({ name: 'job_id', type: 'varchar', length: 200 })
  jobId: string;

  /** The period the run is for (`2026`, `2026Q1`, `2026H1`), when the job is periodic. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  period: string | null;

  @Column({ type: 'integer', default: 1 })
  attempt: number;

  /** ABANDONED: the worker running the attempt died (a stall); the job ran again as a later attempt. */
  @Column({ type: 'varchar', length: 20 })
  status: JobRunStatus;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

export interface JobContext {
  dataSource: DataSource;
  jobId: string;
  attempt: number;
}

/**
 * A job: a name, the schema of its payload (ids only: payloads are stored in clear text in Redis)
 * and a handler. Producer and consumer share the definition, so a payload is parsed on both sides.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  /** The period a payload is for, recorded with the run (e.g. the year of a yearly report). */
  periodOf?: (payload: z.infer<S>) => string;
  /** Attempts and first backoff delay (doubling) when the defaults (JOB_OPTIONS) do not fit, e.g. webhook deliveries. */
  retry?: { attempts: number; backoffMs: number };
  handler: (payload: z.infer<S>, context: JobContext) => Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** A schedule upserted once at worker start-up: a cron pattern (with time zone) or an interval. */
export interface ScheduleDefinition {
  id: string;
  job: JobDefinition;
  pattern?: string;
  every?: number;
  tz?: string;
  payload: unknown;
}

/** Retries and retention of every enqueued job: three attempts with exponential backoff. */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/** The BullMQ options of a job: JOB_OPTIONS with the job's own retry, if it declares one. */
export function jobOptionsOf(job: Pick<JobDefinition, 'retry'> | undefined) {
  if (!job?.retry) return JOB_OPTIONS;
  return { ...JOB_OPTIONS, attempts: job.retry.attempts, backoff: { type: 'exponential', delay: job.retry.backoffMs } } as const;
}

/**
 * How a worker that dies mid-job (killed, out of memory, a lost network) is noticed. A running job's
 * lock lives `lockDuration` and is renewed every half of it; once it lapses, the next stall check
 * (every `stalledInterval`) puts the job back in the queue. So a killed attempt resumes within
 * about lockDuration + stalledInterval (15 s here, instead of BullMQ's default 30 s + 30 s). A handler
 * that blocks the event loop longer than `lockDuration` would be taken for stalled: handlers do I/O in
 * small statements. `maxStalledCount`: a job whose worker dies twice in a row fails for good
 * (visible to operators) instead of looping.
 */
export const JOB_STALL_SETTINGS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 } as const;

export function queueNameOf(service: string): string {
  return `gg-${service}`;
}

/** Producer side: enqueues a job after parsing its payload; `jobId` dedupes per period. */
export class JobQueue {
  readonly queue: Queue;
  constructor(service: string, connection: ConnectionOptions) {
    this.queue = new Queue(queueNameOf(service), { connection });
  }
  async enqueue<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, options: { jobId?: string } = {}) {
    const data = job.payload.parse(payload);
    if (options.jobId?.includes(':')) throw new Error('BullMQ job ids may not contain ":"');
    // Payloads are stored in clear text in Redis: they carry ids, never personal identifiers.
    if (containsResidentId(data) || containsResidentId(options.jobId))
      throw new Error(`Job ${job.name}: a payload may not carry a resident ID number`);
    // The request that started the job (a random id, nothing personal) is carried to the worker's logs.
    const requestId = currentRequestScope()?.requestId;
    const withRequest = requestId && typeof data === 'object' && data !== null ? { ...data, requestId } : data;
    return this.queue.add(job.name, withRequest, { ...jobOptionsOf(job), jobId: options.jobId });
  }
  close() {
    return this.queue.close();
  }
}

export interface JobWorkerOptions {
  service: string;
  dataSource: DataSource;
  connection: ConnectionOptions;
  jobs: JobDefinition[];
  schedules?: ScheduleDefinition[];
  concurrency?: number;
  /** How often the worker checks that its schedulers still exist in Redis (a flush or an empty failover drops them). */
  schedulerCheckMs?: number;
}

/** The schedules a worker upserts; scheduled jobs retry like requested ones (JOB_OPTIONS). */
export async function upsertSchedulers(queue: Queue, schedules: readonly ScheduleDefinition[]): Promise<void> {
  for (const schedule of schedules) {
    await queue.upsertJobScheduler(
      schedule.id,
      schedule.pattern ? { pattern: schedule.pattern, tz: schedule.tz } : { every: schedule.every },
      { name: schedule.job.name, data: schedule.job.payload.parse(schedule.payload), opts: jobOptionsOf(schedule.job) },
    );
  }
}

/** Ids of the schedulers missing from Redis (for /health): each should have been upserted by the worker. */
export async function missingSchedulers(queue: Queue, ids: readonly string[]): Promise<string[]> {
  const present = await Promise.all(ids.map(async (id) => ((await queue.getJobScheduler(id)) ? null : id)));
  return present.filter((id): id is string => id !== null);
}

/**
 * Closes attempts whose worker died: a RUNNING row of this queue whose job holds no lock is not
 * being run by anyone (a running attempt renews its lock), so it is marked ABANDONED.
 */
async function closeOrphanedRuns(dataSource: DataSource, queue: Queue): Promise<number> {
  const runs = dataSource.getRepository(JobRun);
  const running = await runs.find({ where: { queue: queue.name, status: 'RUNNING' } });
  if (running.length === 0) return 0;
  const backend = queue.getBackend();
  const client = await backend.connection.client;
  let closed = 0;
  for (const run of running) {
    const locked = await client.get(backend.toKey(`${run.jobId}:lock`));
    if (locked) continue;
    const result = await runs.update(
      { id: run.id, status: 'RUNNING' },
      { status: 'ABANDONED', finishedAt: new Date(), error: ABANDONED_REASON },
    );
    closed += result.affected ?? 0;
  }
  return closed;
}

const ABANDONED_REASON = 'The worker stopped during this attempt (killed or stalled); the job was run again';

/**
 * Consumer side: one BullMQ worker per service. Each attempt is recorded in `job_run` (queue, job,
 * period, status, times, result or error). Delivery is at least once, so handlers are idempotent.
 */
export async function startJobWorker(options: JobWorkerOptions) {
  const queueName = queueNameOf(options.service);
  const byName = new Map(options.jobs.map((j) => [j.name, j]));
  const runs = options.dataSource.getRepository(JobRun);

  const queue = new Queue(queueName, { connection: options.connection });
  const logger = log(`${options.service}-worker`);
  const schedules = options.schedules ?? [];
  await upsertSchedulers(queue, schedules);
  const abandoned = await closeOrphanedRuns(options.dataSource, queue);
  if (abandoned) logger.warn({ queue: queueName, abandoned }, 'closed attempts of a worker that died');

  // Redis restarted empty (a failover, a flush) drops every scheduler: put them back when the
  // connection comes back, and check now and then, since a flush does not even drop the connection.
  const ensureSchedulers = async () => {
    const missing = await missingSchedulers(
      queue,
      schedules.map((s) => s.id),
    );
    if (missing.length === 0) return;
    await upsertSchedulers(
      queue,
      schedules.filter((s) => missing.includes(s.id)),
    );
    logger.warn({ queue: queueName, schedulers: missing }, 're-created job schedulers missing from Redis');
  };
  const recheck = () => void ensureSchedulers().catch((error: unknown) => logger.error({ err: String(error) }, 'scheduler check failed'));
  (await queue.getBackend().connection.client).on('ready', recheck);
  const schedulerTimer = schedules.length ? setInterval(recheck, options.schedulerCheckMs ?? 60_000) : undefined;
  schedulerTimer?.unref();

  /** Opens this attempt's row: closes an earlier attempt left RUNNING by a dead worker, numbers this one from the rows. */
  const openRun = (job: Job, period: string | null) =>
    options.dataSource.transaction(async (manager) => {
      const rows = manager.getRepository(JobRun);
      const jobId = job.id ?? 'unknown';
      // One attempt of a job runs at a time (BullMQ's lock), so a RUNNING row of the same job is orphaned.
      await rows.update(
        { queue: queueName, jobId, status: 'RUNNING' },
        { status: 'ABANDONED', finishedAt: new Date(), error: ABANDONED_REASON },
      );
      // A stall does not raise attemptsMade: attempts are counted from what was recorded for this job.
      const earlier = await rows.count({ where: { queue: queueName, jobId, startedAt: MoreThanOrEqual(new Date(job.timestamp)) } });
      const attempt = Math.max(earlier, job.attemptsMade) + 1;
      const run = await rows.save(rows.create({ queue: queueName, jobName: job.name, jobId, period, attempt, status: 'RUNNING' }));
      return run;
    });

  const worker = new Worker(
    queueName,
    async (job: Job) => {
      const requestId = typeof job.data?.requestId === 'string' ? (job.data.requestId as string) : `job-${job.id ?? 'unknown'}`;
      return runInRequestScope({ requestId }, async () => {
        const definition = byName.get(job.name);
        if (!definition) throw new Error(`No handler for job ${job.name}`);
        const payload = definition.payload.parse(job.data);
        const run = await openRun(job, definition.periodOf ? definition.periodOf(payload) : null);
        const fields = { queue: queueName, jobName: job.name, jobId: job.id, attempt: run.attempt };
        logger.info(fields, 'job started');
        try {
          const result = await definition.handler(payload, {
            dataSource: options.dataSource,
            jobId: job.id ?? 'unknown',
            attempt: run.attempt,
          });
          // Only a row still RUNNING is closed: an attempt taken for dead and re-run keeps ABANDONED.
          await runs.update(
            { id: run.id, status: 'RUNNING' },
            { status: 'SUCCEEDED', finishedAt: new Date(), result: (result ?? null) as object },
          );
          logger.info(fields, 'job succeeded');
          return result;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await runs.update({ id: run.id, status: 'RUNNING' }, { status: 'FAILED', finishedAt: new Date(), error: message });
          const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          // A final failure stays in the queue's failed set: operators see it and may retry it.
          logger[final ? 'error' : 'warn'](
            { ...fields, final, error: message },
            final ? 'job failed for good' : 'job attempt failed, will retry',
          );
          throw error;
        }
      });
    },
    { connection: options.connection, concurrency: options.concurrency ?? 2, ...JOB_STALL_SETTINGS },
  );
  worker.on('error', (error) => logger.error({ err: error.message }, 'worker error'));

  return {
    worker,
    queue,
    /** Waits for the running jobs, then closes (SIGTERM). */
    async close() {
      if (schedulerTimer) clearInterval(schedulerTimer);
      await worker.close();
      await queue.close();
    },
  };
}

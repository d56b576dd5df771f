import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Column, DataSource, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { z } from 'zod';
import { containsResidentId } from './personal-data';

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

  @Column({ type: 'varchar', length: 20 })
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';

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
    return this.queue.add(job.name, data, { ...JOB_OPTIONS, jobId: options.jobId });
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
}

/**
 * Consumer side: one BullMQ worker per service. Each attempt is recorded in `job_run` (queue, job,
 * period, status, times, result or error). Delivery is at least once, so handlers are idempotent.
 */
export async function startJobWorker(options: JobWorkerOptions) {
  const queueName = queueNameOf(options.service);
  const byName = new Map(options.jobs.map((j) => [j.name, j]));
  const runs = options.dataSource.getRepository(JobRun);

  const queue = new Queue(queueName, { connection: options.connection });
  for (const schedule of options.schedules ?? []) {
    await queue.upsertJobScheduler(
      schedule.id,
      schedule.pattern ? { pattern: schedule.pattern, tz: schedule.tz } : { every: schedule.every },
      { name: schedule.job.name, data: schedule.job.payload.parse(schedule.payload) },
    );
  }

  const worker = new Worker(
    queueName,
    async (job: Job) => {
      const definition = byName.get(job.name);
      if (!definition) throw new Error(`No handler for job ${job.name}`);
      const payload = definition.payload.parse(job.data);
      const run = await runs.save(
        runs.create({
          queue: queueName,
          jobName: job.name,
          jobId: job.id ?? 'unknown',
          period: definition.periodOf ? definition.periodOf(payload) : null,
          attempt: job.attemptsMade + 1,
          status: 'RUNNING',
        }),
      );
      try {
        const result = await definition.handler(payload, {
          dataSource: options.dataSource,
          jobId: job.id ?? 'unknown',
          attempt: job.attemptsMade + 1,
        });
        await runs.update(run.id, { status: 'SUCCEEDED', finishedAt: new Date(), result: (result ?? null) as object });
        return result;
      } catch (error) {
        await runs.update(run.id, {
          status: 'FAILED',
          finishedAt: new Date(),
          error: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
    },
    { connection: options.connection, concurrency: options.concurrency ?? 2 },
  );
  worker.on('error', (error) => console.error(`[jobs:${options.service}] ${error.message}`));

  return {
    worker,
    queue,
    /** Waits for the running jobs, then closes (SIGTERM). */
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

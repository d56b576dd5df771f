import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { tableOf } from './database';
import { jobOptionsOf, type JobDefinition } from './jobs';

/**
 * Hands the jobs that commands wrote to the outbox to BullMQ, once their transactions have committed.
 * A job is never enqueued for a write that rolled back, and never lost when a process dies between
 * commit and enqueue: the row waits here until a dispatcher marks it. If the dispatcher dies after
 * enqueueing and before marking, the next pass enqueues again under the same BullMQ job id, which
 * BullMQ deduplicates (and handlers are idempotent anyway: delivery is at least once).
 */
export class JobDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: Queue,
    private readonly pollMs = 250,
    /** The service's jobs, for the retry a job declares (JOB_OPTIONS otherwise). */
    private readonly jobs: readonly JobDefinition[] = [],
  ) {}

  /** Enqueues what is waiting; returns how many jobs were handed over. */
  async dispatchOnce(batchSize = 100): Promise<number> {
    const outbox = tableOf(this.dataSource, 'outbox');
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT position, id, name, payload, job_id, request_id FROM ${outbox}
         WHERE kind = 'JOB' AND dispatched_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      )) as Array<{ position: string; id: string; name: string; payload: object; job_id: string | null; request_id: string | null }>;
      for (const row of rows) {
        await this.queue.add(row.name, row.request_id ? { ...row.payload, requestId: row.request_id } : row.payload, {
          ...jobOptionsOf(this.jobs.find((j) => j.name === row.name)),
          jobId: row.job_id ?? row.id,
        });
      }
      if (rows.length) {
        await manager.query(`UPDATE ${outbox} SET dispatched_at = now() WHERE position = ANY($1)`, [rows.map((r) => r.position)]);
      }
      return rows.length;
    });
  }

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.dispatchOnce().catch((error: unknown) => {
        console.error(`[jobs] dispatch failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

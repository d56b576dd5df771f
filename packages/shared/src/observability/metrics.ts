import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { JobRun } from '../jobs';

/**
 * Prometheus metrics of one component (the gateway or a subgraph). One registry each, because the
 * embedded start and the tests run every component in one process; each serves its own `/metrics`.
 */
export interface ComponentMetrics {
  registry: Registry;
  /** GraphQL requests by operation name and outcome (`ok` or the first error code). */
  requests: Counter<'operation' | 'outcome'>;
  /** Request latency in seconds, by operation name. */
  requestDuration: Histogram<'operation'>;
  /** Gateway only: latency of each subgraph fetch, by subgraph and outcome. */
  subgraphFetchDuration: Histogram<'subgraph' | 'outcome'>;
}

const components = new Map<string, ComponentMetrics>();

/** The metrics of a component, made once per process. */
export function metricsOf(component: string): ComponentMetrics {
  let metrics = components.get(component);
  if (metrics) return metrics;
  const registry = new Registry();
  registry.setDefaultLabels({ service: component });
  if (components.size === 0) collectDefaultMetrics({ register: registry, prefix: 'gg_process_' });
  metrics = {
    registry,
    requests: new Counter({
      name: 'gg_graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, or the first error code).',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'gg_graphql_request_duration_seconds',
      help: 'GraphQL request latency in seconds, by operation name.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    subgraphFetchDuration: new Histogram({
      name: 'gg_subgraph_fetch_duration_seconds',
      help: 'Latency of the gateway fetches to each subgraph, by subgraph and outcome (ok, error, timeout, unavailable).',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
  components.set(component, metrics);
  return metrics;
}

/**
 * An operation name as a label: clients choose names, so anything odd or long is folded into one
 * value to keep the number of series bounded.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  // The gateway names its subgraph fetches `<client's name>__<subgraph>__<n>`: counted under the client's name.
  const clientName = name.replace(/__[a-z_-]+__\d+$/, '');
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(clientName) ? clientName : 'invalid_name';
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Connections of the service's Postgres pool: in use, idle, and requests waiting for one. */
export function registerDatabasePoolGauge(component: string, dataSource: DataSource): void {
  const { registry } = metricsOf(component);
  if (registry.getSingleMetric('gg_database_pool_connections')) registry.removeSingleMetric('gg_database_pool_connections');
  new Gauge({
    name: 'gg_database_pool_connections',
    help: 'Postgres pool connections by state (in_use, idle, waiting requests).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      // TypeORM's Postgres driver keeps its pg Pool as `master`.
      const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
      if (!pool) return;
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}

/**
 * Job runs of the last day by queue and status, read from the service's `job_run` table when
 * scraped: the same figures whether the worker runs in this process or in its own container.
 */
export function registerJobRunGauge(component: string, dataSource: DataSource): void {
  const { registry } = metricsOf(component);
  if (registry.getSingleMetric('gg_job_runs_last_day')) registry.removeSingleMetric('gg_job_runs_last_day');
  new Gauge({
    name: 'gg_job_runs_last_day',
    help: 'Job runs (attempts) started in the last 24 hours, by queue and status (RUNNING, SUCCEEDED, FAILED, ABANDONED).',
    labelNames: ['queue', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows: Array<{ queue: string; status: string; runs: string }> = await dataSource
        .getRepository(JobRun)
        .createQueryBuilder('run')
        .select('run.queue', 'queue')
        .addSelect('run.status', 'status')
        .addSelect('count(*)', 'runs')
        .where(`run.startedAt > now() - interval '1 day'`)
        .groupBy('run.queue')
        .addGroupBy('run.status')
        .getRawMany<{ queue: string; status: string; runs: string }>()
        .catch(() => []);
      for (const row of rows) this.set({ queue: row.queue, status: row.status }, Number(row.runs));
    },
  });
}

/**
 * Outbox lag of a service (seconds the oldest undelivered event has waited, or whatever `collect`
 * measures), read when scraped. Left for the outbox to wire up: `registerOutboxLagGauge('grid', () => …)`.
 */
export function registerOutboxLagGauge(component: string, collect: () => Promise<number>): void {
  const { registry } = metricsOf(component);
  if (registry.getSingleMetric('gg_outbox_lag_seconds')) registry.removeSingleMetric('gg_outbox_lag_seconds');
  new Gauge({
    name: 'gg_outbox_lag_seconds',
    help: 'How long the oldest event not yet delivered from the outbox has waited, in seconds.',
    registers: [registry],
    async collect() {
      this.set(await collect());
    },
  });
}

import 'reflect-metadata';
import {
  Column,
  DataSource,
  type Logger,
  type MigrationInterface,
  type ObjectLiteral,
  type QueryRunner,
  type SelectQueryBuilder,
  type EntityTarget,
} from 'typeorm';
import { types as pgTypes } from 'pg';
import { scopePatterns, type Identity } from './auth';
import { schemaNameOf, type ServiceName } from './env';

// A Postgres `date` is a calendar day: keep it as 'YYYY-MM-DD' instead of a Date at local midnight,
// which shifts a day when serialised from a time zone east of UTC.
pgTypes.setTypeParser(pgTypes.builtins.DATE, (value: string) => value);

/**
 * Counts the SQL statements a data source sends, so tests can prove batching
 * (one statement per DataLoader batch, not one per key). Prints them at debug level.
 */
export class QueryCounter implements Logger {
  count = 0;
  constructor(private readonly print = false) {}
  logQuery(query: string) {
    this.count += 1;
    if (this.print) console.debug(`[sql] ${query}`);
  }
  logQueryError(error: string | Error, query: string) {
    if (this.print) console.error(`[sql] failed: ${query}: ${String(error)}`);
  }
  logQuerySlow(time: number, query: string) {
    if (this.print) console.warn(`[sql] slow (${time} ms): ${query}`);
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    if (this.print) console.info(`[migration] ${message}`);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (this.print || level === 'warn') console[level === 'log' ? 'info' : level](message);
  }
}

export interface DataSourceOptions {
  service: ServiceName;
  url: string;
  entities: Function[];
  migrations: Function[];
  poolSize?: number;
  debug?: boolean;
}

/** One data source per service, in its own Postgres schema; migrations only, never `synchronize`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: schemaNameOf(options.service),
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: new QueryCounter(options.debug ?? false),
    applicationName: `gg-${options.service}`,
    extra: { max: options.poolSize ?? 10 },
  });
}

export function queryCounterOf(dataSource: DataSource): QueryCounter {
  return dataSource.logger as QueryCounter;
}

/**
 * Creates the service's schema and runs its pending migrations, each in its own transaction.
 * An advisory lock keeps two replicas starting at once from racing each other.
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  const schema = schemaOf(dataSource);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [schema]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [schema]).catch(() => undefined);
    await runner.release();
  }
}

export function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('data source has no schema');
  return schema;
}

/** Qualified table name for raw SQL in migrations and hand-written queries. */
export function tableOf(source: DataSource | QueryRunner, table: string): string {
  const dataSource = 'connection' in source ? source.connection : source;
  return `"${schemaOf(dataSource)}"."${table}"`;
}

// ─── Region scoping ───────────────────────────────────────────────────────────

/**
 * Base of every record that lives in a region. Reads go through `scopedQuery`, which filters by
 * the caller's region scopes in SQL, so a new entity is scoped by default.
 */
export abstract class RegionalRecord {
  /** Code of the region the record belongs to (usually a 12-digit community code). */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;
}

/** SQL condition and parameters restricting `column` to the caller's scopes. */
export function scopeCondition(identity: Identity, column: string, paramName = 'scopePatterns') {
  const patterns = scopePatterns(identity);
  if (patterns.length === 0) return { sql: 'FALSE', params: {} };
  return { sql: `${column} LIKE ANY(:${paramName})`, params: { [paramName]: patterns } };
}

/** A query builder over a regional entity with the caller's scope already applied. */
export function scopedQuery<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  alias: string,
  identity: Identity,
): SelectQueryBuilder<T> {
  const condition = scopeCondition(identity, `${alias}.region_code`);
  return dataSource.getRepository(entity).createQueryBuilder(alias).where(condition.sql, condition.params);
}

/** Re-orders rows to the keys a DataLoader asked for. */
export function groupByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}

// ─── Job runs (every service records its scheduled work) ──────────────────────

/** Creates the `job_run` table every service keeps; included in each service's migrations. */
export class CreateJobRun1763800000000 implements MigrationInterface {
  name = 'CreateJobRun1763800000000';
  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'job_run');
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "queue" varchar(100) NOT NULL,
      "job_name" varchar(100) NOT NULL,
      "job_id" varchar(200) NOT NULL,
      "period" varchar(50),
      "attempt" integer NOT NULL DEFAULT 1,
      "status" varchar(20) NOT NULL,
      "started_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz,
      "result" jsonb,
      "error" text
    )`);
    await runner.query(`CREATE INDEX "job_run_job_started_idx" ON ${t} ("job_name", "started_at")`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'job_run')}`);
  }
}

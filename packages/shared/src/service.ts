import { readFileSync } from 'node:fs';
import { Kind, parse, type DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { createDataSource, CreateJobRun1763800000000, migrate } from './database';
import { subgraphEnv, type ServiceName } from './env';
import { CreatePersonalDataAccess1763800000050, PersonalDataAccess } from './personal-data';
import { JobRun, startJobWorker, type JobDefinition, type ScheduleDefinition } from './jobs';
import { bullConnection, redisReachable, START_REDIS_HINT } from './redis';
import { startSubgraph, type Resolvers, type RunningSubgraph, type TypeResolvers } from './subgraph';
import { jobOperationsOf, shareableIn } from './job-operations';
import { eventOperationsOf } from './event-operations';
import { registerOutboxLagGauge } from './observability/metrics';
import { startTracing } from './observability/tracing';
import type { AccessPolicy } from './access';
import type { AnyExport } from './kits/exports';
import { EventSubscriber, type EventConsumer, type SubscriberOptions } from './event-subscriber';
import { JobDispatcher } from './job-dispatcher';
import { CreateOutbox1764400000000, DeadLetterEvent, EventCursor, OutboxMessage } from './outbox';
import { CreateReference1764400000100, Reference } from './references';
import { CountySettingRecord, CreateCountySetting1764400000200 } from './kits/county-settings';

/**
 * Everything the platform needs to know about one domain service. Each service exports one of these
 * from `src/service.ts`; its API entry, its worker entry, the embedded start and the tests all use it.
 */
export interface ServiceDefinition {
  name: ServiceName;
  typeDefs: DocumentNode;
  resolvers: Resolvers;
  /** Which roles may resolve each root field, each field added to a foreign entity, and each owned entity's references. */
  access: AccessPolicy;
  /** Entities owned by another subgraph to which this one adds fields (e.g. Region). */
  foreignEntities?: string[];
  entities: Function[];
  migrations: Function[];
  jobs: JobDefinition[];
  schedules: ScheduleDefinition[];
  /** Consumers of other services' events (reference tables and domain reactions), fed by the event subscriber. */
  consumers?: EventConsumer[];
  /** Downloads (CSV/XLSX) served at `/exports/:name`, reached through the gateway's `/exports/<service>/<name>`. */
  exports?: readonly AnyExport[];
  /** Loads the demo data set; must be idempotent (the embedded start runs it on every start). */
  seedDemo?: (dataSource: DataSource) => Promise<void>;
}

/** Reads a service's `schema.graphql` (the SDL is the API; it is not repeated in code). */
export function loadSchema(path: string): DocumentNode {
  return parse(readFileSync(path, 'utf8'));
}

/** Builds the definition with the entities and migrations every service has (job runs, audit log, outbox, references). */
export function defineService(definition: ServiceDefinition): ServiceDefinition {
  // Every service answers operators about its jobs (packages/shared/src/job-operations.ts).
  // …and about the events its consumers gave up on (packages/shared/src/event-operations.ts).
  const operations = jobOperationsOf(definition.name, definition.typeDefs);
  const events = eventOperationsOf(definition.name, shareableIn(definition.typeDefs), () => definition.consumers ?? []);
  const Query = {
    ...(definition.resolvers.Query as TypeResolvers | undefined),
    ...(operations.resolvers.Query as TypeResolvers),
    ...(events.resolvers.Query as TypeResolvers),
  };
  const Mutation = {
    ...(definition.resolvers.Mutation as TypeResolvers | undefined),
    ...(operations.resolvers.Mutation as TypeResolvers),
    ...(events.resolvers.Mutation as TypeResolvers),
  };
  return {
    ...definition,
    typeDefs: {
      kind: Kind.DOCUMENT,
      definitions: [...definition.typeDefs.definitions, ...operations.typeDefs.definitions, ...events.typeDefs.definitions],
    },
    resolvers: { ...definition.resolvers, Query, Mutation },
    access: { ...definition.access, ...operations.access, ...events.access },
    entities: [
      JobRun,
      PersonalDataAccess,
      OutboxMessage,
      EventCursor,
      DeadLetterEvent,
      Reference,
      CountySettingRecord,
      ...definition.entities,
    ],
    migrations: [
      CreateJobRun1763800000000,
      CreatePersonalDataAccess1763800000050,
      CreateOutbox1764400000000,
      CreateReference1764400000100,
      CreateCountySetting1764400000200,
      ...definition.migrations,
    ],
  };
}

/** The service's event subscriber (one per process; replicas share the work through the cursor lock). */
export function eventSubscriberFor(definition: ServiceDefinition, dataSource: DataSource, options?: SubscriberOptions): EventSubscriber {
  const subscriber = new EventSubscriber(dataSource, definition.consumers ?? [], options);
  // Outbox lag as operators watch it: the oldest event another service published that this one has not handled yet.
  registerOutboxLagGauge(definition.name, async () => {
    const oldest = (await subscriber.lag()).map((l) => l.oldestWaitingAt?.getTime() ?? Date.now());
    return oldest.length ? Math.max(0, (Date.now() - Math.min(...oldest)) / 1000) : 0;
  });
  return subscriber;
}

export function dataSourceFor(definition: ServiceDefinition, url: string, poolSize?: number, debug = false): DataSource {
  return createDataSource({
    service: definition.name,
    url,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize,
    debug,
  });
}

function requireDatabaseUrl(url: string | undefined): string {
  if (!url) throw new Error('DATABASE_URL is not set: a service started on its own needs a Postgres URL (npm start runs the embedded one)');
  return url;
}

/** Closes everything once on SIGTERM or SIGINT. `on`, not `once`: tsx exits at once when it sees no other listener left. */
export function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: string) => {
    if (closing) return;
    closing = true;
    console.info(`[shutdown] ${signal}: closing`);
    close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}

/** API entry of a service started on its own (docker-compose): env → data source → migrations → subgraph. */
export async function runServiceApi(definition: ServiceDefinition): Promise<RunningSubgraph> {
  const env = subgraphEnv(definition.name);
  await startTracing(definition.name, env.OTEL_TRACING === 'on');
  const dataSource = dataSourceFor(definition, requireDatabaseUrl(env.DATABASE_URL), 10, env.LOG_LEVEL === 'debug');
  await dataSource.initialize();
  await migrate(dataSource);
  const subgraph = await startSubgraph(
    {
      service: definition.name,
      typeDefs: definition.typeDefs,
      resolvers: definition.resolvers,
      access: definition.access,
      foreignEntities: definition.foreignEntities,
      dataSource,
      secret: env.subgraphSecret,
      redisUrl: env.REDIS_URL,
      production: env.NODE_ENV === 'production',
      scheduleIds: definition.schedules.map((s) => s.id),
      exports: definition.exports,
    },
    env.PORT,
  );
  // Events are read through Postgres, so references stay current whether or not Redis is up.
  const events = eventSubscriberFor(definition, dataSource);
  events.start();
  console.info(`[${definition.name}] subgraph ready at ${subgraph.url}`);
  onShutdown(async () => {
    await events.stop();
    await subgraph.stop();
    await dataSource.destroy();
  });
  return subgraph;
}

/** Worker entry of a service started on its own: its BullMQ worker and schedules. */
export async function runServiceWorker(definition: ServiceDefinition): Promise<void> {
  const env = subgraphEnv(definition.name);
  await startTracing(`${definition.name}-worker`, env.OTEL_TRACING === 'on');
  const dataSource = dataSourceFor(definition, requireDatabaseUrl(env.DATABASE_URL), 4);
  await dataSource.initialize();
  await migrate(dataSource);
  if (!(await redisReachable(env.REDIS_URL))) {
    throw new Error(`Redis is unreachable at ${env.REDIS_URL}; ${START_REDIS_HINT}`);
  }
  const worker = await startJobWorker({
    service: definition.name,
    dataSource,
    connection: bullConnection(env.REDIS_URL),
    jobs: definition.jobs,
    schedules: definition.schedules,
  });
  const dispatcher = new JobDispatcher(dataSource, worker.queue, undefined, definition.jobs);
  dispatcher.start();
  console.info(`[${definition.name}] worker ready`);
  onShutdown(async () => {
    await dispatcher.stop();
    await worker.close();
    await dataSource.destroy();
  });
}

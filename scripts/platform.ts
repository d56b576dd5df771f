import 'reflect-metadata';
import {
  createTokenVerifier,
  dataSourceFor,
  eventSubscriberFor,
  JobDispatcher,
  migrate,
  bullConnection,
  startJobWorker,
  startSubgraph,
  subgraphSecretOf,
  type BaseEnv,
  type RunningSubgraph,
  type ServiceDefinition,
  type ServiceName,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { readCommittedSupergraph } from '../gateway/src/supergraph-file';
import { startGateway, type RunningGateway } from '../gateway/src/gateway';
import { SERVICES } from './services';

export interface PlatformOptions {
  env: BaseEnv;
  databaseUrl: string;
  /** Gateway port (0 = any free one); the subgraphs take free ports of their own. */
  gatewayPort: number;
  seedDemo: boolean;
  /** Start each service's job worker (needs Redis). */
  workers: boolean;
  services?: ServiceDefinition[];
  supergraphSdl?: string;
}

export interface RunningPlatform {
  gateway: RunningGateway;
  subgraphs: Record<ServiceName, RunningSubgraph>;
  dataSources: Record<ServiceName, DataSource>;
  stop(): Promise<void>;
}

/**
 * The whole platform in one process: every service's migrations, demo data, subgraph and worker,
 * and the gateway in front. Used by `npm start` (embedded) and the end-to-end tests; in a real
 * deployment each runs in its own container (docker-compose.yml).
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const services = options.services ?? SERVICES;
  const production = options.env.NODE_ENV === 'production';
  const dataSources = {} as Record<ServiceName, DataSource>;
  const subgraphs = {} as Record<ServiceName, RunningSubgraph>;
  const workers: Array<{ close(): Promise<void> }> = [];
  const stops: Array<() => Promise<void>> = [];

  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((error: unknown) => console.error(error));
  };

  try {
    for (const service of services) {
      const dataSource = dataSourceFor(service, options.databaseUrl, 5, options.env.LOG_LEVEL === 'debug');
      await dataSource.initialize();
      stops.push(() => dataSource.destroy());
      await migrate(dataSource);
      if (options.seedDemo && service.seedDemo) await service.seedDemo(dataSource);
      dataSources[service.name] = dataSource;
    }
    // Every service reads the others' outboxes through Postgres (no Redis needed): catch up once so the
    // demo's references are in place before the first request, then follow every pollMs.
    for (const service of services) {
      const events = eventSubscriberFor(service, dataSources[service.name]);
      await events.catchUp();
      events.start();
      stops.push(() => events.stop());
    }
    for (const service of services) {
      const subgraph = await startSubgraph(
        {
          service: service.name,
          typeDefs: service.typeDefs,
          resolvers: service.resolvers,
          access: service.access,
          foreignEntities: service.foreignEntities,
          dataSource: dataSources[service.name],
          secret: subgraphSecretOf(service.name, process.env, options.env.NODE_ENV),
          redisUrl: options.env.REDIS_URL,
          production,
          scheduleIds: service.schedules.map((s) => s.id),
          exports: service.exports,
        },
        // Subgraphs answer only the gateway, so in one process any free port will do.
        0,
      );
      subgraphs[service.name] = subgraph;
      stops.push(() => subgraph.stop());
      if (options.workers) {
        const worker = await startJobWorker({
          service: service.name,
          dataSource: dataSources[service.name],
          connection: bullConnection(options.env.REDIS_URL),
          jobs: service.jobs,
          schedules: service.schedules,
        });
        workers.push(worker);
        stops.push(() => worker.close());
        const dispatcher = new JobDispatcher(dataSources[service.name], worker.queue, undefined, service.jobs);
        dispatcher.start();
        stops.push(() => dispatcher.stop());
      }
    }
    const urls = Object.fromEntries(services.map((s) => [s.name, subgraphs[s.name].url])) as Record<ServiceName, string>;
    const secrets = Object.fromEntries(
      services.map((s) => [s.name, subgraphSecretOf(s.name, process.env, options.env.NODE_ENV)]),
    ) as Record<ServiceName, string>;
    const gateway = await startGateway(
      {
        supergraphSdl: options.supergraphSdl ?? readCommittedSupergraph(),
        subgraphUrls: urls,
        subgraphSecrets: secrets,
        verifyBearer: createTokenVerifier({
          secret: options.env.JWT_SECRET,
          jwksUrl: options.env.JWT_JWKS_URL,
          jwksTimeoutMs: options.env.JWKS_TIMEOUT_MS,
          issuer: options.env.JWT_ISSUER,
          audience: options.env.JWT_AUDIENCE,
        }),
        production,
        subgraphTimeoutMs: options.env.SUBGRAPH_TIMEOUT_MS,
        jwksUrl: options.env.JWT_JWKS_URL,
        redisUrl: options.env.REDIS_URL,
      },
      options.gatewayPort,
    );
    stops.push(() => gateway.stop());
    return { gateway, subgraphs, dataSources, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

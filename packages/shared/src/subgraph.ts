import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLResolveInfo, GraphQLScalarType } from 'graphql';
import DataLoader from 'dataloader';
import express from 'express';
import type { DocumentNode } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { applyAccessPolicy, unguardedFields, type AccessPolicy } from './access';
import { GATEWAY_IDENTITY_HEADER, verifyGatewayIdentity, type Identity } from './auth';
import { ErrorCode, formatError } from './errors';
import { inputGuardPlugin } from './kits/input-guard';
import { exportHandler, type AnyExport } from './kits/exports';
import type { ServiceName } from './env';
import { bullConnection, redisReachable } from './redis';
import { missingSchedulers, queueNameOf } from './jobs';
import { REQUEST_ID_HEADER, requestIdFrom, runInRequestScope } from './observability/logger';
import { metricsOf, registerDatabasePoolGauge, registerJobRunGauge } from './observability/metrics';
import { observabilityPlugin } from './observability/plugin';
import { Queue } from 'bullmq';

/** What every resolver receives: the verified caller, the service's data source and per-request loaders. */
export interface SubgraphContext {
  identity: Identity;
  dataSource: DataSource;
  operationName: string | undefined;
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** The service's BullMQ queue, connected on first use (the operators' job fields). */
  jobQueue?: () => Queue;
}

/** Resolvers of one type: each takes its parent, its arguments and the request context. */
export type TypeResolvers = Record<string, (parent: never, args: never, context: SubgraphContext, info: GraphQLResolveInfo) => unknown>;

/** A service's resolver map: one entry per type (or a custom scalar). */
export type Resolvers = Record<string, TypeResolvers | GraphQLScalarType>;

/** Resolvers of a service, grouped by GraphQL type, for one aggregate. */
export type ResolverGroup = Record<string, TypeResolvers>;

/**
 * A DataLoader kept for the life of one request, so `__resolveReference` and region fields
 * are batched into one SQL statement per batch.
 */
export function loaderOf<K, V>(
  context: SubgraphContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
  options?: DataLoader.Options<K, V>,
): DataLoader<K, V> {
  let loader = context.loaders.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, options);
    context.loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

export interface SubgraphOptions {
  service: ServiceName;
  typeDefs: DocumentNode;
  resolvers: Resolvers;
  access: AccessPolicy;
  foreignEntities?: string[];
  dataSource: DataSource;
  secret: string;
  redisUrl: string;
  production: boolean;
  /** Ids of the job schedulers the service's worker keeps in Redis: /health reports any missing. */
  scheduleIds?: readonly string[];
  /** The BullMQ queue of those schedulers (the service's own by default). */
  jobQueue?: string;
  /** Downloads served at `/exports/:name` (reached through the gateway's `/exports/<service>/<name>`). */
  exports?: readonly AnyExport[];
}

export interface RunningSubgraph {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Health of a service's dependencies, as `/health` reports it (schedulers: when the service has any). */
export async function healthOf(dataSource: DataSource, redisUrl: string, schedulers?: { queue: () => Queue; ids: readonly string[] }) {
  const database = await dataSource
    .query('SELECT 1')
    .then(() => 'up' as const)
    .catch(() => 'down' as const);
  const redis = (await redisReachable(redisUrl, 500)) ? ('up' as const) : ('unavailable' as const);
  // A scheduler missing from Redis (emptied by a failover or a flush) means a job silently never runs.
  const missing =
    redis === 'up' && schedulers?.ids.length
      ? await Promise.race([
          missingSchedulers(schedulers.queue(), schedulers.ids),
          new Promise<string[]>((resolve) => setTimeout(() => resolve([...schedulers.ids]), 1000).unref()),
        ]).catch(() => [...schedulers.ids])
      : [];
  return {
    status: database === 'up' ? (redis === 'up' && missing.length === 0 ? 'ok' : 'degraded') : 'down',
    database,
    redis,
    jobs: redis === 'up' ? 'available' : 'unavailable',
    ...(missing.length ? { missingSchedulers: missing } : {}),
  };
}

/**
 * An Apollo Federation 2 subgraph on Express: `/graphql` answers only requests carrying the
 * gateway's signed identity (401 otherwise); `/health` reports database and Redis.
 */
export async function startSubgraph(options: SubgraphOptions, port: number): Promise<RunningSubgraph> {
  // Secure by default: a root field (or a field added to another subgraph's entity) without an
  // access policy stops the service from starting.
  const unguarded = unguardedFields(options.typeDefs, options.access, options.foreignEntities ?? []);
  if (unguarded.length) throw new Error(`${options.service}: no access policy for ${unguarded.join(', ')}`);
  const resolvers = applyAccessPolicy(options.resolvers, options.access);
  const server = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: resolvers as unknown as GraphQLResolverMap<unknown> }),
    formatError: formatError(options.production),
    includeStacktraceInErrorResponses: !options.production,
    introspection: !options.production,
    // Shutdown is ours (onShutdown closes workers, servers and databases in order).
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), inputGuardPlugin({ subgraph: true }), observabilityPlugin(options.service)],
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  // Connected on first use (a health check with schedulers, an operator's question): without Redis the graph still serves.
  let schedulerQueue: Queue | undefined;
  const jobQueue = () => {
    if (!schedulerQueue) {
      schedulerQueue = new Queue(options.jobQueue ?? queueNameOf(options.service), { connection: bullConnection(options.redisUrl) });
      schedulerQueue.on('error', () => undefined); // Redis down: /health and the job fields say so
    }
    return schedulerQueue;
  };
  const schedulers = options.scheduleIds?.length ? { ids: options.scheduleIds, queue: jobQueue } : undefined;
  const metrics = metricsOf(options.service);
  registerDatabasePoolGauge(options.service, options.dataSource);
  registerJobRunGauge(options.service, options.dataSource);
  app.get('/health', async (_req, res) => {
    const health = await healthOf(options.dataSource, options.redisUrl, schedulers);
    res.status(health.database === 'up' ? 200 : 503).json({ service: options.service, ...health });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // The gateway's request id: every log line of this request (and jobs it starts) carries it.
  const requestScope = (req: express.Request, _res: express.Response, next: express.NextFunction) =>
    runInRequestScope({ requestId: requestIdFrom(req.header(REQUEST_ID_HEADER)) }, next);
  const gatewayIdentity = async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const identity = await verifyGatewayIdentity(req.header(GATEWAY_IDENTITY_HEADER), options.service, options.secret);
    if (!identity) {
      res.status(401).json({
        errors: [{ message: 'This subgraph answers only the gateway', extensions: { code: ErrorCode.UNAUTHENTICATED } }],
      });
      return;
    }
    res.locals.identity = identity;
    next();
  };
  if (options.exports?.length) app.get('/exports/:name', requestScope, gatewayIdentity, exportHandler(options.exports, options.dataSource));
  app.use(
    '/graphql',
    requestScope,
    gatewayIdentity,
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req, res }) => ({
        identity: res.locals.identity as Identity,
        dataSource: options.dataSource,
        operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : undefined,
        loaders: new Map(),
        jobQueue,
      }),
    }),
  );

  const http: Server = await listen(app, port);
  const actualPort = (http.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await server.stop();
      await schedulerQueue?.close();
    },
  };
}

/** Listens on a port (0 = any free one); a port already in use is an error that names it. */
export function listen(app: express.Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use (set PORT to start elsewhere)`) : error),
    );
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}

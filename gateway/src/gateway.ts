import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  formatError,
  inputGuardPlugin,
  listen,
  metricsOf,
  observabilityPlugin,
  REQUEST_ID_HEADER,
  requestIdFrom,
  runInRequestScope,
  SERVICE_NAMES,
  type Identity,
  type ServiceName,
} from '@gg/shared';
import { overallStatus, subgraphHealth } from './health';
import { mountExportRoutes } from './exports';
import { mountJobDashboard } from './job-dashboard';
import { QUERY_LIMITS, queryLimitsRule } from './limits';
import { jsonErrors, notFound, onlyPost, operationTypePlugin, refuse } from './refusals';
import { SubgraphDataSource, type GatewayContext } from './subgraph-source';
import { fillTrustedDocument, loadTrustedDocuments, requireTrustedDocument, type TrustedDocuments } from './trusted-documents';

export type { GatewayContext };

export interface GatewayOptions {
  supergraphSdl: string;
  subgraphUrls: Record<ServiceName, string>;
  subgraphSecrets: Record<ServiceName, string>;
  verifyBearer: (authorization: string | undefined) => Promise<Identity>;
  production: boolean;
  /** Deadline of one subgraph fetch (SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs?: number;
  /** The identity provider's key set (JWT_JWKS_URL), probed by /health. */
  jwksUrl?: string;
  /** BullMQ connection for the operators' job dashboard (none: no dashboard). */
  redisUrl?: string;
  /** RESIDENT tokens in production may run only these operations (the lists in gateway/trusted-documents by default). */
  trustedDocuments?: TrustedDocuments;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

/**
 * The one graph: @apollo/gateway over the supergraph composed at build time, and the services'
 * downloads at /exports/<service>/<name>. Every request must carry a valid bearer token; only /health
 * and /metrics are open.
 */
export async function startGateway(options: GatewayOptions, port: number): Promise<RunningGateway> {
  const timeoutMs = options.subgraphTimeoutMs ?? 5000;
  const trusted = options.trustedDocuments ?? loadTrustedDocuments();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService({ name }) {
      if (!isServiceName(name)) throw new Error(`The supergraph names an unknown subgraph: ${name}`);
      return new SubgraphDataSource(options.subgraphUrls[name], name, options.subgraphSecrets[name], timeoutMs);
    },
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatError(options.production),
    includeStacktraceInErrorResponses: !options.production,
    introspection: !options.production,
    // Shutdown is ours (onShutdown closes workers, servers and databases in order).
    stopOnTerminationSignals: false,
    validationRules: [queryLimitsRule],
    plugins: [
      operationTypePlugin(),
      // The input guard refuses control characters before any subgraph is asked, and names the argument of coercion errors.
      inputGuardPlugin(),
      observabilityPlugin('gateway'),
      ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  const metrics = metricsOf('gateway');
  app.get('/health', async (_req, res) => {
    const [subgraphs, keyServer] = await Promise.all([subgraphHealth(options.subgraphUrls), keyServerHealth(options.jwksUrl)]);
    const parts = keyServer === 'down' ? (['degraded'] as const) : [];
    const status = overallStatus(
      Object.values(subgraphs).map((h) => h.status),
      parts,
    );
    res.status(status === 'down' ? 503 : 200).json({
      service: 'gateway',
      status,
      ...(options.jwksUrl ? { keyServer } : {}),
      subgraphs,
    });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const dashboard = options.redisUrl ? mountJobDashboard(app, options.redisUrl, options.verifyBearer) : undefined;
  mountExportRoutes(app, { ...options, timeoutMs });
  app.use(
    '/graphql',
    // One id per request: returned to the caller, sent to every subgraph, carried into the jobs it starts.
    (req, res, next) => {
      const requestId = requestIdFrom(req.header(REQUEST_ID_HEADER));
      res.setHeader(REQUEST_ID_HEADER, requestId);
      res.locals.requestId = requestId;
      runInRequestScope({ requestId }, next);
    },
    onlyPost(options.production),
    express.json({ limit: '100kb' }),
    (req, res, next) => {
      // Checked before parsing: a huge query text costs the gateway even when it is invalid.
      const query: unknown = req.body?.query;
      if (typeof query === 'string' && query.length > QUERY_LIMITS.maxQueryLength) {
        refuse(res, 400, 'BAD_REQUEST', `The query text is longer than ${QUERY_LIMITS.maxQueryLength} characters`, {
          limit: 'maxQueryLength',
        });
        return;
      }
      next();
    },
    fillTrustedDocument(trusted),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const requestId = String(res.locals.requestId);
        try {
          const authorization = req.header('authorization');
          const identity = await options.verifyBearer(authorization);
          requireTrustedDocument(trusted, identity, (req.body as { query?: unknown } | undefined)?.query, options.production);
          return { identity, bearer: authorization ?? '', requestId };
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions?.code === 'PERSISTED_QUERY_NOT_IN_LIST') throw error;
          // The key server being unreachable is ours to fix, not the caller's: 503, never 401.
          if (error instanceof GraphQLError && error.extensions?.code === 'AUTH_KEYS_UNAVAILABLE') throw error;
          const message = error instanceof Error ? error.message : 'Not authenticated';
          throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
    }),
  );
  app.use(notFound);
  app.use(jsonErrors);

  const http: Server = await listen(app, port);
  const actualPort = (http.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await server.stop();
      await dashboard?.close();
    },
  };
}

/** Whether the identity provider's key set answers (JWT_JWKS_URL); `unused` without one. */
async function keyServerHealth(jwksUrl: string | undefined): Promise<'up' | 'down' | 'unused'> {
  if (!jwksUrl) return 'unused';
  try {
    const response = await fetch(jwksUrl, { signal: AbortSignal.timeout(2000) });
    return response.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

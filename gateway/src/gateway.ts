import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ExpiringCache,
  GATEWAY_IDENTITY_HEADER,
  listen,
  signGatewayIdentity,
  formatError,
  inputGuardPlugin,
  SERVICE_NAMES,
  type Identity,
  type ServiceName,
} from '@gg/shared';
import { QUERY_LIMITS, queryLimitsRule } from './limits';

export interface GatewayContext {
  identity: Identity;
  /** The caller's bearer token: the key under which identity tokens signed for it are reused. */
  bearer: string;
}

export interface GatewayOptions {
  supergraphSdl: string;
  subgraphUrls: Record<ServiceName, string>;
  subgraphSecrets: Record<ServiceName, string>;
  verifyBearer: (authorization: string | undefined) => Promise<Identity>;
  production: boolean;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Forwards each subgraph request with the caller's identity signed by that subgraph's secret. */
class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Identity tokens signed for a bearer token, reused while they have more than a minute to live. */
  private readonly signed = new ExpiringCache<Promise<string>>();

  constructor(
    url: string,
    private readonly subgraph: ServiceName,
    private readonly secret: string,
  ) {
    super({ url });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('context' in options) || !options.context?.identity) return;
    const { identity, bearer } = options.context;
    let token = this.signed.get(bearer);
    if (!token) {
      token = signGatewayIdentity(identity, this.subgraph, this.secret);
      // Signed for five minutes; reused for four, so a subgraph never receives one about to expire.
      this.signed.set(bearer, token, Date.now() + 4 * 60_000);
      token.catch(() => undefined);
    }
    options.request.http?.headers.set(GATEWAY_IDENTITY_HEADER, await token);
  }

  /**
   * A subgraph that cannot be reached costs only its own fields: its fetch answers one clear error
   * (code SUBGRAPH_UNAVAILABLE, naming the service) instead of failing the whole operation.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch {
      return {
        errors: [
          {
            message: `The ${this.subgraph} service is unavailable: its fields are missing from this answer`,
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: this.subgraph },
          },
        ],
      };
    }
  }
}

/** What a subgraph fetch answers the gateway's query planner. */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

/**
 * The one graph: @apollo/gateway over the supergraph composed at build time. Every request must
 * carry a valid bearer token; only /health is open.
 */
export async function startGateway(options: GatewayOptions, port: number): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService({ name }) {
      if (!isServiceName(name)) throw new Error(`The supergraph names an unknown subgraph: ${name}`);
      return new SignedIdentityDataSource(options.subgraphUrls[name], name, options.subgraphSecrets[name]);
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
    // The input guard refuses control characters before any subgraph is asked, and names the argument of coercion errors.
    plugins: [inputGuardPlugin(), ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const subgraphs = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const url = options.subgraphUrls[name].replace(/\/graphql$/, '/health');
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
          return [name, await response.json()] as const;
        } catch {
          return [name, { status: 'down' }] as const;
        }
      }),
    );
    const down = subgraphs.some(([, h]) => (h as { status?: string }).status === 'down');
    res.status(down ? 503 : 200).json({ service: 'gateway', status: down ? 'degraded' : 'ok', subgraphs: Object.fromEntries(subgraphs) });
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    (req, res, next) => {
      // Checked before parsing: a huge query text costs the gateway even when it is invalid.
      const query: unknown = req.body?.query;
      if (typeof query === 'string' && query.length > QUERY_LIMITS.maxQueryLength) {
        res.status(400).json({
          errors: [
            {
              message: `The query text is longer than ${QUERY_LIMITS.maxQueryLength} characters`,
              extensions: { code: 'BAD_REQUEST', limit: 'maxQueryLength' },
            },
          ],
        });
        return;
      }
      next();
    },
    expressMiddleware(server, {
      context: async ({ req }) => {
        try {
          const authorization = req.header('authorization');
          return { identity: await options.verifyBearer(authorization), bearer: authorization ?? '' };
        } catch (error) {
          const message = error instanceof Error ? error.message : 'Not authenticated';
          throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
    }),
  );

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
    },
  };
}

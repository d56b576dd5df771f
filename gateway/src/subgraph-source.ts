import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, request as httpRequest } from 'node:http';
import {
  ExpiringCache,
  GATEWAY_IDENTITY_HEADER,
  metricsOf,
  REQUEST_ID_HEADER,
  signGatewayIdentity,
  type Identity,
  type ServiceName,
} from '@gg/shared';

export interface GatewayContext {
  identity: Identity;
  /** The caller's bearer token: the key under which identity tokens signed for it are reused. */
  bearer: string;
  /** One id for the request, sent to every subgraph and carried into the jobs it starts. */
  requestId: string;
}

/** What a subgraph fetch answers the gateway's query planner. */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * POSTs a subgraph request over node:http and destroys the request (and its socket) when the
 * deadline passes; answers a WHATWG Response, which is what Apollo's data source reads.
 */
function postWithDeadline(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
  timeoutMs: number,
  agent: Agent,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: init.method ?? 'POST', headers: init.headers, agent }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        clearTimeout(timer);
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 502, headers }));
      });
    });
    const timer = setTimeout(() => {
      const error = new Error(`No answer within ${timeoutMs} ms`);
      error.name = 'TimeoutError';
      outgoing.destroy(error);
    }, timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(init.body);
  });
}

/** True for a fetch aborted by its deadline (minipass-fetch and the DOM name it differently). */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Forwards each subgraph request with the caller's identity signed by that subgraph's secret and the
 * request id, within a deadline. A subgraph that is down or does not answer in time costs only its
 * own fields: its fetch answers one clear error (SUBGRAPH_UNAVAILABLE naming the service), and the
 * aborted fetch frees its socket, so a hung subgraph cannot pile up the gateway's connections.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Identity tokens signed for a bearer token, reused while they have more than a minute to live. */
  private readonly signed = new ExpiringCache<Promise<string>>();
  private readonly fetchDuration = metricsOf('gateway').subgraphFetchDuration;
  private readonly agent = new Agent({ keepAlive: true });

  constructor(
    url: string,
    private readonly subgraph: ServiceName,
    private readonly secret: string,
    private readonly timeoutMs: number,
  ) {
    super({ url });
    // A deadline that destroys the socket: with make-fetch-happen (Apollo's default) and with Node's
    // fetch, an aborted request left its connection open to the hung server, one more per request.
    this.fetcher = (input, init) =>
      postWithDeadline(String(input), init ?? {}, this.timeoutMs, this.agent) as unknown as ReturnType<RemoteGraphQLDataSource['fetcher']>;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('context' in options) || !options.context?.identity) return;
    const { identity, bearer, requestId } = options.context;
    let token = this.signed.get(bearer);
    if (!token) {
      token = signGatewayIdentity(identity, this.subgraph, this.secret);
      // Signed for five minutes; reused for four, so a subgraph never receives one about to expire.
      this.signed.set(bearer, token, Date.now() + 4 * 60_000);
      token.catch(() => undefined);
    }
    options.request.http?.headers.set(GATEWAY_IDENTITY_HEADER, await token);
    if (requestId) options.request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const stopTimer = this.fetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      const response = await super.process(options);
      stopTimer({ outcome: response.errors?.length ? 'error' : 'ok' });
      return response;
    } catch (error) {
      // An HTTP answer with a status (the subgraph spoke, and refused): its own error stands.
      if (error instanceof GraphQLError && error.extensions?.response) {
        stopTimer({ outcome: 'error' });
        throw error;
      }
      const timedOut = isTimeout(error);
      stopTimer({ outcome: timedOut ? 'timeout' : 'unavailable' });
      const why = timedOut ? `did not answer within ${this.timeoutMs} ms` : 'is unavailable';
      return {
        errors: [
          {
            message: `The ${this.subgraph} service ${why}: its fields are missing from this answer`,
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: this.subgraph, reason: timedOut ? 'TIMEOUT' : 'UNREACHABLE' },
          },
        ],
      };
    }
  }
}

import type { Express } from 'express';
import { GraphQLError } from 'graphql';
import { request as httpRequest } from 'node:http';
import {
  GATEWAY_IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  requestIdFrom,
  SERVICE_NAMES,
  signGatewayIdentity,
  type Identity,
  type ServiceName,
} from '@gg/shared';
import { refuse } from './refusals';

export interface ExportRouteOptions {
  subgraphUrls: Record<ServiceName, string>;
  subgraphSecrets: Record<ServiceName, string>;
  verifyBearer: (authorization: string | undefined) => Promise<Identity>;
  /** How long the subgraph may take to start answering (the download itself may take longer). */
  timeoutMs: number;
}

/** Answer headers passed on to the caller: the file's type and name, and the caching rules. */
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options'];

/**
 * `GET /exports/<service>/<name>?…`: downloads (CSV/XLSX) with the same bearer token as the graph. The
 * gateway verifies the token and forwards the request to the owning subgraph with the identity signed
 * for it, exactly as it does GraphQL requests; the subgraph checks roles and scope and streams the file,
 * which is piped through without being buffered.
 */
export function mountExportRoutes(app: Express, options: ExportRouteOptions): void {
  app.get('/exports/:service/:name', async (req, res) => {
    const requestId = requestIdFrom(req.header(REQUEST_ID_HEADER));
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let identity: Identity;
    try {
      identity = await options.verifyBearer(req.header('authorization'));
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code === 'AUTH_KEYS_UNAVAILABLE') {
        refuse(res, 503, 'AUTH_KEYS_UNAVAILABLE', error.message);
        return;
      }
      refuse(res, 401, 'UNAUTHENTICATED', error instanceof Error ? error.message : 'Not authenticated');
      return;
    }
    const service = String(req.params.service);
    if (!(SERVICE_NAMES as readonly string[]).includes(service)) {
      refuse(res, 404, 'NOT_FOUND', `No service named ${service}`);
      return;
    }
    const name = service as ServiceName;
    const target = new URL(`/exports/${encodeURIComponent(String(req.params.name))}`, options.subgraphUrls[name]);
    target.search = new URL(req.originalUrl, 'http://gateway').search;
    const upstream = httpRequest(target, {
      method: 'GET',
      headers: {
        [GATEWAY_IDENTITY_HEADER]: await signGatewayIdentity(identity, name, options.subgraphSecrets[name]),
        [REQUEST_ID_HEADER]: requestId,
      },
    });
    const deadline = setTimeout(() => upstream.destroy(new Error('timeout')), options.timeoutMs);
    upstream.on('response', (incoming) => {
      clearTimeout(deadline);
      res.status(incoming.statusCode ?? 502);
      for (const header of PASSED_HEADERS) {
        const value = incoming.headers[header];
        if (value !== undefined) res.setHeader(header, value);
      }
      incoming.pipe(res);
      // The subgraph cut the file short: so does the gateway (the caller must not take it for whole).
      incoming.on('aborted', () => res.destroy());
      incoming.on('error', () => res.destroy());
    });
    upstream.on('error', (error) => {
      clearTimeout(deadline);
      if (res.headersSent) res.destroy();
      else
        refuse(
          res,
          502,
          'SUBGRAPH_UNAVAILABLE',
          `The ${name} service ${error.message === 'timeout' ? 'did not answer in time' : 'is unavailable'}`,
        );
    });
    // The caller went away: stop the subgraph's work too.
    res.on('close', () => upstream.destroy());
    upstream.end();
  });
}

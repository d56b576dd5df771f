import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';

/**
 * Every refusal the gateway answers is JSON in the GraphQL error format with an `extensions.code`,
 * in every mode: clients parse one shape, and no HTML page or stack trace ever leaves the gateway.
 */
export function refuse(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/** GraphQL is served over POST (and, outside production, GET for the landing page in a browser). */
export function onlyPost(production: boolean): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST') {
      if (!req.is('application/json') && !req.is('application/graphql-response+json')) {
        refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as JSON (Content-Type: application/json)');
        return;
      }
      next();
      return;
    }
    if (req.method === 'GET' && !production && req.accepts(['json', 'html']) === 'html') {
      next();
      return;
    }
    res.setHeader('allow', 'POST');
    refuse(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported here: POST the operation as JSON`);
  };
}

/** Body parser failures (bad JSON, a body over the limit) and anything unexpected, as JSON. */
export const jsonErrors: ErrorRequestHandler = (error: { type?: string; status?: number; limit?: number }, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error.type === 'entity.too.large') {
    refuse(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit (${error.limit} bytes)`);
  } else if (error.type === 'entity.parse.failed') {
    refuse(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
  } else if (error.status && error.status >= 400 && error.status < 500) {
    refuse(res, error.status, 'BAD_REQUEST', 'The request could not be read');
  } else {
    refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error');
  }
};

/** Paths the gateway does not serve. */
export const notFound: RequestHandler = (req, res) => {
  refuse(res, 404, 'NOT_FOUND', `Nothing is served at ${req.method} ${req.path}: the graph is at POST /graphql`);
};

/** The graph has no subscriptions: one is refused with a clear code instead of failing in the gateway. */
export function operationTypePlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not supported by this graph: use a query', {
              extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Identity } from '../auth';
import { currentRequestScope, log } from './logger';
import { metricsOf, operationLabel } from './metrics';

/**
 * One log line and one set of metrics per GraphQL request, on the gateway and on every subgraph:
 * request id (from the request scope), operation name, caller subject, outcome and duration.
 * Variables, tokens and answers are never logged (they may carry personal data).
 */
export function observabilityPlugin(component: string): ApolloServerPlugin<BaseContext> {
  const metrics = metricsOf(component);
  const logger = log(component);
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, response, contextValue, operationName }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = operationLabel(operationName ?? request.operationName);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          const outcome = codes[0] ?? 'ok';
          metrics.requests.inc({ operation, outcome });
          metrics.requestDuration.observe({ operation }, seconds);
          const subject = (contextValue as { identity?: Identity } | undefined)?.identity?.subject;
          const scope = currentRequestScope();
          if (scope) Object.assign(scope, { operationName: operation, subject });
          logger[codes.some((c) => c === 'INTERNAL_SERVER_ERROR') ? 'error' : 'info'](
            { operationName: operation, subject, outcome, errorCodes: codes, durationMs: Math.round(seconds * 1000) },
            'graphql request',
          );
        },
      };
    },
  };
}

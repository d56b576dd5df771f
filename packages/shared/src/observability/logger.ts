import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Header carrying one request id from the gateway to every subgraph (and back to the caller). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What every log line of a request carries: its id, and who asked for what once that is known. */
export interface RequestScope {
  requestId: string;
  operationName?: string;
  subject?: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` with a request scope: log lines and jobs enqueued inside it carry its request id. */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The request being served, if any (also inside a job started by one). */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/**
 * A request id from a caller or the gateway is kept when it looks like one (a client may tie its
 * own logs to ours); anything else is replaced, so a header never smuggles text into the logs.
 */
export function requestIdFrom(header: string | undefined): string {
  return header && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : randomUUID();
}

/**
 * Never logged: tokens, identity headers, variables (they carry names, phones and ID numbers) and
 * whole bodies. Log lines carry ids, codes, names of operations and durations only.
 */
export const REDACTED_PATHS = [
  'authorization',
  'token',
  'bearer',
  'variables',
  'body',
  'headers',
  '*.authorization',
  '*.token',
  '*.bearer',
  '*.variables',
  '*.body',
  '*.headers',
];

function createRoot(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Every line written while serving a request names it, without passing the id around.
      mixin: () => {
        const scope = scopes.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    destination,
  );
}

// Tests run the whole platform in one process: quiet unless LOG_LEVEL asks for lines.
let root = createRoot(process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'));

/** Sets the level (from the parsed environment) and, for tests, where lines go. */
export function configureLogging(options: { level: string; destination?: DestinationStream }): void {
  root = createRoot(options.level, options.destination);
}

/** The structured (JSON, one line per event) logger of a component: `log('grid').info({...}, 'message')`. */
export function log(component: string): Logger {
  return root.child({ service: component });
}

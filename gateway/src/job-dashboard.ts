import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { Express } from 'express';
import { bullConnection, hasRole, queueNameOf, SERVICE_NAMES, type Identity } from '@gg/shared';
import { refuse } from './refusals';

export const JOB_DASHBOARD_PATH = '/admin/jobs';
/** A browser cannot add an Authorization header to a page load: the same bearer token may come as this cookie. */
export const DASHBOARD_TOKEN_COOKIE = 'gg_operator_token';

function tokenCookie(cookieHeader: string | undefined): string | undefined {
  const match = cookieHeader?.split(';').find((part) => part.trim().startsWith(`${DASHBOARD_TOKEN_COOKIE}=`));
  return match ? decodeURIComponent(match.trim().slice(DASHBOARD_TOKEN_COOKIE.length + 1)) : undefined;
}

/**
 * The operators' job dashboard (bull-board) over every service's queue, behind the graph's own
 * identity: a valid bearer token (header or cookie) holding the OPERATOR role, refused otherwise.
 */
export function mountJobDashboard(app: Express, redisUrl: string, verifyBearer: (authorization: string | undefined) => Promise<Identity>) {
  // Connected on the first operator's visit: the graph starts and serves without Redis.
  let queues: Queue[] | undefined;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(JOB_DASHBOARD_PATH);
  const board = createBullBoard({ queues: [], serverAdapter });
  const connect = () => {
    if (queues) return;
    queues = SERVICE_NAMES.map((name) => {
      const queue = new Queue(queueNameOf(name), { connection: bullConnection(redisUrl) });
      queue.on('error', () => undefined); // Redis down: the dashboard shows the error, the gateway carries on
      return queue;
    });
    board.setQueues(queues.map((queue) => new BullMQAdapter(queue)));
  };
  app.use(
    JOB_DASHBOARD_PATH,
    async (req, res, next) => {
      const cookie = tokenCookie(req.header('cookie'));
      const authorization = req.header('authorization') ?? (cookie ? `Bearer ${cookie}` : undefined);
      let identity: Identity;
      try {
        identity = await verifyBearer(authorization);
      } catch (error) {
        refuse(res, 401, 'UNAUTHENTICATED', error instanceof Error ? error.message : 'Not authenticated');
        return;
      }
      if (!hasRole(identity, 'OPERATOR')) {
        refuse(res, 403, 'FORBIDDEN', 'The job dashboard is for operators (role OPERATOR)');
        return;
      }
      connect();
      next();
    },
    serverAdapter.getRouter(),
  );
  return {
    async close() {
      await Promise.all((queues ?? []).map((queue) => queue.close()));
    },
  };
}

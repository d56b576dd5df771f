import { createServer } from 'node:net';

/**
 * The command `npm start` prints to try the graph: whole, token included, so that pasting it into a
 * shell works as it is (a shortened token answers 401).
 */
export function tryItCommand(gatewayUrl: string, token: string): string {
  return [
    `    curl -s ${gatewayUrl} -H 'content-type: application/json' \\`,
    `      -H "authorization: Bearer ${token}" \\`,
    `      -d '{"query":"{ region(code: \\"520201\\") { name children { name } } }"}'`,
  ].join('\n');
}

/** The first port from `start` that nothing listens on, to suggest when the asked-for one is taken. */
export async function freePortFrom(start: number): Promise<number> {
  for (let port = start; port < Math.min(start + 100, 65536); port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  return start;
}

/** The same Redis with the next database index: queues are named by service, so two platforms need two. */
export function otherRedisDatabase(redisUrl: string): string {
  const url = new URL(redisUrl);
  url.pathname = `/${(Number(url.pathname.slice(1)) || 0) + 1}`;
  return url.toString();
}

import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';

/** BullMQ connection options from a `redis://` URL. */
export function bullConnection(url: string): ConnectionOptions {
  return redisOptions(url) as ConnectionOptions;
}

/** ioredis options from a `redis://` URL; BullMQ workers need `maxRetriesPerRequest: null`. */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** One RESP command as bytes. */
function resp(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
}

/**
 * True when Redis answers PING within the timeout; never throws, never retries. A bare socket rather
 * than an ioredis client: a failed ioredis connect keeps the process alive for seconds afterwards,
 * and this runs on every /health request.
 */
export function redisReachable(url: string, timeoutMs = 1000): Promise<boolean> {
  const options = redisOptions(url);
  return new Promise((resolve) => {
    const connectOptions = { host: options.host!, port: options.port! };
    const socket = options.tls ? tlsConnect({ ...connectOptions, servername: options.host }) : netConnect(connectOptions);
    let received = '';
    const done = (reachable: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reachable);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('error', () => done(false));
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      const auth = options.password ? resp('AUTH', ...(options.username ? [options.username] : []), options.password) : '';
      socket.write(auth + resp('PING'));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (received.startsWith('-')) done(false);
      else if (received.includes('+PONG\r\n')) done(true);
    });
  });
}

export const START_REDIS_HINT =
  'start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (or set REDIS_URL)';

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** What the receiver does with the next request: answer a status, or hang (never answer). */
export type Behaviour = number | 'hang';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A real receiver on node:http that answers as scripted per path (204 by default) and keeps every
 * request. It can be stopped and started again on the same port (a restart of the bureau's server).
 * Each test registers its own path, so webhooks of earlier tests (still active) do not take its answers.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly scripts = new Map<string, Behaviour[]>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
        const next = this.scripts.get(path)?.shift() ?? 204;
        if (next === 'hang') return; // the delivery's deadline destroys the request
        res.writeHead(next).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server!.close(() => resolve());
      this.server!.closeAllConnections();
    });
  }

  /** A new path on this receiver, answering as scripted. */
  endpoint(script: Behaviour[] = []): { url: string; requests: () => Received[] } {
    const path = `/gg-webhooks/${randomUUID()}`;
    this.scripts.set(path, script);
    return { url: `http://127.0.0.1:${this.port}${path}`, requests: () => this.received.filter((r) => r.path === path) };
  }

  /** Verifies a request with one secret as a receiver would with the standardwebhooks package; the parsed body, or the error. */
  static verify(request: Received, secret: string): unknown {
    try {
      return new Webhook(secret).verify(request.body, request.headers);
    } catch (error) {
      return error instanceof Error ? error.name : 'error';
    }
  }
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

type QueueOption = ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'];

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const SYNC = 0x53; // 'S': ends an extended-protocol batch (Parse/Bind/Execute…)
const QUERY = 0x51; // 'Q': a simple query
const TERMINATE = 0x58; // 'X'

/**
 * PGlite is one session; pglite-socket shares it between connections message by message and keeps
 * a connection's turn only inside a transaction. node-postgres sends Parse/Bind/Execute/Sync as
 * separate messages, so two connections' unnamed statements and portals interleave ("portal does
 * not exist") under concurrent load. This queue gives a connection the session from its first
 * message until the end of its batch (Sync or a simple Query) with no transaction open.
 */
export class SessionQueue {
  private readonly pending: Pending[] = [];
  private owner: number | null = null;
  private processing = false;

  constructor(private readonly db: Pick<PGlite, 'runExclusive' | 'execProtocolRawStream' | 'isInTransaction' | 'exec'>) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.pending.length > 0) {
        const index = this.owner === null ? 0 : this.pending.findIndex((p) => p.handlerId === this.owner);
        if (index === -1) break; // the owner's next message has not arrived yet
        const item = this.pending.splice(index, 1)[0]!;
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (error) {
          item.reject(error);
        }
        const type = item.message[0];
        const startup = item.message.length >= 8 && type === 0;
        if ((type === SYNC || type === QUERY || type === TERMINATE || startup) && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i]!.handlerId === handlerId) this.pending.splice(i, 1)[0]!.reject(new Error('Handler disconnected'));
    }
  }

  /** A connection that goes away mid-transaction must not leave the session in it. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }
}

/**
 * One PGlite instance behind a local TCP port, so every service talks to it with the ordinary `pg`
 * driver: the same code path as a real Postgres. Services share it, one schema each.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  // The port first: a taken one is known in a moment, not after PGlite has opened the data directory.
  const session: { queue?: QueueOption } = {};
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    if (!session.queue) {
      socket.destroy(); // nobody has the URL before PGlite is up: a stray caller
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue: session.queue, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    void handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  let db: PGlite;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = await PGlite.create(dataDir);
  } catch (error) {
    await closeServer();
    throw error;
  }
  // The handler's queue type is the library's; ours has the same public methods.
  session.queue = new SessionQueue(db) as unknown as QueueOption;
  const address = server.address() as { port: number };
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      for (const handler of handlers) await handler.detach(true);
      await closeServer();
      await db.close();
    },
  };
}

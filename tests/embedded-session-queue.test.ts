import type { PGlite } from '@electric-sql/pglite';
import { SessionQueue } from '../scripts/embedded-postgres';

type Db = ConstructorParameters<typeof SessionQueue>[0];

/** A stand-in for PGlite's one session that records the order messages reach it. */
function fakeSession() {
  const order: string[] = [];
  let inTransaction = false;
  const db = {
    runExclusive: <T>(fn: () => Promise<T>) => fn(),
    async execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }) {
      const text = Buffer.from(message).toString('latin1');
      order.push(text);
      if (text.includes('BEGIN')) inTransaction = true;
      if (text.includes('COMMIT')) inTransaction = false;
      await new Promise((resolve) => setImmediate(resolve));
      options.onRawData(new Uint8Array([1]));
    },
    isInTransaction: () => inTransaction,
    exec: async () => [],
  };
  return { db: db as unknown as Db & Pick<PGlite, 'exec'>, order };
}

const msg = (type: string, tag: string) => new Uint8Array(Buffer.from(`${type}${tag}`, 'latin1'));

/** Sends one connection's messages one after another, as the socket handler does. */
async function connection(queue: SessionQueue, id: number, messages: Uint8Array[]) {
  for (const m of messages) await queue.enqueue(id, m, () => undefined);
}

describe('the embedded Postgres session queue', () => {
  it('keeps a connection’s extended-protocol batch together until its Sync', async () => {
    const { db, order } = fakeSession();
    const queue = new SessionQueue(db);
    await Promise.all([
      connection(queue, 1, [msg('P', 'a1'), msg('B', 'a1'), msg('E', 'a1'), msg('S', 'a1')]),
      connection(queue, 2, [msg('P', 'b2'), msg('B', 'b2'), msg('E', 'b2'), msg('S', 'b2')]),
    ]);
    const owners = order.map((m) => m.slice(1));
    // Each batch runs whole: no message of one connection between another's Parse and Sync.
    expect(owners).toEqual(['a1', 'a1', 'a1', 'a1', 'b2', 'b2', 'b2', 'b2']);
  });

  it('keeps the session with a connection for the whole of its transaction', async () => {
    const { db, order } = fakeSession();
    const queue = new SessionQueue(db);
    await Promise.all([
      connection(queue, 1, [msg('Q', 'BEGIN'), msg('P', 'x'), msg('S', 'x'), msg('Q', 'COMMIT')]),
      connection(queue, 2, [msg('Q', 'other')]),
    ]);
    expect(order).toEqual(['QBEGIN', 'Px', 'Sx', 'QCOMMIT', 'Qother']);
  });
});

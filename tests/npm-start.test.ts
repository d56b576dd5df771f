import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '@gg/shared/src/testing';
import {
  childPids,
  freePort,
  listening,
  NO_REDIS,
  processAlive,
  spawnStart,
  untilGone,
  untilRunning,
  type StartedProcess,
} from './start-process';

/** A stack trace line: what a person starting the platform should never have to read. */
const STACK_LINE = /^\s+at /m;

/** `npm start` as the README gives it: signals to npm's own process, a second start, a wrong DATABASE_URL. */
describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gg-npm-start-'));
  const otherDir = mkdtempSync(join(tmpdir(), 'gg-npm-start-other-'));
  const running: StartedProcess[] = [];

  afterAll(() => {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  // The signal tests run on the local Postgres, which starts in a moment; the embedded one is tried above them.
  const signalDatabase = new URL(TEST_DATABASE_URL);
  signalDatabase.pathname = `${signalDatabase.pathname}_npm_start`;

  afterAll(async () => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${signalDatabase.pathname.slice(1)}" WITH (FORCE)`).finally(() => client.end());
  });

  /** `npm start` until it serves (embedded on the shared data directory, or on Postgres); with the pid of the node under npm. */
  async function npmStart(port: number, on: 'embedded' | 'postgres' = 'postgres', options: { ownProcessGroup?: boolean } = {}) {
    const database = on === 'embedded' ? { EMBEDDED_PG_DIR: dataDir } : { DATABASE_URL: signalDatabase.toString() };
    const start = spawnStart({ PORT: String(port), REDIS_URL: NO_REDIS, ...database }, 'npm', options);
    running.push(start);
    await untilRunning(start);
    const [node] = childPids(start.child.pid!);
    expect(node).toBeDefined();
    return { ...start, node: node! };
  }

  /** A start that must refuse: its exit code and what it printed. */
  async function refusedStart(env: NodeJS.ProcessEnv) {
    const start = spawnStart({ REDIS_URL: NO_REDIS, ...env });
    running.push(start);
    return { code: await start.exited, output: start.output() };
  }

  async function expectStopped(start: { exited: Promise<number | string>; node: number }, port: number) {
    await start.exited;
    await untilGone(start.node);
    expect(processAlive(start.node)).toBe(false);
    expect(await listening(port)).toBe(false);
  }

  describe('a second start while one runs', () => {
    let first: Awaited<ReturnType<typeof npmStart>>;
    let port: number;
    let blocker: Server | undefined;

    beforeAll(async () => {
      // The port the embedded Postgres always took: held by someone else, the start must still succeed.
      blocker = await new Promise<Server | undefined>((resolve) => {
        const server = createServer();
        server.once('error', () => resolve(undefined)); // already taken: the same situation
        server.listen(54329, '127.0.0.1', () => resolve(server));
      });
      port = await freePort();
      first = await npmStart(port, 'embedded');
    }, 120_000);

    afterAll(async () => {
      await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    });

    it('took a free port for the embedded Postgres', () => {
      expect(first.output()).toMatch(/embedded Postgres \(PGlite\) at postgres:\/\/postgres@127\.0\.0\.1:(?!54329\/)\d+\//);
    });

    it('on the same PORT: one line naming the port and what to type instead, no stack', async () => {
      const { code, output } = await refusedStart({ PORT: String(port), EMBEDDED_PG_DIR: dataDir });
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`\\[start\\] PORT: port ${port} is taken.*PORT=\\d+ npm start`));
      expect(output).not.toMatch(STACK_LINE);
    }, 60_000);

    it('on the same data directory: one line naming the other start and what to type instead, no stack', async () => {
      const { code, output } = await refusedStart({ PORT: String(await freePort()), EMBEDDED_PG_DIR: dataDir });
      expect(code).toBe(1);
      expect(output).toContain(`is in use by another npm start (pid ${first.node})`);
      expect(output).toMatch(/EMBEDDED_PG_DIR=\S+ PORT=\d+ REDIS_URL=redis:\/\/127\.0\.0\.1:1\/1 npm start/);
      expect(output).not.toMatch(STACK_LINE);
    }, 60_000);

    it('on a taken EMBEDDED_PG_PORT: one line saying so, no stack', async () => {
      const pgPort = /127\.0\.0\.1:(\d+)\/postgres/.exec(first.output())![1]!;
      const { code, output } = await refusedStart({ PORT: String(await freePort()), EMBEDDED_PG_DIR: otherDir, EMBEDDED_PG_PORT: pgPort });
      expect(code).toBe(1);
      expect(output).toContain(`[start] EMBEDDED_PG_PORT: port ${pgPort} is taken; unset EMBEDDED_PG_PORT`);
      expect(output).not.toMatch(STACK_LINE);
    }, 60_000);

    it('SIGINT to the npm process stops the platform: npm exits, node is gone, the port is closed', async () => {
      first.child.kill('SIGINT');
      await expectStopped(first, port);
      expect(first.output()).toContain('[shutdown] SIGINT: closing');
    }, 60_000);
  });

  it('SIGTERM to the npm process stops the platform, leaving no node serving', async () => {
    const port = await freePort();
    const start = await npmStart(port);
    start.child.kill('SIGTERM');
    await expectStopped(start, port);
    expect(start.output()).toContain('[shutdown] SIGTERM: closing');
  }, 90_000);

  it.each(['SIGTERM', 'SIGHUP'] as const)(
    '%s to node stops it, and npm with it',
    async (signal) => {
      const port = await freePort();
      const start = await npmStart(port);
      process.kill(start.node, signal);
      await expectStopped(start, port);
      expect(start.output()).toContain(`[shutdown] ${signal}: closing`);
    },
    90_000,
  );

  it('Ctrl-C in a terminal (SIGINT to the whole process group, which npm forwards once more) closes everything in order', async () => {
    const port = await freePort();
    const start = await npmStart(port, 'postgres', { ownProcessGroup: true });
    process.kill(-start.child.pid!, 'SIGINT');
    await expectStopped(start, port);
    expect(start.output()).toContain('[shutdown] SIGINT: closing');
    expect(start.output()).not.toContain('without waiting');
    expect(await start.exited).toBe(0);
  }, 90_000);

  it('npm killed outright (SIGKILL): node notices its parent is gone and stops', async () => {
    const port = await freePort();
    const start = await npmStart(port);
    start.child.kill('SIGKILL');
    await untilGone(start.node);
    expect(await listening(port)).toBe(false);
  }, 90_000);

  describe('a wrong DATABASE_URL', () => {
    const url = new URL(TEST_DATABASE_URL);
    const missing = `${url.pathname.slice(1)}_never_created`;
    const role = `${url.pathname.slice(1)}_no_createdb`;
    const admin = async (sql: string) => {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };

    beforeAll(async () => {
      await admin(`DROP DATABASE IF EXISTS "${missing}"`);
      await admin(`DROP ROLE IF EXISTS "${role}"`);
      await admin(`CREATE ROLE "${role}" LOGIN NOCREATEDB`);
    });

    afterAll(async () => {
      await admin(`DROP DATABASE IF EXISTS "${missing}"`);
      await admin(`DROP ROLE IF EXISTS "${role}"`);
    });

    it('nothing listening: one line naming host and port and how to fix it, no stack', async () => {
      const deadPort = await freePort();
      const { code, output } = await refusedStart({
        PORT: String(await freePort()),
        DATABASE_URL: `postgres://postgres@127.0.0.1:${deadPort}/gg`,
      });
      expect(code).toBe(1);
      expect(output).toContain(`[start] DATABASE_URL: nothing answers at 127.0.0.1:${deadPort}; start Postgres there`);
      expect(output).toContain('or unset DATABASE_URL to use the embedded Postgres');
      expect(output).not.toMatch(STACK_LINE);
    }, 60_000);

    it('a missing database the user may not create: one line saying so and how to create it, nothing created', async () => {
      const target = new URL(TEST_DATABASE_URL);
      target.username = role;
      target.pathname = `/${missing}`;
      const { code, output } = await refusedStart({ PORT: String(await freePort()), DATABASE_URL: target.toString() });
      expect(code).toBe(1);
      expect(output).toContain(`[start] DATABASE_URL: database "${missing}" does not exist at`);
      expect(output).toContain(`${role} may not create it; create it (createdb`);
      expect(output).not.toMatch(STACK_LINE);
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [missing]).finally(() => client.end());
      expect(found.rowCount).toBe(0);
    }, 60_000);

    it('an invalid URL: the environment problem, no stack', async () => {
      const { code, output } = await refusedStart({ PORT: String(await freePort()), DATABASE_URL: 'not a url' });
      expect(code).toBe(1);
      expect(output).toContain('[env] DATABASE_URL: Invalid URL');
      expect(output).not.toMatch(STACK_LINE);
    }, 60_000);
  });
});

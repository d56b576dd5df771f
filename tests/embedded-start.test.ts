import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TEST_REDIS_URL } from '@gg/shared/src/testing';

const ROOT = join(__dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` itself: PGlite, migrations, demo data, five subgraphs and the gateway, then Ctrl-C. */
describe('the embedded start', () => {
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'gg-embedded-'));

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs the start script until it says it is running; returns the process and what it printed. */
  async function boot(port: number, redisUrl: string) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: '0',
      REDIS_URL: redisUrl,
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const printed = { output: '' };
    child.stdout!.on('data', (chunk: Buffer) => (printed.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (printed.output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (printed.output.includes('Grassroots Graph is running')) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start exited early:\n${printed.output}`));
        }
      }, 100);
    });
    const token = /Token[^\n]*\n\s+(\S+)/.exec(printed.output)![1]!;
    return { child, output: printed.output, token };
  }

  function stop(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGINT');
    });
  }

  it('boots on PGlite with demo data, answers a cross-subgraph query, and stops cleanly', async () => {
    const port = await freePort();
    const { child, output, token } = await boot(port, TEST_REDIS_URL);
    const url = /Gateway:\s+(\S+)/.exec(output)![1]!;
    expect(url).toBe(`http://localhost:${port}/graphql`);
    const response = await request(`http://localhost:${port}`).post('/graphql').set('authorization', `Bearer ${token}`).send({
      query:
        '{ region(code: "520201001001") { name partyOrganisations { edges { node { name } } } grids { name } volunteerTeams { name } propertyCompanies { name } collectiveOrganisations { name } } }',
    });
    expect(response.body.errors).toBeUndefined();
    const region = response.body.data.region;
    expect(region.name).toBe('明湖社区');
    expect(region.partyOrganisations.edges.length).toBeGreaterThan(0);
    for (const field of ['grids', 'volunteerTeams', 'propertyCompanies', 'collectiveOrganisations']) {
      expect(region[field].length).toBeGreaterThan(0);
    }
    // Many requests at once: the five services' connections share one embedded Postgres session.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(`http://localhost:${port}`)
          .post('/graphql')
          .set('authorization', `Bearer ${token}`)
          .send({
            query: `{ r${i}: region(code: "520201001001") { name grids { code } volunteerTeams { name } propertyCompanies { name } collectiveOrganisations { name } partyOrganisations { edges { node { name } } } } }`,
          }),
      ),
    );
    expect(burst.flatMap((r) => r.body.errors ?? [])).toEqual([]);
    expect(await stop(child)).toBe(0);
  }, 90_000);

  it('serves without Redis, says how to start it, and reports jobs unavailable', async () => {
    const port = await freePort();
    const { child, output, token } = await boot(port, 'redis://127.0.0.1:1');
    expect(output).toMatch(/Redis is unreachable.*redis-server --daemonize yes/);
    const base = `http://localhost:${port}`;
    const response = await request(base)
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({ query: '{ region(code: "520201") { name } }' });
    expect(response.body.data.region.name).toBe('钟山区');
    const health = await request(base).get('/health');
    expect(health.body.subgraphs.grid).toMatchObject({ database: 'up', redis: 'unavailable', jobs: 'unavailable' });
    expect(await stop(child)).toBe(0);
  }, 90_000);
});

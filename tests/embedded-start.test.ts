import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TEST_REDIS_URL } from '@gg/shared/src/testing';
import { freePort, printedGateway, printedTryIt, ROOT, spawnStart, untilRunning, type StartedProcess } from './start-process';

/** `npm start` itself: PGlite, migrations, demo data, five subgraphs and the gateway, then Ctrl-C. */
describe('the embedded start', () => {
  const started: StartedProcess[] = [];
  const checkout = mkdtempSync(join(tmpdir(), 'gg-embedded-'));
  // As in a fresh checkout: not even .data exists yet.
  const dataDir = join(checkout, '.data', 'pglite');

  afterAll(() => {
    for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(checkout, { recursive: true, force: true });
  });

  /** Runs the start script until it says it is running; returns the process and what it printed. */
  async function boot(port: number, redisUrl: string) {
    const start = spawnStart({ PORT: String(port), EMBEDDED_PG_DIR: dataDir, REDIS_URL: redisUrl }, 'node');
    started.push(start);
    await untilRunning(start);
    return { ...start, ...printedGateway(start.output()) };
  }

  async function stop(start: StartedProcess): Promise<number | string> {
    start.child.kill('SIGINT');
    return start.exited;
  }

  it('boots on PGlite with demo data, answers a cross-subgraph query, and stops cleanly', async () => {
    const port = await freePort();
    const start = await boot(port, TEST_REDIS_URL);
    expect(start.url).toBe(`http://localhost:${port}/graphql`);
    const response = await request(`http://localhost:${port}`).post('/graphql').set('authorization', `Bearer ${start.token}`).send({
      query:
        '{ region(code: "520201001001") { name partyOrganisations { edges { node { name } } } grids { edges { node { name } } } volunteerTeams { edges { node { name } } } propertyCompanies { edges { node { name } } } collectiveOrganisations { edges { node { name } } } } }',
    });
    expect(response.body.errors).toBeUndefined();
    const region = response.body.data.region;
    expect(region.name).toBe('明湖社区');
    // Every list of a region is a connection: the demo's records of 明湖社区 arrive as edges.
    for (const field of ['partyOrganisations', 'grids', 'volunteerTeams', 'propertyCompanies', 'collectiveOrganisations']) {
      expect(region[field].edges.length).toBeGreaterThan(0);
    }
    // Many requests at once: the five services' connections share one embedded Postgres session.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(`http://localhost:${port}`)
          .post('/graphql')
          .set('authorization', `Bearer ${start.token}`)
          .send({
            query: `{ r${i}: region(code: "520201001001") { name grids { edges { node { code } } } volunteerTeams { edges { node { name } } } propertyCompanies { edges { node { name } } } collectiveOrganisations { edges { node { name } } } partyOrganisations { edges { node { name } } } } }`,
          }),
      ),
    );
    expect(burst.flatMap((r) => r.body.errors ?? [])).toEqual([]);
    expect(await stop(start)).toBe(0);
  }, 90_000);

  it('serves without Redis, says how to start it, and reports jobs unavailable; its "Try it" command works pasted as it is', async () => {
    const port = await freePort();
    const start = await boot(port, 'redis://127.0.0.1:1');
    expect(start.output()).toMatch(/Redis is unreachable.*redis-server --daemonize yes/);

    const pasted = printedTryIt(start.output());
    expect(pasted).toContain(start.token); // the whole token, not a shortened one
    const tried = JSON.parse(execFileSync('bash', ['-c', pasted], { cwd: ROOT, encoding: 'utf8' })) as {
      data?: { region: { name: string; children: unknown[] } };
      errors?: unknown;
    };
    expect(tried.errors).toBeUndefined();
    expect(tried.data!.region.name).toBe('钟山区');
    expect(tried.data!.region.children.length).toBeGreaterThan(0);

    const base = `http://localhost:${port}`;
    const response = await request(base)
      .post('/graphql')
      .set('authorization', `Bearer ${start.token}`)
      .send({ query: '{ region(code: "520201") { name } }' });
    expect(response.body.data.region.name).toBe('钟山区');
    const health = await request(base).get('/health');
    expect(health.body.subgraphs.grid).toMatchObject({ database: 'up', redis: 'unavailable', jobs: 'unavailable' });
    expect(await stop(start)).toBe(0);
  }, 90_000);
});

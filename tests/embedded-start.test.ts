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
  let child: ChildProcess;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'gg-embedded-'));

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots on PGlite with demo data, answers a cross-subgraph query, and stops cleanly', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port + 0),
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: '0',
      REDIS_URL: TEST_REDIS_URL,
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('Grassroots Graph is running')) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start exited early:\n${output}`));
        }
      }, 100);
    });

    const url = /Gateway:\s+(\S+)/.exec(output)![1]!;
    const token = /Token[^\n]*\n\s+(\S+)/.exec(output)![1]!;
    expect(url).toBe(`http://localhost:${port}/graphql`);
    const response = await request(url.replace(/\/graphql$/, ''))
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({
        query:
          '{ region(code: "520201001001") { name partyOrganisations { name } grids { name } volunteerTeams { name } propertyCompanies { name } collectiveOrganisations { name } } }',
      });
    expect(response.body.errors).toBeUndefined();
    const region = response.body.data.region;
    expect(region.name).toBe('明湖社区');
    for (const field of ['partyOrganisations', 'grids', 'volunteerTeams', 'propertyCompanies', 'collectiveOrganisations']) {
      expect(region[field].length).toBeGreaterThan(0);
    }

    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGINT');
    });
    expect(exitCode).toBe(0);
  }, 90_000);
});

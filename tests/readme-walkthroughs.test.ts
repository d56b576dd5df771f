import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import request from 'supertest';
import { TEST_DATABASE_URL } from '@gg/shared/src/testing';
import { graphqlOutsideWalkthroughs, readWalkthroughs, valuesOf, type Step } from './readme-walkthroughs';
import { freePort, NO_REDIS, printedGateway, ROOT, spawnStart, untilRunning, type StartedProcess } from './start-process';

const run = promisify(execFile);
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's gateway, as a reader's `npm start` serves it. */
const README_GATEWAY = 'http://localhost:4000';

/** A database of its own: the demo data would change what other tests count in the test database. */
function walkthroughDatabaseUrl(): { url: string; name: string; admin: string } {
  const url = new URL(TEST_DATABASE_URL);
  const name = `${url.pathname.slice(1)}_readme`;
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  url.pathname = `/${name}`;
  return { url: url.toString(), name, admin: admin.toString() };
}

async function onAdmin(admin: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Every README walkthrough, run step by step against `npm start` with the demo data, tokens from the README's own commands. */
describe('README walkthroughs', () => {
  const walkthroughs = readWalkthroughs(README);
  const database = walkthroughDatabaseUrl();
  const tokens = new Map<string, string>();
  let started: StartedProcess;
  let base: string;

  /** Runs a shell command from the README as written, in the repository, against the test gateway. */
  async function shell(command: string): Promise<string> {
    const { stdout } = await run('bash', ['-c', command.replaceAll(README_GATEWAY, base)], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development' },
    });
    return stdout;
  }

  /** The token an `npm run token -- …` command prints: its last line (npm prints its banner above). */
  async function tokenOf(command: string): Promise<string> {
    if (!tokens.has(command)) {
      const lines = (await shell(command)).trim().split('\n');
      tokens.set(command, lines[lines.length - 1]!.trim());
    }
    return tokens.get(command)!;
  }

  beforeAll(async () => {
    // Missing on purpose: npm start creates it (and says so).
    await onAdmin(database.admin, `DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
    const port = await freePort();
    started = spawnStart({ PORT: String(port), DATABASE_URL: database.url, REDIS_URL: NO_REDIS }, 'node');
    await untilRunning(started);
    base = new URL(printedGateway(started.output()).url).origin;
  }, 120_000);

  afterAll(async () => {
    if (started?.child.exitCode === null) {
      started.child.kill('SIGTERM');
      await started.exited;
    }
    await onAdmin(database.admin, `DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
  });

  it('finds the walkthroughs, and every GraphQL example of the README is in one', () => {
    expect(walkthroughs.map((w) => w.name)).toEqual(
      expect.arrayContaining(['querying the graph', 'the Party organisation chain', 'a case from report to close']),
    );
    expect(graphqlOutsideWalkthroughs(README)).toEqual([]);
  });

  it('npm start created the missing database', () => {
    expect(started.output()).toContain(`created database "${database.name}"`);
  });

  it.each(walkthroughs.map((w) => [w.name, w.steps] as const))(
    'walkthrough "%s" runs as written',
    async (_name, steps) => {
      let carriedId: string | undefined;
      for (const step of steps) {
        const where = `step: ${step.text}`;
        if (step.kind === 'command') {
          if (step.makesToken) {
            expect({ where, token: await tokenOf(step.text) }).toEqual({ where, token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
          } else {
            const answer = JSON.parse(await shell(step.text)) as { data?: unknown; errors?: unknown };
            expect({ where, errors: answer.errors, data: answer.data ?? null }).toEqual({
              where,
              errors: undefined,
              data: expect.anything(),
            });
          }
          continue;
        }
        carriedId = await runOperation(step, where, carriedId);
      }
    },
    120_000,
  );

  async function runOperation(step: Extract<Step, { kind: 'operation' }>, where: string, carriedId: string | undefined) {
    // Each step says whose token it is sent with, and the README says how to make that token.
    expect({ where, role: step.role ?? 'no role named in its comment' }).toEqual({ where, role: expect.stringMatching(/^[A-Z_]+$/) });
    expect({ where, token: step.token?.command ?? `no "npm run token -- --role ${step.role}" in the README` }).toEqual({
      where,
      token: expect.stringMatching(/^npm run/),
    });
    if (step.text.includes('"…"'))
      expect({ where, carriedId: carriedId ?? 'no id answered before' }).toEqual({
        where,
        carriedId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    const query = step.text.replaceAll('"…"', JSON.stringify(carriedId));
    const response = await request(base)
      .post('/graphql')
      .set('authorization', `Bearer ${await tokenOf(step.token!.command)}`)
      .send({ query });
    const answer = response.body as {
      data?: Record<string, unknown> | null;
      errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
    };
    if (step.refused) {
      // A refusal the README shows: that code, naming that field; nothing answered, nothing carried.
      const error = answer.errors?.[0];
      expect({ where, code: error?.extensions?.code, field: step.refused.field && error?.extensions?.field }).toEqual({
        where,
        code: step.refused.code,
        field: step.refused.field,
      });
      return carriedId;
    }
    expect({ where, errors: answer.errors }).toEqual({ where, errors: undefined });
    const values = valuesOf(answer.data);
    for (const value of step.expected) expect({ where, [value]: values.includes(value) }).toEqual({ where, [value]: true });
    if (!step.mutation) return carriedId;
    const answered = Object.values(answer.data ?? {})
      .map((v) => (Array.isArray(v) ? (v[0] as unknown) : v))
      .find((v): v is { id: string } => typeof (v as { id?: unknown } | null)?.id === 'string');
    return answered?.id ?? carriedId;
  }
});

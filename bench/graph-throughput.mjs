// Benchmark: requests per second and latency through the gateway, for a one-subgraph query and a
// query across all five subgraphs, with the platform started by `npm start`.
// Usage: node bench/graph-throughput.mjs [--embedded] [--seconds 10] [--connections 10]
// Without --embedded it uses the local Postgres (database gg_bench, recreated). Prints figures only.
import { spawn, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// The queries live in one file that a test validates against the graph (tests/bench-queries.test.ts).
const QUERIES = JSON.parse(readFileSync(new URL('./queries.json', import.meta.url), 'utf8'));

const { values } = parseArgs({
  options: {
    embedded: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const root = join(import.meta.dirname, '..');
const port = 4700;
const env = { ...process.env, PORT: String(port), NODE_ENV: 'development' };
const dataDir = mkdtempSync(join(tmpdir(), 'gg-bench-'));
if (values.embedded) {
  delete env.DATABASE_URL;
  Object.assign(env, { EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: '0' });
} else {
  execSync(`psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS gg_bench" -c "CREATE DATABASE gg_bench"`);
  env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/gg_bench';
}

const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
child.stdout.on('data', (c) => (output += c));
while (!/Token[^\n]*\n\s+(\S+)/.test(output)) {
  if (child.exitCode !== null) throw new Error(output);
  await new Promise((r) => setTimeout(r, 50));
}
const token = /Token[^\n]*\n\s+(\S+)/.exec(output)[1];

async function measure(label, query) {
  const body = JSON.stringify({ query });
  const send = async () => {
    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = await response.json();
    if (json.errors) throw new Error(JSON.stringify(json.errors));
  };
  for (let i = 0; i < 50; i++) await send(); // warm up
  const latencies = [];
  const until = performance.now() + Number(values.seconds) * 1000;
  await Promise.all(
    Array.from({ length: Number(values.connections) }, async () => {
      while (performance.now() < until) {
        const start = performance.now();
        await send();
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((x, y) => x - y);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(
    `${label}: ${(latencies.length / Number(values.seconds)).toFixed(0)} req/s, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`,
  );
}

try {
  console.log(`${values.embedded ? 'embedded PGlite' : 'local Postgres'}, ${values.connections} connections, ${values.seconds} s each`);
  await measure('one subgraph (volunteer teams of a community)', QUERIES.oneSubgraph);
  await measure(
    'five subgraphs (a community with its organisations, grids, teams, companies, collective organisations)',
    QUERIES.fiveSubgraphs,
  );
} finally {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

// Benchmark: `npm start` (embedded) from a fresh data directory and again on the existing one:
// seconds to the first answered cross-subgraph query, and the platform's resident memory.
// Usage: node bench/embedded-start.mjs   (prints figures; asserts nothing)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The queries live in one file that a test validates against the graph (tests/bench-queries.test.ts).
const QUERIES = JSON.parse(readFileSync(new URL('./queries.json', import.meta.url), 'utf8'));

const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'gg-bench-'));
const port = 4600;

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}
function peakMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function run(label) {
  const started = performance.now();
  const env = { ...process.env, PORT: String(port), EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: '0' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  while (!/Token[^\n]*\n\s+(\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(output);
    await new Promise((r) => setTimeout(r, 50));
  }
  const token = /Token[^\n]*\n\s+(\S+)/.exec(output)[1];
  const response = await fetch(`http://localhost:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERIES.firstQuery }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  const seconds = (performance.now() - started) / 1000;
  // Let start-up settle, then exercise the graph a little before reading memory.
  for (let i = 0; i < 200; i++) {
    await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERIES.warmUp }),
    });
  }
  const rss = rssMb(child.pid);
  const peak = peakMb(child.pid);
  child.kill('SIGINT');
  const code = await new Promise((r) => child.once('exit', r));
  console.log(
    `${label}: first answered query after ${seconds.toFixed(1)} s; RSS ${rss.toFixed(0)} MB (peak ${peak.toFixed(0)} MB); exit ${code}`,
  );
}

try {
  await run('fresh data directory');
  await run('existing data directory');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

/** Test helpers for `npm start` run as a person runs it: a child process, its output, its signals. */

export const ROOT = join(__dirname, '..');

/** Redis nobody listens on: a started platform runs no workers, so it never takes other tests' jobs. */
export const NO_REDIS = 'redis://127.0.0.1:1';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface StartedProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
}

/**
 * Spawns the start command with the given environment (DATABASE_URL removed unless given).
 * `command` is `npm start` by default, as the README says; the embedded tests may start node directly.
 */
export function spawnStart(
  env: NodeJS.ProcessEnv,
  command: 'npm' | 'node' = 'npm',
  options: { ownProcessGroup?: boolean } = {},
): StartedProcess {
  const merged: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', ...env };
  if (!('DATABASE_URL' in env)) delete merged.DATABASE_URL;
  // Its own process group, as a terminal's foreground job: Ctrl-C there signals the whole group.
  const spawnOptions = {
    cwd: ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'] as StdioOptions,
    detached: options.ownProcessGroup ?? false,
  };
  const child: ChildProcess =
    command === 'npm'
      ? spawn('npm', ['start'], spawnOptions)
      : spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], spawnOptions);
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => printed, exited };
}

/** Waits until the start says it is running; fails with what it printed when it exits first. */
export async function untilRunning(started: StartedProcess): Promise<void> {
  let exitedEarly = false;
  void started.exited.then(() => (exitedEarly = true));
  while (!started.output().includes('Grassroots Graph is running')) {
    if (exitedEarly) throw new Error(`npm start exited early:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The gateway URL and the token the start printed. */
export function printedGateway(output: string): { url: string; token: string } {
  return {
    url: /Gateway:\s+(\S+)/.exec(output)![1]!,
    token: /Token[^\n]*\n\s+(\S+)/.exec(output)![1]!,
  };
}

/** The lines of the printed "Try it" command, as a person would select and paste them. */
export function printedTryIt(output: string): string {
  const after = output.split('Try it:\n')[1] ?? '';
  return after.split('\n\n')[0]!;
}

/** The pids of a process's children (Linux `ps`). */
export function childPids(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim();
  // ps exits 1 with no output when there are none; execFileSync throws then, handled by the caller's expectation.
  return out ? out.split(/\s+/).map(Number) : [];
}

/** True while the process runs; an exited one nobody has reaped yet (a zombie) counts as gone. */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until a process has gone (the test's timeout bounds the wait). */
export async function untilGone(pid: number): Promise<void> {
  while (processAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** True when something accepts TCP connections on the port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import { Client, escapeIdentifier } from 'pg';

/**
 * What stops `npm start` that the person starting it can fix: printed as one line saying what is
 * wrong and what to do, never as a stack.
 */
export class StartProblem extends Error {
  override readonly name = 'StartProblem';
}

// ─── Ports ────────────────────────────────────────────────────────────────────

/** Refuses a port another program holds, before the slow part of the start-up rather than after it. */
export async function requirePortFree(port: number, host: string, what: string, fix: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new StartProblem(`${what}: port ${port} is taken (another npm start, or another program); ${fix}`));
      else if (error.code === 'EACCES') reject(new StartProblem(`${what}: port ${port} needs privileges this user lacks; ${fix}`));
      else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

// ─── The embedded Postgres data directory ─────────────────────────────────────

/**
 * One PGlite instance per data directory: two processes writing the same files corrupt them. The
 * lock file holds the owner's pid; a lock whose process is gone (killed, machine restarted) is taken over.
 */
export function lockDataDirectory(dataDir: string, shownAs: string, fix: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true }); // a fresh checkout has no .data yet
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new StartProblem(`The embedded Postgres data in ${shownAs} is in use by another npm start (pid ${owner}); ${fix}`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new StartProblem(`Could not lock ${lockPath}: remove it if no npm start is running`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ─── DATABASE_URL ─────────────────────────────────────────────────────────────

const UNSET_HINT = 'or unset DATABASE_URL to use the embedded Postgres';

/** The URL without its password, for messages. */
function whereIs(url: URL): string {
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

function databaseName(url: URL): string {
  return decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres';
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A connection that breaks later must not throw out of nowhere: errors surface on the query.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Checks that DATABASE_URL reaches a database before anything runs on it, says in one line what is
 * wrong when it does not, and creates the database when only it is missing and the user may create it.
 * Returns what it did worth telling (the creation), if anything.
 */
export async function ensureDatabase(databaseUrl: string): Promise<string | undefined> {
  const url = new URL(databaseUrl);
  const name = databaseName(url);
  try {
    await (await connect(databaseUrl)).end();
    return undefined;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw new StartProblem(explain(error, url));
  }
  // Only the database is missing: create it from the server's maintenance database, as the same user.
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = name === 'postgres' ? '/template1' : '/postgres';
  let client: Client;
  try {
    client = await connect(maintenance.toString());
  } catch (error) {
    throw new StartProblem(`DATABASE_URL: database "${name}" does not exist at ${whereIs(url)}, and ${explain(error, maintenance)}`);
  }
  try {
    await client.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
    return `created database "${name}" at ${whereIs(url)}`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P04') return undefined; // created meanwhile by someone else: it exists, which is what we need
    const user = decodeURIComponent(url.username) || 'the current user';
    if (code === '42501') {
      throw new StartProblem(
        `DATABASE_URL: database "${name}" does not exist at ${whereIs(url)} and ${user} may not create it; ` +
          `create it (createdb -h ${url.hostname} -p ${url.port || '5432'} ${name}, as a user who may) or point DATABASE_URL at an existing database, ${UNSET_HINT}`,
      );
    }
    throw new StartProblem(
      `DATABASE_URL: database "${name}" does not exist at ${whereIs(url)} and creating it failed: ${(error as Error).message}`,
    );
  } finally {
    await client.end();
  }
}

/** One line for a connection that failed: what is wrong and what to change. */
function explain(error: unknown, url: URL): string {
  const { code, message } = error as { code?: string; message?: string };
  const where = whereIs(url);
  const user = decodeURIComponent(url.username) || 'the current user';
  switch (code) {
    case 'ECONNREFUSED':
      return `DATABASE_URL: nothing answers at ${url.hostname}:${url.port || '5432'}; start Postgres there (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or fix the host and port in DATABASE_URL, ${UNSET_HINT}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL: the host ${url.hostname} is unknown; fix the host in DATABASE_URL, ${UNSET_HINT}`;
    case '28P01':
    case '28000':
      return `DATABASE_URL: Postgres at ${where} refused ${user} (${message}); fix the user or password in DATABASE_URL, ${UNSET_HINT}`;
    case '3D000':
      return `DATABASE_URL: database ${url.pathname.slice(1)} does not exist at ${where}; create it or fix DATABASE_URL, ${UNSET_HINT}`;
    default:
      return `DATABASE_URL: cannot use the Postgres at ${where}: ${message ?? String(error)}; fix DATABASE_URL, ${UNSET_HINT}`;
  }
}

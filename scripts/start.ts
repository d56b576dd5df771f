import 'reflect-metadata';
import { DEFAULT_PORTS, InvalidEnvironment, parseEnv, redisReachable, signBearerToken, START_REDIS_HINT } from '@gg/shared';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { startEmbeddedPostgres } from './embedded-postgres';
import { Lifecycle } from './lifecycle';
import { startPlatform } from './platform';
import { ensureDatabase, lockDataDirectory, requirePortFree, StartProblem } from './preflight';
import { freePortFrom, otherRedisDatabase, tryItCommand } from './start-output';

/**
 * `npm start`: the whole platform on this machine. Without DATABASE_URL it runs an embedded
 * Postgres (PGlite, data under .data/pglite); with it, that Postgres. Demo data is loaded.
 */
async function main(life: Lifecycle) {
  const started = Date.now();
  const env = parseEnv({
    PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_PORTS.gateway),
    // 0: any free port. Only the platform itself connects to it, so a fixed port would only collide.
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    EMBEDDED_PG_DIR: z.string().default(join(__dirname, '..', '.data', 'pglite')),
  });
  const port = Number(env.PORT);
  const otherPort = async () => `PORT=${await freePortFrom(port + 1)}`;
  await requirePortFree(port, '0.0.0.0', 'PORT', `stop what holds it, or choose another port: ${await otherPort()} npm start`);

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const dir = env.EMBEDDED_PG_DIR;
    const shown = relative(process.cwd(), dir).startsWith('..') ? dir : relative(process.cwd(), dir) || '.';
    const unlock = lockDataDirectory(
      dir,
      shown,
      `stop that one, or give this one its own data (and Redis database, or each takes the other's jobs): ` +
        `EMBEDDED_PG_DIR=${shown}-2 ${await otherPort()} REDIS_URL=${otherRedisDatabase(env.REDIS_URL)} npm start`,
    );
    life.add(async () => unlock());
    const pgPort = Number(env.EMBEDDED_PG_PORT);
    const embedded = await startEmbeddedPostgres(dir, pgPort).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new StartProblem(
        `EMBEDDED_PG_PORT: port ${pgPort} is taken; unset EMBEDDED_PG_PORT to let npm start pick a free port, or choose another`,
      );
    });
    life.add(() => embedded.stop());
    databaseUrl = embedded.url;
    console.info(`[start] embedded Postgres (PGlite) at ${embedded.url}, data in ${shown}`);
  } else {
    const done = await ensureDatabase(databaseUrl);
    if (done) console.info(`[start] ${done}`);
  }
  if (life.stopRequested) return life.stop();

  const redisUp = await redisReachable(env.REDIS_URL);
  if (!redisUp) {
    console.warn(
      `[start] WARNING: Redis is unreachable at ${env.REDIS_URL}: the graph serves, but scheduled jobs are unavailable; ${START_REDIS_HINT}`,
    );
  }

  // The embedded Postgres runs every statement of all five services one at a time in this process: a
  // fetch may wait its turn for seconds, so it gets a longer deadline unless one is set.
  const subgraphTimeout = !env.DATABASE_URL && !process.env.SUBGRAPH_TIMEOUT_MS ? { SUBGRAPH_TIMEOUT_MS: 30_000 } : {};
  const platform = await startPlatform({
    env: { ...env, ...subgraphTimeout },
    databaseUrl,
    gatewayPort: port,
    seedDemo: true,
    workers: redisUp,
  }).catch(async (error: unknown) => {
    // Taken between the check above and now.
    if (error instanceof Error && /already in use/.test(error.message)) {
      throw new StartProblem(`PORT: port ${port} is taken; choose another port: ${await otherPort()} npm start`);
    }
    throw error;
  });
  life.add(() => platform.stop());
  if (life.stopRequested) return life.stop();

  const token = await signBearerToken(
    { sub: 'demo-city-admin', name: '六盘水市管理员', roles: ['CITY_ADMIN'], regions: ['5202'] },
    { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
  );
  console.info(`
Grassroots Graph is running (${((Date.now() - started) / 1000).toFixed(1)} s).

  Gateway:  ${platform.gateway.url}
  Token (CITY_ADMIN of 六盘水 5202, 12 h):
    ${token}

  Try it:
${tryItCommand(platform.gateway.url, token)}

  Other tokens: npm run token -- --role COUNTY_ADMIN --region 520201
  Stop: Ctrl-C
`);
  await life.running();
}

const life = new Lifecycle();
void main(life).catch(async (error: unknown) => {
  if (error instanceof StartProblem) console.error(`[start] ${error.message}`);
  else if (!(error instanceof InvalidEnvironment)) console.error(error); // an invalid environment printed each problem already
  await life.stop(1);
});

import 'reflect-metadata';
import { DEFAULT_PORTS, onShutdown, parseEnv, redisReachable, signBearerToken, START_REDIS_HINT } from '@gg/shared';
import { join } from 'node:path';
import { z } from 'zod';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { startPlatform } from './platform';

/**
 * `npm start`: the whole platform on this machine. Without DATABASE_URL it runs an embedded
 * Postgres (PGlite, data under .data/pglite); with it, that Postgres. Demo data is loaded.
 */
async function main() {
  const started = Date.now();
  const env = parseEnv({
    PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_PORTS.gateway),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
    EMBEDDED_PG_DIR: z.string().default(join(__dirname, '..', '.data', 'pglite')),
  });

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(env.EMBEDDED_PG_DIR, env.EMBEDDED_PG_PORT);
    databaseUrl = embedded.url;
    console.info(`[start] embedded Postgres (PGlite) at ${embedded.url}, data in ${env.EMBEDDED_PG_DIR}`);
  }

  const redisUp = await redisReachable(env.REDIS_URL);
  if (!redisUp) {
    console.warn(
      `[start] WARNING: Redis is unreachable at ${env.REDIS_URL}: the graph serves, but scheduled jobs are unavailable; ${START_REDIS_HINT}`,
    );
  }

  // The embedded Postgres runs every statement of all five services one at a time in this process: a
  // fetch may wait its turn for seconds, so it gets a longer deadline unless one is set.
  const subgraphTimeout = embedded && !process.env.SUBGRAPH_TIMEOUT_MS ? { SUBGRAPH_TIMEOUT_MS: 30_000 } : {};
  const platform = await startPlatform({
    env: { ...env, ...subgraphTimeout },
    databaseUrl,
    gatewayPort: Number(env.PORT),
    seedDemo: true,
    workers: redisUp,
  });
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
    curl -s ${platform.gateway.url} -H 'content-type: application/json' \\
      -H "authorization: Bearer ${token.slice(0, 12)}…" \\
      -d '{"query":"{ region(code: \\"520201\\") { name children { name } } }"}'

  Other tokens: npm run token -- --role COUNTY_ADMIN --region 520201
  Stop: Ctrl-C
`);

  onShutdown(async () => {
    await platform.stop();
    await embedded?.stop();
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import {
  createTokenVerifier,
  DEFAULT_PORTS,
  envPrefix,
  onShutdown,
  parseEnv,
  startTracing,
  stopTracing,
  SERVICE_NAMES,
  subgraphSecretOf,
  type ServiceName,
} from '@gg/shared';
import { z } from 'zod';
import { readCommittedSupergraph } from './supergraph-file';
import { startGateway } from './gateway';

/** Gateway entry when started on its own (docker-compose): subgraph URLs and secrets from the environment. */
async function main() {
  const env = parseEnv({ PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway) });
  await startTracing('gateway', env.OTEL_TRACING === 'on');
  const urls = {} as Record<ServiceName, string>;
  const secrets = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) {
    urls[name] = process.env[`${envPrefix(name)}_URL`] ?? `http://localhost:${DEFAULT_PORTS[name]}/graphql`;
    secrets[name] = subgraphSecretOf(name, process.env, env.NODE_ENV);
  }
  const gateway = await startGateway(
    {
      supergraphSdl: readCommittedSupergraph(),
      subgraphUrls: urls,
      subgraphSecrets: secrets,
      verifyBearer: createTokenVerifier({
        secret: env.JWT_SECRET,
        jwksUrl: env.JWT_JWKS_URL,
        jwksTimeoutMs: env.JWKS_TIMEOUT_MS,
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
      }),
      production: env.NODE_ENV === 'production',
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      jwksUrl: env.JWT_JWKS_URL,
      redisUrl: env.REDIS_URL,
    },
    Number(env.PORT),
  );
  console.info(`[gateway] ready at ${gateway.url}`);
  onShutdown(async () => {
    await gateway.stop();
    await stopTracing();
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

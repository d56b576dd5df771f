import { z } from 'zod';

/** The five domain subgraphs, in the order the gateway lists them. */
export const SERVICE_NAMES = ['organisation', 'grid', 'volunteer', 'property', 'collective-economy'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Default local ports: the gateway on 4000, subgraphs after it. */
export const DEFAULT_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 4000,
  organisation: 4001,
  grid: 4002,
  volunteer: 4003,
  property: 4004,
  'collective-economy': 4005,
};

/** `collective-economy` → `COLLECTIVE_ECONOMY`, the prefix of that service's variables. */
export function envPrefix(service: ServiceName): string {
  return service.toUpperCase().replace(/-/g, '_');
}

/** Postgres schema owned by a service: one schema each, no service reads another's tables. */
export function schemaNameOf(service: ServiceName): string {
  return service.replace(/-/g, '_');
}

const DEV_JWT_SECRET = 'grassroots-graph-development-jwt-secret';

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** HS256 secret for bearer tokens (ignored when JWT_JWKS_URL is set). */
  JWT_SECRET: z.string().min(16).optional(),
  /** RS256 verification through a JWKS endpoint, e.g. the city's identity provider. */
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().default('grassroots-graph'),
  JWT_AUDIENCE: z.string().default('grassroots-graph'),
  /** 32-byte key (hex or base64) for AES-256-GCM encryption of resident ID numbers. */
  PII_ENCRYPTION_KEY: z.string().optional(),
  /** Key of the HMAC used for exact look-up of encrypted personal identifiers. */
  PII_HASH_KEY: z.string().optional(),
  /** Gateway: how long one subgraph fetch may take before its fields answer SUBGRAPH_UNAVAILABLE. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(5000),
  /** Gateway: how long a fetch of the JWKS key set may take (JWT_JWKS_URL). */
  JWKS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3000),
  /** OpenTelemetry tracing, off by default (docs/operations.md). */
  OTEL_TRACING: z.enum(['on', 'off']).default('off'),
});

export type BaseEnv = z.infer<typeof baseSchema> & {
  JWT_SECRET: string;
  PII_ENCRYPTION_KEY: string;
  PII_HASH_KEY: string;
};

/**
 * Parses the environment once, prints every problem and exits non-zero when it is wrong.
 * Development and test get working defaults for secrets; production must set each of them.
 */
export function parseEnv<T extends z.ZodRawShape>(extra: T, source: NodeJS.ProcessEnv = process.env): BaseEnv & z.infer<z.ZodObject<T>> {
  const schema = baseSchema.extend(extra);
  const result = schema.safeParse(source);
  if (!result.success) {
    failEnv(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = result.data as z.infer<typeof baseSchema> & z.infer<z.ZodObject<T>>;
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  const need = (name: string, value: string | undefined, devDefault: string): string => {
    if (value) return value;
    if (production) problems.push(`${name}: required in production`);
    return devDefault;
  };
  const jwtSecret = env.JWT_JWKS_URL ? (env.JWT_SECRET ?? '') : need('JWT_SECRET', env.JWT_SECRET, DEV_JWT_SECRET);
  const piiKey = need('PII_ENCRYPTION_KEY', env.PII_ENCRYPTION_KEY, '0'.repeat(63) + '1');
  const piiHashKey = need('PII_HASH_KEY', env.PII_HASH_KEY, 'grassroots-graph-development-pii-hash');
  if (problems.length) failEnv(problems);
  return { ...env, JWT_SECRET: jwtSecret, PII_ENCRYPTION_KEY: piiKey, PII_HASH_KEY: piiHashKey };
}

/** Reads a subgraph's own variables: its port and the secret it shares with the gateway. */
export function subgraphEnv(service: ServiceName, source: NodeJS.ProcessEnv = process.env) {
  const prefix = envPrefix(service);
  const env = parseEnv(
    {
      PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS[service]),
      [`${prefix}_SUBGRAPH_SECRET`]: z.string().min(16).optional(),
    },
    source,
  );
  return { ...env, PORT: env.PORT as number, subgraphSecret: subgraphSecretOf(service, source, env.NODE_ENV) };
}

/**
 * The secret a subgraph shares with the gateway (`<SERVICE>_SUBGRAPH_SECRET`).
 * Outside production a fixed development secret is used so the embedded start needs no set-up.
 */
export function subgraphSecretOf(
  service: ServiceName,
  source: NodeJS.ProcessEnv = process.env,
  nodeEnv: string = source.NODE_ENV ?? 'development',
): string {
  const value = source[`${envPrefix(service)}_SUBGRAPH_SECRET`];
  if (value) return value;
  if (nodeEnv === 'production') failEnv([`${envPrefix(service)}_SUBGRAPH_SECRET: required in production`]);
  return `development-subgraph-secret-${service}`;
}

/** Every variable the code reads, so the compose file can be checked against it. */
export function requiredVariablesOf(service: ServiceName | 'gateway'): string[] {
  const common = ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'PII_ENCRYPTION_KEY', 'PII_HASH_KEY'];
  if (service === 'gateway') {
    return ['NODE_ENV', 'PORT', 'JWT_SECRET', ...SERVICE_NAMES.flatMap((s) => [`${envPrefix(s)}_URL`, `${envPrefix(s)}_SUBGRAPH_SECRET`])];
  }
  return [...common, 'PORT', `${envPrefix(service)}_SUBGRAPH_SECRET`];
}

/** A wrong environment; each problem is already printed, so a start script need not print a stack too. */
export class InvalidEnvironment extends Error {
  override readonly name = 'InvalidEnvironment';
}

function failEnv(problems: string[]): never {
  for (const p of problems) console.error(`[env] ${p}`);
  throw new InvalidEnvironment(`Invalid environment: ${problems.join('; ')}`);
}

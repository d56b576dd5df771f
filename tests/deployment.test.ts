import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { requiredVariablesOf, SERVICE_NAMES } from '@gg/shared';

interface ComposeService {
  environment?: Record<string, string>;
  healthcheck?: { test: unknown };
  command?: string[];
}

const ROOT = join(__dirname, '..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** Docker cannot run here, so the compose file is checked against what the code reads. */
describe('docker-compose.yml', () => {
  it.each(
    SERVICE_NAMES.flatMap((s) => [
      [s, s],
      [`${s}-worker`, s],
    ]),
  )('runs %s with every variable the code reads', (entry, service) => {
    const definition = compose.services[entry];
    expect(definition).toBeDefined();
    expect(definition!.healthcheck).toBeDefined();
    expect(Object.keys(definition!.environment ?? {})).toEqual(
      expect.arrayContaining(requiredVariablesOf(service as (typeof SERVICE_NAMES)[number])),
    );
    expect(definition!.environment!.SERVICE).toBe(service);
  });

  it('runs the gateway with every subgraph URL and secret', () => {
    const gateway = compose.services.gateway!;
    expect(Object.keys(gateway.environment ?? {})).toEqual(expect.arrayContaining(requiredVariablesOf('gateway')));
    expect(gateway.healthcheck).toBeDefined();
  });

  it('runs Postgres and Redis with health checks, Redis with AOF and no eviction', () => {
    expect(compose.services.postgres?.healthcheck).toBeDefined();
    const redis = compose.services.redis!;
    expect(redis.healthcheck).toBeDefined();
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  it('names no service the code does not have', () => {
    const known = new Set(['postgres', 'redis', 'gateway', ...SERVICE_NAMES, ...SERVICE_NAMES.map((s) => `${s}-worker`)]);
    expect(Object.keys(compose.services).filter((s) => !known.has(s))).toEqual([]);
  });

  it('has a Dockerfile that can run any service, its worker and the gateway', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/services\/\$SERVICE\/src\/\$ENTRY\.ts/);
    expect(dockerfile).toMatch(/gateway\/src\/index\.ts/);
  });
});

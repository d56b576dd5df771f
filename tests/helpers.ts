import 'reflect-metadata';
import { eventSubscriberFor, parseEnv, signBearerToken, type IdentityClaims } from '@gg/shared';
import { TEST_DATABASE_URL, TEST_REDIS_URL, claimTestStreet, type GraphQLResult } from '@gg/shared/src/testing';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { startPlatform, type RunningPlatform } from '../scripts/platform';
import { SERVICES } from '../scripts/services';

export const testEnv = parseEnv({}, { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL });

/** The whole platform in-process on random ports against the test database, without workers. */
export function startTestPlatform(): Promise<RunningPlatform> {
  return startPlatform({ env: testEnv, databaseUrl: TEST_DATABASE_URL, gatewayPort: 0, seedDemo: false, workers: false });
}

export function tokenFor(claims: Partial<IdentityClaims> = {}): Promise<string> {
  return signBearerToken(
    { sub: 'e2e-user', name: '测试', roles: ['COUNTY_ADMIN'], regions: ['520201'], ...claims },
    { secret: testEnv.JWT_SECRET, issuer: testEnv.JWT_ISSUER, audience: testEnv.JWT_AUDIENCE },
  );
}

/** Posts an operation to the gateway with a bearer token (none when token is null). */
export async function gql<T = Record<string, unknown>>(
  platform: RunningPlatform,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T> & { status: number }> {
  const req = request(platform.gateway.url.replace(/\/graphql$/, ''))
    .post('/graphql')
    .set('content-type', 'application/json');
  if (token) req.set('authorization', `Bearer ${token}`);
  const response = await req.send({ query, variables });
  return { ...(response.body as GraphQLResult<T>), status: response.status };
}

/**
 * Every service handles the events published so far (the platform's subscribers poll; a test that
 * writes a reference right after seeding must not race them). Safe beside them: the cursor lock
 * shares the work.
 */
export async function catchUpEvents(platform: RunningPlatform): Promise<void> {
  for (const service of SERVICES)
    if (platform.dataSources[service.name]) await eventSubscriberFor(service, platform.dataSources[service.name]).catchUp();
}

/**
 * Seeds a fresh street with one community under a county in the organisation schema; returns their
 * codes once every service has heard of them (services check region codes against their references).
 */
export async function seedCommunity(
  platform: RunningPlatform,
  county: string,
  name = '测试社区',
): Promise<{ street: string; community: string }> {
  const { street, communities } = await claimTestStreet(platform.dataSources.organisation, county, [{ name }]);
  await catchUpEvents(platform);
  return { street, community: communities[0]! };
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A random unified social credit code with a correct GB 32100 check character. */
export function randomCreditCode(division = '520201'): string {
  let body = `91${division}`;
  while (body.length < 17) body += CREDIT_CHARS[randomInt(0, 31)];
  const sum = [...body].reduce((acc, ch, i) => acc + CREDIT_CHARS.indexOf(ch) * CREDIT_WEIGHTS[i]!, 0);
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

export function randomGridCode(): string {
  return `WG-${randomInt(0, 1e9).toString().padStart(9, '0')}`;
}

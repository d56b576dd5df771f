import { SERVICE_NAMES, envPrefix } from '@gg/shared';
import { TEST_DATABASE_URL } from '@gg/shared/src/testing';
import request from 'supertest';
import { startPlatform, type RunningPlatform } from '../scripts/platform';
import { gql, startTestPlatform, testEnv, tokenFor } from './helpers';
import { QUERY_LIMITS } from '../gateway/src/limits';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('gateway limits and modes', () => {
  let development: RunningPlatform;
  let production: RunningPlatform;
  let token: string;

  beforeAll(async () => {
    development = await startTestPlatform();
    for (const name of SERVICE_NAMES) process.env[`${envPrefix(name)}_SUBGRAPH_SECRET`] = `production-test-secret-${name}`;
    production = await startPlatform({
      env: { ...testEnv, NODE_ENV: 'production' },
      databaseUrl: TEST_DATABASE_URL,
      gatewayPort: 0,
      seedDemo: false,
      workers: false,
    });
    token = await tokenFor();
  });
  afterAll(async () => {
    await development.stop();
    await production.stop();
    for (const name of SERVICE_NAMES) delete process.env[`${envPrefix(name)}_SUBGRAPH_SECRET`];
  });

  it('refuses queries beyond the depth, alias and root-field limits with a clear error', async () => {
    const deep = `{ region(code: "520201") { ${'parent { '.repeat(QUERY_LIMITS.maxDepth)}code${' }'.repeat(QUERY_LIMITS.maxDepth)} } }`;
    const result = await gql(development, token, deep);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' } });
    const roots = Array.from({ length: QUERY_LIMITS.maxRootFields + 1 }, (_, i) => `r${i}: regions { code }`).join(' ');
    expect((await gql(development, token, `{ ${roots} }`)).errors?.[0]?.extensions).toMatchObject({ limit: 'maxRootFields' });
  });

  it('refuses a query text above the size limit', async () => {
    const padding = ' '.repeat(QUERY_LIMITS.maxQueryLength);
    const result = await gql(development, token, `{ regions { code } }${padding}`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'maxQueryLength' });
  });

  it('does not echo a personal value that fails coercion', async () => {
    const result = await gql(development, token, 'query ($r: String!) { householdMemberByResidentId(residentId: $r) { id } }', {
      r: 5202011990030712,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.errors)).not.toMatch(/520201199003071/);
  });

  it('keeps introspection and stack traces in development', async () => {
    expect((await gql(development, token, INTROSPECTION)).errors).toBeUndefined();
    const bad = await gql(
      development,
      token,
      'mutation { createGrid(input: { code: "A", name: "x", kind: COMPREHENSIVE, regionCode: "520201001001" }) { id } }',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).toContain('stacktrace');
  });

  it('hides stack traces and disables introspection and the explorer in production', async () => {
    const introspection = await gql(production, token, INTROSPECTION);
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const bad = await gql(
      production,
      token,
      'mutation { createGrid(input: { code: "A", name: "x", kind: COMPREHENSIVE, regionCode: "520201001001" }) { id } }',
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(JSON.stringify(bad.errors)).not.toContain('stacktrace');
    const landingPage = (platform: RunningPlatform) =>
      request(platform.gateway.url.replace(/\/graphql$/, ''))
        .get('/graphql')
        .set('accept', 'text/html');
    expect((await landingPage(development)).headers['content-type']).toMatch(/html/);
    expect((await landingPage(production)).headers['content-type']).not.toMatch(/html/);
  });
});

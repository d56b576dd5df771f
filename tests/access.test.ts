import { signGatewayIdentity, subgraphSecretOf } from '@gg/shared';
import { testIdentity } from '@gg/shared/src/testing';
import request from 'supertest';
import type { RunningPlatform } from '../scripts/platform';
import { gql, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';

describe('who may call the graph', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.stop());

  it('answers UNAUTHENTICATED without a bearer token, or with a forged one; /health is open', async () => {
    const anonymous = await gql(platform, null, '{ regions { code } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gql(platform, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', '{ regions { code } }');
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const health = await request(platform.gateway.url.replace(/\/graphql$/, '')).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.subgraphs.grid).toMatchObject({ database: 'up', redis: 'up' });
  });

  it.each(['organisation', 'grid', 'volunteer', 'property', 'collective-economy'] as const)(
    'the %s subgraph refuses requests that did not come through the gateway',
    async (name) => {
      const url = platform.subgraphs[name].url;
      const post = (headers: Record<string, string>) =>
        request(url.replace(/\/graphql$/, ''))
          .post('/graphql')
          .set(headers)
          .send({ query: '{ __typename }' });
      expect((await post({ 'content-type': 'application/json' })).status).toBe(401);
      const forged = await signGatewayIdentity(
        testIdentity({ roles: ['CITY_ADMIN'], regionScopes: ['52'] }),
        name,
        'a-guessed-secret-that-is-wrong',
      );
      expect((await post({ 'content-type': 'application/json', 'x-gateway-identity': forged })).status).toBe(401);
      const genuine = await signGatewayIdentity(testIdentity(), name, subgraphSecretOf(name, {}, 'test'));
      expect((await post({ 'content-type': 'application/json', 'x-gateway-identity': genuine })).status).toBe(200);
    },
  );

  it('keeps one county out of another county’s records', async () => {
    const zhongshan = await tokenFor({ regions: ['520201'] });
    const tongzi = await tokenFor({ regions: ['520322'] });
    const { community } = await seedCommunity(platform, '520201');
    const created = await gql<{ createGrid: { id: string } }>(
      platform,
      zhongshan,
      'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
      {
        i: { code: randomGridCode(), name: '隔离测试网格', kind: 'COMPREHENSIVE', regionCode: community },
      },
    );
    const id = created.data!.createGrid.id;
    const read = `query ($id: ID!, $code: ID!) { grid(id: $id) { id } grids(regionCode: $code) { edges { node { id } } } }`;
    const own = await gql<{ grid: unknown; grids: unknown }>(platform, zhongshan, read, { id, code: community });
    expect(own.data).toEqual({ grid: { id }, grids: { edges: [{ node: { id } }] } });
    const other = await gql<{ grid: unknown; grids: unknown }>(platform, tongzi, read, { id, code: community });
    expect(other.data).toEqual({ grid: null, grids: { edges: [] } });
    const region = await gql(platform, tongzi, `{ region(code: "${community}") { code } }`);
    expect(region.data).toEqual({ region: null });
  });
});

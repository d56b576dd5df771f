import { parseEnv, subgraphSecretOf } from '../src/env';

describe('environment', () => {
  it('gives development defaults and refuses to start production without secrets', () => {
    expect(parseEnv({}, { NODE_ENV: 'development' }).JWT_SECRET.length).toBeGreaterThanOrEqual(16);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => parseEnv({}, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => subgraphSecretOf('grid', { NODE_ENV: 'production' })).toThrow(/GRID_SUBGRAPH_SECRET/);
    expect(() => parseEnv({}, { REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });

  it('reads a subgraph secret from its own variable', () => {
    expect(subgraphSecretOf('collective-economy', { COLLECTIVE_ECONOMY_SUBGRAPH_SECRET: 's3cret-s3cret-s3cret' })).toBe(
      's3cret-s3cret-s3cret',
    );
  });
});

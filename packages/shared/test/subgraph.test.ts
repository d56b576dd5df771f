import 'reflect-metadata';
import request from 'supertest';
import { dataSourceFor, startSubgraph } from '../src';
import { TEST_DATABASE_URL } from '../src/testing';
import { volunteerService } from '../../../services/volunteer/src/service';

describe('a subgraph without Redis', () => {
  it('still serves, and /health reports jobs unavailable', async () => {
    const dataSource = dataSourceFor(volunteerService, TEST_DATABASE_URL, 2);
    await dataSource.initialize();
    const subgraph = await startSubgraph(
      {
        service: 'volunteer',
        typeDefs: volunteerService.typeDefs,
        resolvers: volunteerService.resolvers,
        access: volunteerService.access,
        foreignEntities: volunteerService.foreignEntities,
        dataSource,
        secret: 'a-secret-for-this-test-only',
        redisUrl: 'redis://127.0.0.1:1', // nothing listens there
        production: false,
      },
      0,
    );
    try {
      const health = await request(subgraph.url.replace(/\/graphql$/, '')).get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        service: 'volunteer',
        status: 'degraded',
        database: 'up',
        redis: 'unavailable',
        jobs: 'unavailable',
      });
    } finally {
      await subgraph.stop();
      await dataSource.destroy();
    }
  });

  it('refuses to start when a root field has no access policy', async () => {
    const dataSource = dataSourceFor(volunteerService, TEST_DATABASE_URL, 1);
    const { 'Query.volunteerTeams': _dropped, ...incomplete } = volunteerService.access;
    await expect(
      startSubgraph(
        {
          service: 'volunteer',
          typeDefs: volunteerService.typeDefs,
          resolvers: volunteerService.resolvers,
          access: incomplete,
          foreignEntities: volunteerService.foreignEntities,
          dataSource,
          secret: 'a-secret-for-this-test-only',
          redisUrl: 'redis://127.0.0.1:1',
          production: false,
        },
        0,
      ),
    ).rejects.toThrow(/no access policy for Query.volunteerTeams/);
  });
});

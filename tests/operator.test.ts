import 'reflect-metadata';
import { JobRun, signGatewayIdentity, startSubgraph, subgraphSecretOf, type RunningSubgraph } from '@gg/shared';
import { TEST_REDIS_URL, testIdentity } from '@gg/shared/src/testing';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bullConnection } from '@gg/shared';
import type { RunningPlatform } from '../scripts/platform';
import { gridService } from '../services/grid/src/service';
import { startTestPlatform, tokenFor } from './helpers';

/**
 * The OPERATOR role reads job runs and failed jobs and retries them through the graph. The grid
 * subgraph runs here on a queue of the test's own, so no other test's worker takes its jobs.
 */
describe('operators and jobs', () => {
  let platform: RunningPlatform;
  let grid: RunningSubgraph;
  const queueName = `gg-operator-test-${randomUUID().slice(0, 8)}`;
  const connection = bullConnection(TEST_REDIS_URL);
  const queue = new Queue(queueName, { connection });

  const ask = async (roles: Array<'OPERATOR' | 'COUNTY_ADMIN'>, query: string, variables: Record<string, unknown> = {}) => {
    const identity = await signGatewayIdentity(testIdentity({ roles, regionScopes: ['52'] }), 'grid', subgraphSecretOf('grid', {}, 'test'));
    const response = await request(grid.url.replace(/\/graphql$/, ''))
      .post('/graphql')
      .set('x-gateway-identity', identity)
      .send({ query, variables });
    return response.body as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> };
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    grid = await startSubgraph(
      {
        service: 'grid',
        typeDefs: gridService.typeDefs,
        resolvers: gridService.resolvers,
        access: gridService.access,
        foreignEntities: gridService.foreignEntities,
        dataSource: platform.dataSources.grid,
        secret: subgraphSecretOf('grid', {}, 'test'),
        redisUrl: TEST_REDIS_URL,
        production: false,
        jobQueue: queueName,
      },
      0,
    );
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await grid.stop();
    await platform.stop();
  });

  it('pages through job runs, newest first; other roles are refused', async () => {
    const jobName = `operator-test-${randomUUID().slice(0, 8)}`;
    const runs = platform.dataSources.grid.getRepository(JobRun);
    for (let i = 0; i < 3; i++) {
      await runs.save({
        queue: queueName,
        jobName,
        jobId: `j${i}`,
        attempt: 1,
        status: i === 0 ? ('FAILED' as const) : ('SUCCEEDED' as const),
        startedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      });
    }
    const page = `query ($name: String, $after: String) { gridJobRuns(jobName: $name, first: 2, after: $after) {
      edges { cursor node { jobId status attempt } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { gridJobRuns: { edges: Array<{ node: { jobId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = (await ask(['OPERATOR'], page, { name: jobName })) as { data: Page };
    expect(first.data.gridJobRuns.edges.map((e) => e.node.jobId)).toEqual(['j2', 'j1']);
    expect(first.data.gridJobRuns.pageInfo.hasNextPage).toBe(true);
    const second = (await ask(['OPERATOR'], page, { name: jobName, after: first.data.gridJobRuns.pageInfo.endCursor })) as { data: Page };
    expect(second.data.gridJobRuns.edges.map((e) => e.node.jobId)).toEqual(['j0']);
    expect(second.data.gridJobRuns.pageInfo.hasNextPage).toBe(false);

    const failedOnly = (await ask(['OPERATOR'], '{ gridJobRuns(status: FAILED, first: 500) { edges { node { jobId jobName } } } }')) as {
      data: { gridJobRuns: { edges: Array<{ node: { jobName: string } }> } };
    };
    expect(failedOnly.data.gridJobRuns.edges.filter((e) => e.node.jobName === jobName)).toHaveLength(1);

    const refused = await ask(['COUNTY_ADMIN'], page, { name: jobName });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists a job that failed all its attempts and retries it', async () => {
    const events = new QueueEvents(queueName, { connection });
    await events.waitUntilReady();
    const failing = new Worker(
      queueName,
      async () => {
        throw new Error('the ledger is locked');
      },
      { connection },
    );
    try {
      const job = await queue.add('always-fails', { recordId: 'r1', requestId: 'req-operator-test' }, { attempts: 1 });
      await job.waitUntilFinished(events).catch(() => undefined);
      await failing.close();

      const failed = (await ask(['OPERATOR'], '{ gridFailedJobs { id name failedReason requestId attemptsMade } }')) as {
        data: { gridFailedJobs: Array<Record<string, unknown>> };
      };
      expect(failed.data.gridFailedJobs).toContainEqual({
        id: job.id,
        name: 'always-fails',
        failedReason: 'the ledger is locked',
        requestId: 'req-operator-test',
        attemptsMade: 1,
      });

      const retry = 'mutation ($id: ID!) { retryGridJob(jobId: $id) { id } }';
      expect((await ask(['COUNTY_ADMIN'], retry, { id: job.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await ask(['OPERATOR'], retry, { id: job.id })).errors).toBeUndefined();
      expect(await (await queue.getJob(job.id!))!.getState()).toBe('waiting');
      // A job that has not failed cannot be retried; an unknown one is not found.
      expect((await ask(['OPERATOR'], retry, { id: job.id })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await ask(['OPERATOR'], retry, { id: 'no-such-job' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await failing.close();
      await events.close();
    }
  });

  it('opens the job dashboard to operators only', async () => {
    const base = platform.gateway.url.replace(/\/graphql$/, '');
    expect((await request(base).get('/admin/jobs')).status).toBe(401);
    const admin = await tokenFor({ roles: ['COUNTY_ADMIN'] });
    expect((await request(base).get('/admin/jobs').set('authorization', `Bearer ${admin}`)).status).toBe(403);
    const operator = await tokenFor({ roles: ['OPERATOR'], regions: ['52'] });
    const page = await request(base).get('/admin/jobs').set('cookie', `gg_operator_token=${operator}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<html/i);
    const api = await request(base).get('/admin/jobs/api/queues').set('authorization', `Bearer ${operator}`);
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.body)).toContain('gg-grid');
  });
});

import { configureLogging, JobQueue, bullConnection, defineJob, runInRequestScope, startJobWorker, queueNameOf } from '@gg/shared';
import { TEST_REDIS_URL } from '@gg/shared/src/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import request from 'supertest';
import { z } from 'zod';
import type { RunningPlatform } from '../scripts/platform';
import { startTestPlatform, tokenFor } from './helpers';

/** Log lines written while a test runs, parsed. */
function captureLogs(): { lines: Array<Record<string, unknown>>; raw: string[] } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  configureLogging({ level: 'info', destination });
  return {
    raw,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

describe('logs and metrics', () => {
  let platform: RunningPlatform;
  const logs = captureLogs();

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    await platform.stop();
    configureLogging({ level: 'silent' });
  });

  it('writes one JSON line per request on the gateway and each subgraph, with one request id and nothing personal', async () => {
    const token = await tokenFor({ sub: 'log-test-subject', roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    const requestId = `test-${randomUUID()}`;
    const response = await request(platform.gateway.url.replace(/\/graphql$/, ''))
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', requestId)
      .send({
        query:
          'query RegionWithGrids($code: ID!, $id: String!) { region(code: $code) { name grids { totalCount } } householdMemberByResidentId(residentId: $id) { id } }',
        variables: { code: '520201', id: '52020119900307121X' },
      });
    expect(response.headers['x-request-id']).toBe(requestId);
    const mine = logs.lines.filter((line) => line.requestId === requestId);
    const services = mine.map((line) => line.service);
    expect(services).toEqual(expect.arrayContaining(['gateway', 'organisation', 'grid']));
    for (const line of mine) {
      expect(line).toMatchObject({ operationName: 'RegionWithGrids', subject: 'log-test-subject', msg: 'graphql request' });
      expect(typeof line.durationMs).toBe('number');
    }
    const text = logs.raw.join('\n');
    expect(text).not.toContain('52020119900307121X');
    expect(text).not.toContain(token);
  });

  it('carries the request id into a job and its worker’s lines', async () => {
    const service = `test-${randomUUID().slice(0, 8)}`;
    const connection = bullConnection(TEST_REDIS_URL);
    const echo = defineJob({ name: 'echo', payload: z.object({ recordId: z.string() }), handler: async () => ({ ok: true }) });
    const worker = await startJobWorker({ service, dataSource: platform.dataSources.grid, connection, jobs: [echo] });
    const producer = new JobQueue(service, connection);
    try {
      const requestId = `test-${randomUUID()}`;
      const job = await runInRequestScope({ requestId }, () => producer.enqueue(echo, { recordId: 'r1' }));
      expect(job.data).toMatchObject({ recordId: 'r1', requestId });
      for (let i = 0; i < 100 && !logs.lines.some((l) => l.requestId === requestId && l.msg === 'job succeeded'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const lines = logs.lines.filter((l) => l.requestId === requestId).map((l) => l.msg);
      expect(lines).toEqual(expect.arrayContaining(['job started', 'job succeeded']));
    } finally {
      await worker.close();
      await producer.close();
      const queue = new Queue(queueNameOf(service), { connection });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('serves Prometheus metrics on the gateway and every subgraph', async () => {
    const gateway = await request(platform.gateway.url.replace(/\/graphql$/, '')).get('/metrics');
    expect(gateway.text).toMatch(/gg_graphql_requests_total\{[^}]*operation="RegionWithGrids"/);
    expect(gateway.text).toContain('gg_graphql_request_duration_seconds_bucket');
    expect(gateway.text).toContain('gg_subgraph_fetch_duration_seconds_bucket');
    const grid = await request(platform.subgraphs.grid.url.replace(/\/graphql$/, '')).get('/metrics');
    expect(grid.text).toMatch(/gg_database_pool_connections\{[^}]*state="idle"/);
    expect(grid.text).toMatch(/gg_job_runs_last_day\{[^}]*status="SUCCEEDED"/);
    expect(grid.text).toMatch(/gg_graphql_requests_total\{[^}]*operation="RegionWithGrids"/);
    // How long the oldest event another service published has waited to be handled here.
    expect(grid.text).toMatch(/gg_outbox_lag_seconds(\{[^}]*\})? \d/);
  });
});

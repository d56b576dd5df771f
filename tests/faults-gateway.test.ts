import { createTokenVerifier, SERVICE_NAMES, subgraphSecretOf, type ServiceName } from '@gg/shared';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { RunningPlatform } from '../scripts/platform';
import { readCommittedSupergraph } from '../gateway/src/compose';
import { startGateway, type GatewayOptions, type RunningGateway } from '../gateway/src/gateway';
import { overallStatus } from '../gateway/src/health';
import { seedCommunity, startTestPlatform, testEnv, tokenFor } from './helpers';

/** A server that accepts connections and never answers: a hung (stopped, not dead) subgraph. */
async function startHungServer(): Promise<{ url: string; open: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.resume(); // reads (and drops) what is sent, so a client closing its end is seen
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function base(gateway: RunningGateway): string {
  return gateway.url.replace(/\/graphql$/, '');
}

describe('gateway faults', () => {
  let platform: RunningPlatform;
  let token: string;
  const extra: RunningGateway[] = [];
  const secrets = Object.fromEntries(SERVICE_NAMES.map((s) => [s, subgraphSecretOf(s, process.env, 'test')])) as Record<
    ServiceName,
    string
  >;
  const urls = () => Object.fromEntries(SERVICE_NAMES.map((s) => [s, platform.subgraphs[s].url])) as Record<ServiceName, string>;

  /** A gateway in front of the running subgraphs, with options of the test's own. */
  async function gatewayWith(overrides: Partial<GatewayOptions>): Promise<RunningGateway> {
    const gateway = await startGateway(
      {
        supergraphSdl: readCommittedSupergraph(),
        subgraphUrls: urls(),
        subgraphSecrets: secrets,
        verifyBearer: createTokenVerifier({ secret: testEnv.JWT_SECRET, issuer: testEnv.JWT_ISSUER, audience: testEnv.JWT_AUDIENCE }),
        production: false,
        ...overrides,
      },
      0,
    );
    extra.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
  });
  afterAll(async () => {
    for (const gateway of extra) await gateway.stop();
    await platform.stop();
  });

  it('answers partial data and a clear error, within its deadline, when a subgraph hangs; the sockets are freed', async () => {
    const hung = await startHungServer();
    try {
      const gateway = await gatewayWith({ subgraphUrls: { ...urls(), volunteer: hung.url }, subgraphTimeoutMs: 1500 });
      const { community } = await seedCommunity(platform, '520201', '挂起测试社区');
      const query =
        'query ($code: ID!) { region(code: $code) { name grids { totalCount } volunteerTeams { totalCount } propertyCompanies { totalCount } } }';
      // More requests at once than a small pool would hold: none waits on another.
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          request(base(gateway))
            .post('/graphql')
            .set('authorization', `Bearer ${token}`)
            .send({ query, variables: { code: community } }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toHaveLength(1);
        expect(answer.body.data.region).toEqual({
          name: '挂起测试社区',
          grids: { totalCount: 0 },
          volunteerTeams: null,
          propertyCompanies: { totalCount: 0 },
        });
        expect(answer.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', service: 'volunteer', reason: 'TIMEOUT' });
      }
      // Every aborted fetch closed its connection: the hung subgraph holds nothing of the gateway's.
      await until(() => hung.open() === 0, 'the aborted connections to close');
      const metrics = await request(base(gateway)).get('/metrics');
      expect(metrics.text).toMatch(/gg_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="volunteer",outcome="timeout"\} [1-9]/);
    } finally {
      await hung.close();
    }
  });

  describe.each([false, true])('refusals are JSON with a code (production: %s)', (production) => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await gatewayWith({ production });
    });

    const expectRefusal = (response: request.Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body.errors[0].extensions.code).toBe(code);
      expect(response.text).not.toMatch(/<html|<pre>|at .*\.js:\d+/i);
    };

    it('refuses a subscription', async () => {
      const response = await request(base(gateway))
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send({ query: 'subscription { __typename }' });
      expectRefusal(response, 400, 'OPERATION_NOT_SUPPORTED');
    });

    it('refuses a body over the limit, bad JSON, another media type, another method and an unknown path', async () => {
      const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(200_000) } });
      const post = () => request(base(gateway)).post('/graphql').set('authorization', `Bearer ${token}`);
      expectRefusal(await post().set('content-type', 'application/json').send(big), 413, 'PAYLOAD_TOO_LARGE');
      expectRefusal(await post().set('content-type', 'application/json').send('{"query": '), 400, 'BAD_REQUEST');
      expectRefusal(await post().set('content-type', 'text/plain').send('{ __typename }'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectRefusal(await request(base(gateway)).put('/graphql').send({ query: '{ __typename }' }), 405, 'METHOD_NOT_ALLOWED');
      expectRefusal(
        await request(base(gateway)).get('/graphql?query=%7B__typename%7D').set('accept', 'application/json'),
        405,
        'METHOD_NOT_ALLOWED',
      );
      expectRefusal(await request(base(gateway)).get('/nothing-here'), 404, 'NOT_FOUND');
    });
  });

  describe('health from its parts', () => {
    it('is ok only when every part is ok, down when no subgraph answers', () => {
      expect(overallStatus(['ok', 'ok'])).toBe('ok');
      expect(overallStatus(['degraded', 'degraded'])).toBe('degraded');
      expect(overallStatus(['ok', 'down'])).toBe('degraded');
      expect(overallStatus(['down', 'down'])).toBe('down');
      expect(overallStatus(['ok', 'ok'], ['degraded'])).toBe('degraded');
    });

    it('says degraded when every subgraph says degraded, and down when none answers', async () => {
      const degraded = express().get('/health', (_req, res) => {
        res.json({ status: 'degraded', database: 'up', redis: 'unavailable' });
      });
      const server: HttpServer = await new Promise((resolve) => {
        const s = degraded.listen(0, () => resolve(s));
      });
      try {
        const port = (server.address() as AddressInfo).port;
        const allDegraded = Object.fromEntries(SERVICE_NAMES.map((s) => [s, `http://127.0.0.1:${port}/graphql`])) as Record<
          ServiceName,
          string
        >;
        const gateway = await gatewayWith({ subgraphUrls: allDegraded });
        const health = await request(base(gateway)).get('/health');
        expect(health.status).toBe(200);
        expect(health.body.status).toBe('degraded');
      } finally {
        server.close();
      }
      const nowhere = Object.fromEntries(SERVICE_NAMES.map((s) => [s, 'http://127.0.0.1:9/graphql'])) as Record<ServiceName, string>;
      const dead = await gatewayWith({ subgraphUrls: nowhere });
      const health = await request(base(dead)).get('/health');
      expect(health.status).toBe(503);
      expect(health.body.status).toBe('down');
    });
  });

  describe('the key server of RS256 tokens', () => {
    it('answers 503 with a clear code when it is down or hung, serves cached keys, and /health reports it', async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      const sign = (sub: string) =>
        new SignJWT({ roles: ['COUNTY_ADMIN'], regions: ['520201'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setSubject(sub)
          .setIssuer(testEnv.JWT_ISSUER)
          .setAudience(testEnv.JWT_AUDIENCE)
          .setExpirationTime('1h')
          .sign(privateKey);
      const keys = express().get('/jwks', (_req, res) => {
        res.json({ keys: [jwk] });
      });
      const keyServer: HttpServer = await new Promise((resolve) => {
        const s = keys.listen(0, () => resolve(s));
      });
      const jwksUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/jwks`;
      const verifier = (url: string) =>
        createTokenVerifier({ secret: '', jwksUrl: url, jwksTimeoutMs: 300, issuer: testEnv.JWT_ISSUER, audience: testEnv.JWT_AUDIENCE });
      const ask = (gateway: RunningGateway, bearer: string) =>
        request(base(gateway)).post('/graphql').set('authorization', `Bearer ${bearer}`).send({ query: '{ regions { code } }' });

      // Keys fetched once, then the key server stops: tokens still verify with the cached keys.
      const cached = await gatewayWith({ verifyBearer: verifier(jwksUrl), jwksUrl });
      expect((await ask(cached, await sign('first'))).status).toBe(200);
      await new Promise<void>((resolve) => {
        keyServer.close(() => resolve());
        keyServer.closeAllConnections();
      });
      const second = await ask(cached, await sign('second'));
      expect(second.status).toBe(200);
      expect(second.body.errors).toBeUndefined();
      const health = await request(base(cached)).get('/health');
      expect(health.body).toMatchObject({ keyServer: 'down', status: 'degraded' });

      // No keys cached and the key server down: 503 AUTH_KEYS_UNAVAILABLE, not 401.
      const down = await gatewayWith({ verifyBearer: verifier(jwksUrl), jwksUrl });
      const refused = await ask(down, await sign('third'));
      expect(refused.status).toBe(503);
      expect(refused.body.errors[0].extensions.code).toBe('AUTH_KEYS_UNAVAILABLE');

      // Hung: the same, after the key fetch's own deadline.
      const hung = await startHungServer();
      try {
        const stuck = await gatewayWith({ verifyBearer: verifier(hung.url), jwksUrl: hung.url });
        const answer = await ask(stuck, await sign('fourth'));
        expect(answer.status).toBe(503);
        expect(answer.body.errors[0].extensions.code).toBe('AUTH_KEYS_UNAVAILABLE');
      } finally {
        await hung.close();
      }
    });
  });

  describe('trusted documents', () => {
    const manifest = JSON.parse(
      readFileSync(join(__dirname, '..', 'gateway', 'trusted-documents', 'resident-mini-program.json'), 'utf8'),
    ) as {
      operations: Array<{ id: string; name: string; body: string }>;
    };
    const myCases = manifest.operations.find((o) => o.name === 'MyCases')!;

    it('lets a resident token run only registered operations in production; staff run any', async () => {
      const production = await gatewayWith({ production: true });
      const resident = await tokenFor({ roles: ['RESIDENT'], regions: ['520201001001'] });
      const post = (bearer: string, body: object) =>
        request(base(production)).post('/graphql').set('authorization', `Bearer ${bearer}`).send(body);

      const unknown = await post(resident, { query: '{ regions { code name } }' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');

      const byBody = await post(resident, { query: myCases.body, variables: { first: 5 } });
      expect(byBody.body.errors).toBeUndefined();
      expect(byBody.body.data.myCases.edges).toEqual(expect.any(Array));
      const byId = await post(resident, {
        extensions: { persistedQuery: { version: 1, sha256Hash: myCases.id } },
        variables: { first: 5 },
      });
      expect(byId.body.errors).toBeUndefined();
      expect(byId.body.data.myCases.edges).toEqual(expect.any(Array));

      const staff = await post(token, { query: '{ regions { code name } }' });
      expect(staff.body.errors).toBeUndefined();

      // Outside production the list is not enforced (the developers' own tools).
      const development = await gatewayWith({ production: false });
      const free = await request(base(development))
        .post('/graphql')
        .set('authorization', `Bearer ${resident}`)
        .send({ query: '{ regions { code } }' });
      expect(free.body.errors).toBeUndefined();
    });
  });
});

import 'reflect-metadata';
import { randomInt, randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { signGatewayIdentity, type Identity, type Role } from '../auth';
import { subgraphSecretOf } from '../env';
import type { ServiceDefinition } from '../service';
import { dataSourceFor } from '../service';
import { startSubgraph, type RunningSubgraph } from '../subgraph';
import { eventSubscriberFor } from '../service';
import type { EventSubscriber } from '../event-subscriber';
import { RegionAdded } from '../events';
import { appendToOutbox, eventMessage } from '../outbox';

/** The database the tests use: created afresh by the global setup, every service's migrations run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gg_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A caller; defaults to a county administrator of Zhongshan (520201). */
export function testIdentity(overrides: Partial<Identity> = {}): Identity {
  return {
    subject: `test-${randomUUID()}`,
    name: '测试用户',
    roles: ['COUNTY_ADMIN'] as Role[],
    regionScopes: ['520201'],
    gridIds: [],
    clientKind: 'PERSON',
    ...overrides,
  };
}

/**
 * A fresh random code under a parent, so tests seed their own regions and never collide:
 * `randomRegionCode('520201', 12)` → a community code in Zhongshan. A county has only a thousand
 * street codes, so a short suffix is claimed for the whole test run by creating a file named after
 * the code in the run's directory (made by the global setup): exclusive across workers and files.
 */
export function randomRegionCode(parent: string, length: 9 | 12): string {
  const digits = length - parent.length;
  const draw = () => parent + String(randomInt(0, 10 ** Math.min(digits, 12))).padStart(digits, '0');
  const runDir = process.env.GG_TEST_RUN_DIR;
  if (digits > 3 || !runDir) return draw();
  for (let attempt = 0; attempt < 10 ** digits; attempt++) {
    const code = draw();
    try {
      closeSync(openSync(join(runDir, code), 'wx'));
      return code;
    } catch {
      // taken by another test in this run: draw again
    }
  }
  throw new Error(`No free region code left under ${parent} in this test run`);
}

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } & Record<string, unknown> }>;
}

export interface TestSubgraph {
  dataSource: DataSource;
  subgraph: RunningSubgraph;
  /** The service's event subscriber (not polling: tests call `catchUp` when they need other services' events). */
  events: EventSubscriber;
  /** Handles every event other services have published so far (references, reactions) before the test goes on. */
  catchUp(): Promise<void>;
  /** Sends an operation to the subgraph as the gateway would, with the identity signed. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    identity?: Identity,
    operationName?: string,
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

/** One subgraph on a random port against the test database (migrated by the global setup). */
export async function startTestSubgraph(definition: ServiceDefinition): Promise<TestSubgraph> {
  const dataSource = dataSourceFor(definition, TEST_DATABASE_URL, 5);
  await dataSource.initialize();
  const secret = subgraphSecretOf(definition.name, {}, 'test');
  const subgraph = await startSubgraph(
    {
      service: definition.name,
      typeDefs: definition.typeDefs,
      resolvers: definition.resolvers,
      access: definition.access,
      foreignEntities: definition.foreignEntities,
      dataSource,
      secret,
      redisUrl: TEST_REDIS_URL,
      production: false,
      exports: definition.exports,
    },
    0,
  );
  const events = eventSubscriberFor(definition, dataSource, { backoffMs: 10 });
  return {
    dataSource,
    subgraph,
    events,
    catchUp: () => events.catchUp(),
    async query<T>(query: string, variables: Record<string, unknown> = {}, identity: Identity = testIdentity(), operationName?: string) {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-gateway-identity': await signGatewayIdentity(identity, definition.name, secret) },
        body: JSON.stringify({ query, variables, operationName }),
      });
      return (await response.json()) as GraphQLResult<T>;
    },
    async stop() {
      await subgraph.stop();
      await dataSource.destroy();
    },
  };
}

/**
 * SQL the schema builder would still run to match the entities: empty when the migrations
 * create exactly what the entities describe.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

/**
 * Claims a street no other test has: a county has only a thousand 9-digit street codes, so a random
 * one can collide when many test files seed streets at once. Inserts the street and its communities
 * into the organisation's region table, retrying with another code until the street is new.
 */
export async function claimTestStreet(
  organisation: DataSource,
  county: string,
  communities: Array<{ name: string }> = [{ name: '测试社区' }],
  streetName = '测试街道',
): Promise<{ street: string; communities: string[] }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const street = randomRegionCode(county, 9);
    const claimed: unknown[] = await organisation.query(
      `INSERT INTO organisation.region (code, name, level, parent_code) VALUES ($1, $2, 'STREET', $3) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [street, streetName, county],
    );
    if (claimed.length === 0) continue;
    const codes = communities.map((_, i) => `${street}${String(i + 1).padStart(3, '0')}`);
    for (const [i, code] of codes.entries()) {
      await organisation.query(`INSERT INTO organisation.region (code, name, level, parent_code) VALUES ($1, $2, 'COMMUNITY', $3)`, [
        code,
        communities[i]!.name,
        street,
      ]);
    }
    // Announce them as the organisation service does, so other services' reference tables learn them.
    await organisation.transaction((manager) =>
      appendToOutbox(manager, [
        eventMessage(RegionAdded, { code: street, level: 'STREET', parentCode: county }),
        ...codes.map((code) => eventMessage(RegionAdded, { code, level: 'COMMUNITY', parentCode: street })),
      ]),
    );
    return { street, communities: codes };
  }
  throw new Error(`No free street code left under ${county} in the test database`);
}

/**
 * Claims a city of a province that no other test has, with one county under it: for tests that
 * compare a county's or a city's figures before and after, which any other file writing in a shared
 * county (钟山区 is everyone's) would upset. City codes 50–99 are not real prefectures of the
 * provinces the tests use, so the demo's and other tests' regions never fall under them.
 */
export async function claimTestCity(organisation: DataSource, province = '52'): Promise<{ city: string; county: string }> {
  const runDir = process.env.GG_TEST_RUN_DIR;
  for (let attempt = 0; attempt < 200; attempt++) {
    const city = `${province}${randomInt(50, 100)}`;
    if (runDir) {
      try {
        closeSync(openSync(join(runDir, `city-${city}`), 'wx'));
      } catch {
        continue; // taken by another test in this run
      }
    }
    const claimed: unknown[] = await organisation.query(
      `INSERT INTO organisation.region (code, name, level, parent_code) VALUES ($1, '测试市', 'CITY', $2) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [city, province],
    );
    if (claimed.length === 0) continue;
    const county = `${city}01`;
    await organisation.query(`INSERT INTO organisation.region (code, name, level, parent_code) VALUES ($1, '测试县', 'COUNTY', $2)`, [
      county,
      city,
    ]);
    await organisation.transaction((manager) =>
      appendToOutbox(manager, [
        eventMessage(RegionAdded, { code: city, level: 'CITY', parentCode: province }),
        eventMessage(RegionAdded, { code: county, level: 'COUNTY', parentCode: city }),
      ]),
    );
    return { city, county };
  }
  throw new Error(`No free city code left under ${province} in the test database`);
}

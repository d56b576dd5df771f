import 'reflect-metadata';
import { randomRegionCode } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../scripts/platform';
import { gql, startTestPlatform, tokenFor } from './helpers';

/**
 * OPERATOR reads the events a service's consumers gave up on, and hands them to the consumer again
 * once the cause is fixed, through the graph; nobody else may.
 */
describe('operators and dead letters', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.stop());

  it('lists a dead letter, retries it into the reference table, and refuses other roles', async () => {
    const grid = platform.dataSources.grid;
    // A RegionAdded the grid consumer gave up on (e.g. while its table was locked): its region is unknown to grid.
    const code = randomRegionCode('520201', 9);
    const eventId = randomUUID();
    const [letter] = (await grid.query(
      `INSERT INTO grid.dead_letter_event (producer, position, event_id, name, version, payload, attempts, error)
       VALUES ('organisation', 0, $1, 'RegionAdded', 1, $2::jsonb, 5, 'the reference table was locked') RETURNING id`,
      [eventId, JSON.stringify({ code, level: 'STREET', parentCode: '520201' })],
    )) as Array<{ id: string }>;
    const operator = await tokenFor({ roles: ['OPERATOR'], regions: ['52'] });
    const admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });

    const LIST = '{ gridDeadLetters(first: 500) { totalCount edges { node { id name eventId attempts error resolvedAt } } } }';
    const listed = await gql<{ gridDeadLetters: { edges: Array<{ node: { id: string; error: string } }> } }>(platform, operator, LIST);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.gridDeadLetters.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ id: letter!.id, error: 'the reference table was locked' }),
    );
    expect((await gql(platform, admin, LIST)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const RETRY = 'mutation ($id: ID!) { retryGridDeadLetter(id: $id) { resolved error } }';
    expect((await gql(platform, admin, RETRY, { id: letter!.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const retried = await gql<{ retryGridDeadLetter: { resolved: boolean } }>(platform, operator, RETRY, { id: letter!.id });
    expect(retried.data?.retryGridDeadLetter).toEqual({ resolved: true, error: null });
    expect(await grid.query(`SELECT kind FROM grid.reference WHERE kind = 'REGION' AND key = $1`, [code])).toEqual([{ kind: 'REGION' }]);
    // Resolved: out of the default list, and a second retry finds nothing to do.
    const after = await gql<{ gridDeadLetters: { edges: Array<{ node: { id: string } }> } }>(platform, operator, LIST);
    expect(after.data!.gridDeadLetters.edges.map((e) => e.node.id)).not.toContain(letter!.id);
    expect((await gql(platform, operator, RETRY, { id: letter!.id })).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });

    const lag = await gql<{ gridEventLag: Array<{ producer: string; waiting: number }> }>(
      platform,
      operator,
      '{ gridEventLag { producer waiting } }',
    );
    expect(lag.data!.gridEventLag.map((l) => l.producer)).toEqual(expect.arrayContaining(['organisation']));
  });
});

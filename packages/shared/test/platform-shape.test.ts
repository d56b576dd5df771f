import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { z } from 'zod';
import {
  composeService,
  connectionOf,
  decodeCursor,
  defineCommand,
  defineModule,
  defineStateMachine,
  pastTense,
  encodeCursor,
  pageSizeOf,
  type AggregateModule,
} from '../src';

const link = parse('extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])');

function module(name: string, sdl: string, extra: Partial<AggregateModule> = {}): AggregateModule {
  return defineModule({ name, typeDefs: parse(sdl), ...extra });
}

describe('composeService', () => {
  const ping = defineCommand({ name: 'ping', input: z.object({ n: z.number() }), roles: ['COUNTY_ADMIN'], run: async (input) => input.n });

  it('builds one service from modules: SDL, resolvers, access from commands and rules, entities, consumers', () => {
    const service = composeService({
      name: 'volunteer',
      typeDefs: link,
      modules: [
        module('a', 'extend type Query { a: Int } extend type Mutation { ping(input: PingInput!): Int } input PingInput { n: Int! }', {
          commands: [ping],
          access: { 'Query.a': ['CITY_ADMIN'] },
          references: ['REGION', 'GRID'],
        }),
        module('b', 'extend type Query { b: Int }', { access: { 'Query.b': ['AUDITOR'] }, references: ['REGION'] }),
      ],
    });
    expect(service.access).toMatchObject({ 'Query.a': ['CITY_ADMIN'], 'Query.b': ['AUDITOR'], 'Mutation.ping': ['COUNTY_ADMIN'] });
    // ping from the module; the retries are the operators' pieces every service gets (job- and event-operations.ts).
    expect(Object.keys(service.resolvers.Mutation ?? {})).toEqual(['ping', 'retryVolunteerJob', 'retryVolunteerDeadLetter']);
    // REGION is needed by both modules but fed once.
    expect(service.consumers?.map((c) => c.event.name).sort()).toEqual(['GridCreated', 'GridRetired', 'RegionAdded']);
    expect(service.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['OutboxMessage', 'Reference', 'EventCursor', 'CountySettingRecord']),
    );
  });

  it.each([
    ['a field', [module('a', 'extend type Query { a: Int }'), module('b', 'extend type Query { a: Int }')], /fields.*Query\.a/],
    ['a module name', [module('a', 'extend type Query { a: Int }'), module('a', 'extend type Query { b: Int }')], /modules.*a/],
    [
      'an access rule',
      [
        module('a', 'extend type Query { a: Int }', { access: { 'Query.a': ['AUDITOR'] } }),
        module('b', 'extend type Query { b: Int }', { access: { 'Query.a': ['AUDITOR'] } }),
      ],
      /access rules.*Query\.a/,
    ],
    [
      'a command',
      [
        module('a', 'extend type Query { a: Int }', { commands: [ping] }),
        module('b', 'extend type Query { b: Int }', { commands: [ping] }),
      ],
      /resolvers.*Mutation\.ping/,
    ],
  ])('fails when two modules define %s', (_what, modules, message) => {
    expect(() => composeService({ name: 'volunteer', typeDefs: link, modules })).toThrow(message);
  });
});

describe('defineCommand', () => {
  it('parses the input at the edge: BAD_USER_INPUT naming the field, before any transaction', async () => {
    let transactions = 0;
    const command = defineCommand({
      name: 'rename',
      input: z.object({ name: z.string().min(2) }),
      roles: ['COUNTY_ADMIN'],
      run: async () => 'done',
    });
    const context = {
      dataSource: { transaction: () => (transactions += 1) },
      identity: {},
      loaders: new Map(),
      operationName: undefined,
    } as never;
    await expect(command.execute(context, { name: 'x' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
    });
    expect(transactions).toBe(0);
  });
});

describe('defineStateMachine', () => {
  const machine = defineStateMachine({
    subject: 'service order',
    states: ['ORDERED', 'DISPATCHED', 'ACCEPTED', 'DONE'],
    transitions: {
      DISPATCH: { from: ['ORDERED'], to: 'DISPATCHED', by: 'STAFF' },
      ACCEPT: { from: ['DISPATCHED'], to: 'ACCEPTED', by: 'TAKER' },
      FINISH: { from: ['ACCEPTED'], to: 'DONE', by: 'TAKER' },
    },
    parties: { STAFF: 'community staff', TAKER: 'the person it was dispatched to' },
  });

  it('answers FORBIDDEN for the wrong party whatever the state, CONFLICT for the wrong state', () => {
    expect(machine.problem('ACCEPT', 'ORDERED', (p) => p === 'STAFF')).toEqual({
      code: 'FORBIDDEN',
      message: 'Only the person it was dispatched to may accept this service order',
    });
    expect(machine.problem('ACCEPT', 'ORDERED', (p) => p === 'TAKER')?.code).toBe('CONFLICT');
    expect(machine.problem('ACCEPT', 'DISPATCHED', (p) => p === 'TAKER')).toBeUndefined();
    expect(() => machine.check('FINISH', 'ORDERED', () => true, 'input.orderId')).toThrow(/cannot be finished from ORDERED/);
    expect(machine.check('DISPATCH', 'ORDERED', () => true, 'input.orderId')).toBe('DISPATCHED');
  });

  it('words a CONFLICT with the step in the past tense: by rule, by the step’s own pastTense, or as a step', () => {
    const wishes = defineStateMachine({
      subject: 'wish',
      states: ['ON_WALL', 'CLAIMED', 'DONE'],
      transitions: {
        DECLINE: { from: ['CLAIMED'], to: 'ON_WALL', by: 'ANYONE' },
        RATE: { from: ['DONE'], to: 'DONE', by: 'ANYONE' },
        RESOLVE: { from: ['CLAIMED'], to: 'DONE', by: 'ANYONE' },
        CANCEL: { from: ['CLAIMED'], to: 'ON_WALL', by: 'ANYONE' },
        AUTO_CLOSE: { from: ['CLAIMED'], to: 'DONE', by: 'ANYONE' },
        RELEASE_CLAIM: { from: ['CLAIMED'], to: 'ON_WALL', by: 'ANYONE', pastTense: 'given back' },
        START_MEDIATION: { from: ['CLAIMED'], to: 'CLAIMED', by: 'ANYONE' },
      },
      parties: { ANYONE: 'anyone' },
    });
    const message = (action: Parameters<typeof wishes.problem>[0]) => wishes.problem(action, 'ON_WALL', () => true)?.message;
    expect(message('DECLINE')).toBe('A wish cannot be declined from ON_WALL; only from CLAIMED');
    expect(message('RATE')).toBe('A wish cannot be rated from ON_WALL; only from DONE');
    expect(message('RESOLVE')).toBe('A wish cannot be resolved from ON_WALL; only from CLAIMED');
    expect(message('CANCEL')).toBe('A wish cannot be cancelled from ON_WALL; only from CLAIMED');
    expect(message('AUTO_CLOSE')).toBe('A wish cannot be auto-closed from ON_WALL; only from CLAIMED');
    expect(message('RELEASE_CLAIM')).toBe('A wish cannot be given back from ON_WALL; only from CLAIMED');
    expect(message('START_MEDIATION')).toBe('The start-mediation step cannot be taken on a wish in ON_WALL; only from CLAIMED');
  });

  it('knows the past tense of every single-word action of the platform’s lifecycles', () => {
    const expected: Record<string, string> = {
      REVIEW: 'reviewed',
      APPROVE: 'approved',
      POST: 'posted',
      CONFIRM: 'confirmed',
      ASSIGN: 'assigned',
      WITHDRAW: 'withdrawn',
      CLAIM: 'claimed',
      FULFIL: 'fulfilled',
      DISPATCH: 'dispatched',
      ACCEPT: 'accepted',
      DECLINE: 'declined',
      COMPLETE: 'completed',
      RATE: 'rated',
      CANCEL: 'cancelled',
      CLOSE: 'closed',
      REJECT: 'rejected',
      START: 'started',
      RESOLVE: 'resolved',
      REOPEN: 'reopened',
      STOP: 'stopped',
      CARRY: 'carried',
      APPEAL: 'appealed',
      FAIL: 'failed',
      PLAY: 'played',
    };
    expect(Object.fromEntries(Object.keys(expected).map((action) => [action, pastTense(action)]))).toEqual(expected);
  });

  it('lists what a party may do from a state', () => {
    expect(machine.available('DISPATCHED', (p) => p === 'TAKER')).toEqual(['ACCEPT']);
    expect(machine.available('DONE', () => true)).toEqual([]);
  });

  it('refuses a table naming a state it does not have', () => {
    expect(() =>
      defineStateMachine({
        subject: 'x',
        states: ['A'],
        transitions: { GO: { from: ['A'], to: 'B' as 'A', by: 'P' } },
        parties: { P: 'p' },
      }),
    ).toThrow(/unknown state B/);
  });
});

describe('connections', () => {
  const items = Array.from({ length: 23 }, (_, i) => ({ id: randomUUID(), rank: i }));
  const order = [{ column: 'rank', direction: 'ASC' as const, value: (x: { rank: number }) => x.rank }];

  it('pages a list with opaque cursors, every item once', () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ReturnType<typeof connectionOf<(typeof items)[number]>> = connectionOf(items, { first: 5, after }, order);
      seen.push(...page.edges.map((e) => e.node.rank));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(items.map((i) => i.rank));
  });

  it('round-trips dates and refuses a cursor it did not make, naming `after`', () => {
    const at = new Date('2026-03-01T08:00:00.123Z');
    expect(decodeCursor(encodeCursor([at, 'x']), 2)).toEqual([at, 'x']);
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
    );
    expect(() => decodeCursor(encodeCursor(['x']), 2)).toThrow(/after/);
  });

  it('takes 1 to 500 records a page', () => {
    expect(pageSizeOf(undefined)).toBe(50);
    expect(pageSizeOf(500)).toBe(500);
    for (const bad of [0, 501, 1.5, -1])
      expect(() => pageSizeOf(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }));
  });
});

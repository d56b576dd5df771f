import {
  CreateOutbox1764400000000,
  CreateReference1764400000100,
  DeadLetterEvent,
  EventCursor,
  EventSubscriber,
  OutboxMessage,
  Reference,
  referenceConsumers,
  requireReference,
  type Identity,
} from '@gg/shared';
import { startTestSubgraph, TEST_DATABASE_URL, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedGridDemo } from '../src/demo';
import { Grid } from '../src/grid/grid.entity';
import { BackfillGridEvents1764500000200 } from '../src/migrations/1764500000200-BackfillGridEvents';
import { gridService } from '../src/service';
import { randomResidentIdOf, registerCommunities } from './fixtures';

const CREATE = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id code } }`;
const MERGE = `mutation ($input: MergeGridsInput!) { mergeGrids(input: $input) { id } }`;
const SPLIT = `mutation ($input: SplitGridInput!) { splitGrid(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;

const code = () => `EV-${randomUUID().slice(0, 8).toUpperCase()}`;

interface OutboxRow {
  name: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
}

/**
 * What grid tells other services: its grids and households as events from the commands, the demo
 * seed and the backfill of rows older than the outbox; and the regions it is told about, checked
 * before a grid is placed in one.
 */
describe('grid events and references', () => {
  let sg: TestSubgraph;
  let community: string;
  let admin: Identity;

  async function ok<T>(query: string, input: Record<string, unknown>, identity: Identity = admin): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, { input }, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  const grid = () =>
    ok<{ id: string; code: string }>(CREATE, { code: code(), name: '事件测试网格', kind: 'COMPREHENSIVE', regionCode: community });
  const household = (gridId: string) =>
    ok<{ id: string }>(REGISTER, {
      gridId,
      address: '事件测试小区1栋',
      members: [{ name: '钱事件', residentId: randomResidentIdOf('520201'), relation: 'HEAD' }],
    });
  const eventsOf = (ids: string[]): Promise<OutboxRow[]> =>
    sg.dataSource.query(
      `SELECT name, aggregate_id, payload FROM grid.outbox WHERE kind = 'EVENT' AND aggregate_id = ANY($1) ORDER BY position`,
      [ids],
    );

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    [community] = (await registerCommunities(sg, '520201', 1)).communities as [string];
    admin = testIdentity();
  });
  afterAll(() => sg.stop());

  it('refuses a region nobody registered (BAD_USER_INPUT naming input.regionCode) and writes nothing', async () => {
    const unknown = `${community.slice(0, 9)}999`;
    const result = await sg.query(
      CREATE,
      { input: { code: code(), name: '无名社区网格', kind: 'COMPREHENSIVE', regionCode: unknown } },
      admin,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    expect(await sg.dataSource.getRepository(Grid).countBy({ regionCode: unknown })).toBe(0);
  });

  it('publishes GridCreated, HouseholdRegistered, and for a merge and a split GridRetired with the successors and HouseholdMoved', async () => {
    const [a, b] = [await grid(), await grid()];
    const h = await household(a.id);
    expect((await eventsOf([a.id, h.id])).map((e) => [e.name, e.payload])).toEqual([
      ['GridCreated', { id: a.id, regionCode: community }],
      ['HouseholdRegistered', { id: h.id, regionCode: community, gridId: a.id }],
    ]);

    const merged = await ok<{ id: string }>(MERGE, { gridIds: [a.id, b.id], code: code(), name: '事件合并网格', reason: '合并' });
    expect((await eventsOf([merged.id])).map((e) => e.name)).toEqual(['GridCreated']);
    const retired = (await eventsOf([a.id, b.id])).filter((e) => e.name === 'GridRetired');
    expect(retired.map((e) => e.payload)).toEqual([
      { id: a.id, regionCode: community, successorIds: [merged.id] },
      { id: b.id, regionCode: community, successorIds: [merged.id] },
    ]);
    expect((await eventsOf([h.id])).map((e) => [e.name, e.payload])).toEqual([
      ['HouseholdRegistered', { id: h.id, regionCode: community, gridId: a.id }],
      ['HouseholdMoved', { id: h.id, regionCode: community, gridId: merged.id }],
    ]);

    const parts = await ok<Array<{ id: string }>>(SPLIT, {
      gridId: merged.id,
      reason: '拆分',
      parts: [
        { code: code(), name: '事件拆分一' },
        { code: code(), name: '事件拆分二', householdIds: [h.id] },
      ],
    });
    expect((await eventsOf(parts.map((p) => p.id))).map((e) => e.name)).toEqual(['GridCreated', 'GridCreated']);
    expect((await eventsOf([merged.id])).at(-1)!.payload).toEqual({
      id: merged.id,
      regionCode: community,
      successorIds: parts.map((p) => p.id),
    });
    expect((await eventsOf([h.id])).at(-1)!.payload).toEqual({ id: h.id, regionCode: community, gridId: parts[1]!.id });
  });

  it('writes no event when the command fails', async () => {
    const taken = await grid();
    // Events of this file's community only: other test files publish meanwhile.
    const count = () => sg.dataSource.query(`SELECT count(*)::int AS n FROM grid.outbox WHERE payload->>'regionCode' = $1`, [community]);
    const before = await count();
    const duplicate = await sg.query(
      CREATE,
      { input: { code: taken.code, name: '重复', kind: 'COMPREHENSIVE', regionCode: community } },
      admin,
    );
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    expect(await count()).toEqual(before);
  });

  it('announces the demo grids and households it seeds, once', async () => {
    await seedGridDemo(sg.dataSource);
    await seedGridDemo(sg.dataSource);
    const demoGrid = '00000000-0000-4000-8000-000000000201';
    const events = await eventsOf([demoGrid]);
    expect(events.map((e) => e.name)).toEqual(['GridCreated']);
    const households: Array<{ n: number }> = await sg.dataSource.query(
      `SELECT count(*)::int AS n FROM grid.outbox WHERE name = 'HouseholdRegistered' AND payload->>'gridId' = $1`,
      [demoGrid],
    );
    expect(households[0]!.n).toBe(3);
  });

  it('backfills events for grids and households that existed before the outbox (migration 1764500000200)', async () => {
    const runner = sg.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      // Rows as an older version wrote them: no event.
      const [old] = await runner.query(
        `INSERT INTO grid.grid (region_code, county_code, code, name, kind, level, status) VALUES ($1, '520201', $2, '旧网格', 'COMPREHENSIVE', 1, 'ACTIVE') RETURNING id`,
        [community, code()],
      );
      await new BackfillGridEvents1764500000200().up(runner);
      const rows: OutboxRow[] = await runner.query(`SELECT name, aggregate_id, payload FROM grid.outbox WHERE aggregate_id = $1`, [old.id]);
      expect(rows.map((r) => [r.name, r.payload])).toEqual([['GridCreated', { id: old.id, regionCode: community }]]);
      const everyGrid: Array<{ missing: number }> = await runner.query(
        `SELECT count(*)::int AS missing FROM grid.grid g WHERE NOT EXISTS (
           SELECT 1 FROM grid.outbox o WHERE o.name = 'GridCreated' AND o.aggregate_id = g.id::text)`,
      );
      expect(everyGrid[0]!.missing).toBe(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  /**
   * Another service (here a scratch schema with the platform's reference table) learns a grid from
   * grid's outbox: the event is committed with the grid, and one drain of the consumer (the embedded
   * platform drains every 250 ms) makes the grid usable as a reference; a merge retires it there.
   */
  describe('as a reference elsewhere', () => {
    const schema = `grid_reference_probe_${randomUUID().slice(0, 8)}`;
    let consumer: DataSource;
    let subscriber: EventSubscriber;

    beforeAll(async () => {
      await sg.dataSource.query(`CREATE SCHEMA "${schema}"`);
      consumer = new DataSource({
        type: 'postgres',
        url: TEST_DATABASE_URL,
        schema,
        entities: [OutboxMessage, EventCursor, DeadLetterEvent, Reference],
        migrations: [CreateOutbox1764400000000, CreateReference1764400000100],
        migrationsTableName: 'migrations',
      });
      await consumer.initialize();
      await consumer.runMigrations();
      subscriber = new EventSubscriber(consumer, referenceConsumers(['GRID', 'HOUSEHOLD']), { backoffMs: 10 });
    });
    afterAll(async () => {
      await consumer.destroy();
      await sg.dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    });

    it('is usable as soon as the consumer has drained once, and refused once retired', async () => {
      const [a, b] = [await grid(), await grid()];
      await expect(requireReference(consumer, 'GRID', a.id, { field: 'input.gridId' })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.gridId' },
      });
      await subscriber.catchUp();
      await expect(requireReference(consumer, 'GRID', a.id, { field: 'input.gridId' })).resolves.toMatchObject({
        regionCode: community,
        status: 'ACTIVE',
      });
      const h = await household(a.id);
      const merged = await ok<{ id: string }>(MERGE, { gridIds: [a.id, b.id], code: code(), name: '引用合并网格', reason: '合并' });
      await subscriber.catchUp();
      await expect(requireReference(consumer, 'GRID', a.id, { field: 'input.gridId' })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.gridId' },
      });
      await expect(requireReference(consumer, 'GRID', merged.id, { field: 'input.gridId' })).resolves.toMatchObject({ status: 'ACTIVE' });
      expect(await consumer.getRepository(Reference).findOneBy({ kind: 'HOUSEHOLD', key: h.id })).toMatchObject({ parentKey: merged.id });
    });
  });
});

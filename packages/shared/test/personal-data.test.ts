import 'reflect-metadata';
import { z } from 'zod';
import {
  bullConnection,
  containsResidentId,
  dataSourceFor,
  defineJob,
  JobQueue,
  maskName,
  PersonalDataAccess,
  personalValue,
  type SubgraphContext,
} from '../src';
import { TEST_DATABASE_URL, TEST_REDIS_URL, testIdentity } from '../src/testing';
import { gridService } from '../../../services/grid/src/service';

describe('personal data access', () => {
  const dataSource = dataSourceFor(gridService, TEST_DATABASE_URL, 2);
  const context = (): SubgraphContext => ({
    identity: testIdentity({ roles: ['GRIDWORKER'], name: '李网格' }),
    dataSource,
    operationName: 'HouseholdCard',
    loaders: new Map(),
  });
  const record = { recordType: 'HouseholdMember', recordId: `test-${Date.now()}`, regionCode: '520201001001' };
  const repo = () => dataSource.getRepository(PersonalDataAccess);

  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());

  it('masks without writing anything when the whole value is not asked for', async () => {
    await expect(personalValue(context(), record, 'name', '张三丰', { reveal: false, allowed: true, mask: maskName })).resolves.toBe(
      '张**',
    );
    expect(await repo().countBy({ recordId: record.recordId })).toBe(0);
  });

  it('reveals and audits when allowed; refuses and audits as failure otherwise', async () => {
    const ctx = context();
    await expect(personalValue(ctx, record, 'name', '张三丰', { reveal: true, allowed: true, mask: maskName })).resolves.toBe('张三丰');
    await expect(
      personalValue(ctx, record, 'phone', '13812341234', { reveal: true, allowed: false, mask: maskName }),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const rows = await repo().find({ where: { recordId: record.recordId }, order: { field: 'ASC' } });
    expect(rows.map((r) => [r.field, r.outcome, r.operationName, r.subjectName, r.roles])).toEqual([
      ['name', 'SUCCESS', 'HouseholdCard', '李网格', ['GRIDWORKER']],
      ['phone', 'FAILURE', 'HouseholdCard', '李网格', ['GRIDWORKER']],
    ]);
  });

  it('is append-only in the database itself', async () => {
    const t = 'grid.personal_data_access';
    await expect(dataSource.query(`UPDATE ${t} SET outcome = 'SUCCESS' WHERE record_id = $1`, [record.recordId])).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`DELETE FROM ${t} WHERE record_id = $1`, [record.recordId])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE ${t}`)).rejects.toThrow(/append-only/);
    expect(await repo().countBy({ recordId: record.recordId })).toBe(2);
  });
});

describe('resident ID numbers stay out of job payloads', () => {
  it('finds a valid ID anywhere in a value', () => {
    expect(containsResidentId({ a: [{ b: '11010519491231002X' }] })).toBe(true);
    expect(containsResidentId({ id: '00000000-0000-4000-8000-000000000101', count: 17 })).toBe(false);
    expect(containsResidentId('110105194912310021')).toBe(false); // wrong check character: not an ID
  });

  it('refuses to enqueue a payload carrying one', async () => {
    const job = defineJob({ name: 'notify', payload: z.object({ note: z.string() }), handler: async () => null });
    const queue = new JobQueue('test-pii-guard', bullConnection(TEST_REDIS_URL));
    try {
      await expect(queue.enqueue(job, { note: 'member 11010519491231002X moved' })).rejects.toThrow(/resident ID/);
    } finally {
      await queue.queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

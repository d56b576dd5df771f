import { bullConnection, createDataSource, JobQueue, JobRun, queueNameOf, startJobWorker } from '@gg/shared';
import {
  claimTestStreet,
  startTestSubgraph,
  testIdentity,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  type TestSubgraph,
} from '@gg/shared/src/testing';
import { QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { draftClosedYears, YEAR_END_DRAFTER, yearEndDistributionsJob, type YearEndResult } from '../src/distribution/distribution.jobs';
import { Distribution } from '../src/distribution/distribution.entity';
import { collectiveEconomyService } from '../src/service';
import { randomResidentId } from './fixtures';

/**
 * The year-end drafting job. Its schedule drafts every organisation of the database whose year is
 * closed; runs here are limited to this file's own street (`regionCode`), and work on a year no other
 * test closes (2011) besides, so counts are exact and no other test's organisations are drafted.
 */
const YEAR = 2011;

describe('the year-end distribution job', () => {
  let sg: TestSubgraph;
  let organisationDb: DataSource;
  let street: string;
  let community: string;
  let neighbour: string;
  const staff = testIdentity();
  const other = testIdentity();

  async function ok<T>(query: string, variables: Record<string, unknown>, identity = staff): Promise<T> {
    const result = await sg.query<Record<string, T>>(query, variables, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  /** An organisation with a shareholder and a year of income; its year closed when asked. */
  async function organisation(closed: boolean, regionCode = community): Promise<string> {
    const { id } = await ok<{ id: string }>(
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      {
        i: { name: `年终测试${randomUUID().slice(0, 8)}`, regionCode, foundedOn: '2010-01-01' },
      },
    );
    await ok('mutation ($i: RegisterShareholderInput!) { registerShareholder(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: id,
        name: '吴一',
        residentId: randomResidentId(),
        shares: 10,
        capital: '100.00',
        joinedOn: `${YEAR}-01-05`,
      },
    });
    await ok('mutation ($i: PostLedgerEntryInput!) { postLedgerEntry(input: $i) { id } }', {
      i: {
        collectiveOrganisationId: id,
        postedOn: `${YEAR}-06-01`,
        description: '门面租金',
        lines: [
          { account: 'CASH', debit: '1000.00' },
          { account: 'INCOME_LEASING', credit: '1000.00' },
        ],
      },
    });
    if (closed) await close(id);
    return id;
  }
  const close = (id: string) =>
    ok('mutation ($i: CloseLedgerPeriodInput!) { closeLedgerPeriod(input: $i) { period } }', {
      i: { collectiveOrganisationId: id, period: String(YEAR) },
    });
  const distributionsOf = async (ids: string[]) =>
    Object.fromEntries(
      await Promise.all(
        ids.map(async (id) => [id, await sg.dataSource.getRepository(Distribution).findBy({ organisationId: id, year: YEAR })] as const),
      ),
    );
  const run = (regionCode = community) => draftClosedYears(sg.dataSource, YEAR, { regionCode });

  beforeAll(async () => {
    sg = await startTestSubgraph(collectiveEconomyService);
    organisationDb = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisationDb.initialize();
    const claimed = await claimTestStreet(organisationDb, '520201', [{ name: '年终社区' }, { name: '年终邻社区' }]);
    street = claimed.street;
    [community, neighbour] = claimed.communities as [string, string];
    await sg.catchUp();
  });
  afterAll(async () => {
    await organisationDb.destroy();
    await sg.stop();
  });

  it('drafts each closed year once on a real worker, leaves drafts made on demand and open years alone, and changes nothing run again', async () => {
    const closed = await organisation(true);
    const onDemand = await organisation(true);
    const open = await organisation(false);
    const mine = await ok<{ id: string }>('mutation ($i: DraftDistributionInput!) { draftDistribution(input: $i) { id } }', {
      i: { collectiveOrganisationId: onDemand, year: YEAR, recordDate: `${YEAR + 1}-01-10` },
    });

    const service = `test-ce-${randomUUID().slice(0, 8)}`;
    const connection = bullConnection(TEST_REDIS_URL);
    const worker = await startJobWorker({ service, dataSource: sg.dataSource, connection, jobs: collectiveEconomyService.jobs });
    const producer = new JobQueue(service, connection);
    const events = new QueueEvents(queueNameOf(service), { connection });
    await events.waitUntilReady();
    try {
      const job = await producer.enqueue(yearEndDistributionsJob, { year: YEAR, regionCode: community }, { jobId: `year-end-${YEAR}` });
      const result = (await job.waitUntilFinished(events, 30_000)) as YearEndResult;
      expect(result).toEqual({ year: YEAR, recordDate: `${YEAR + 1}-01-01`, drafted: 1, alreadyDrafted: 1, notClosed: 1 });
      const recorded = await sg.dataSource.getRepository(JobRun).findOneByOrFail({ queue: producer.queue.name, jobId: job.id! });
      expect(recorded).toMatchObject({ jobName: 'year-end-distributions', period: String(YEAR), status: 'SUCCEEDED' });
    } finally {
      await producer.queue.obliterate({ force: true });
      await events.close();
      await producer.close();
      await worker.close();
    }

    const after = await distributionsOf([closed, onDemand, open]);
    expect(after[closed]!.map((d) => [d.status, d.draftedBy, d.recordDate, d.incomeFen])).toEqual([
      ['DRAFTED', YEAR_END_DRAFTER, `${YEAR + 1}-01-01`, 100000n],
    ]);
    expect(after[onDemand]!.map((d) => [d.id, d.draftedBy])).toEqual([[mine.id, staff.subject]]);
    expect(after[open]).toEqual([]);

    // Run again: every closed year already has its distribution.
    const again = await run();
    expect(again.drafted).toBe(0);
    expect(await distributionsOf([closed, onDemand, open])).toEqual(after);

    // The year closed later is drafted by the next run.
    await close(open);
    expect((await run()).drafted).toBe(1);
    expect((await distributionsOf([open]))[open]!.map((d) => d.draftedBy)).toEqual([YEAR_END_DRAFTER]);
  });

  it('drafts once when two runs race, and a person approves what the job drafted (four eyes)', async () => {
    const id = await organisation(true);
    const results = await Promise.all([run(), run(), run()]);
    expect(results.reduce((sum, r) => sum + r.drafted, 0)).toBe(1);
    const [drafted] = (await distributionsOf([id]))[id]!;
    expect((await distributionsOf([id]))[id]).toHaveLength(1);

    const FIELDS = '{ id status draftedBy draftedByJob availableActions }';
    const i = { distributionId: drafted!.id };
    expect(await ok(`query ($id: ID!) { distribution(id: $id) ${FIELDS} }`, { id: drafted!.id })).toMatchObject({
      draftedBy: YEAR_END_DRAFTER,
      draftedByJob: true,
      availableActions: ['REVIEW'],
    });
    await ok(`mutation ($i: DistributionStepInput!) { reviewDistribution(input: $i) ${FIELDS} }`, { i });
    const approved = await ok<{ status: string }>(
      `mutation ($i: DistributionStepInput!) { approveDistribution(input: $i) ${FIELDS} }`,
      { i },
      other,
    );
    expect(approved.status).toBe('APPROVED');
  });

  it('resumes after a crash: a run killed after its first organisation is run again and drafts the rest, once each', async () => {
    const ids = [await organisation(true), await organisation(true)];
    // The worker dies as the second organisation's transaction starts: the first one's draft is committed.
    let transactions = 0;
    const dying = new Proxy(sg.dataSource, {
      get(target, property) {
        if (property === 'transaction')
          return (...args: Parameters<DataSource['transaction']>) => {
            transactions += 1;
            if (transactions === 2) throw new Error('worker killed');
            return (target.transaction as (...a: unknown[]) => Promise<unknown>)(...args);
          };
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    await expect(draftClosedYears(dying, YEAR, { regionCode: community })).rejects.toThrow('worker killed');
    const counts = async () => Object.values(await distributionsOf(ids)).map((ds) => ds.length);
    expect((await counts()).sort()).toEqual([0, 1]);
    expect((await run()).drafted).toBe(1);
    expect(await counts()).toEqual([1, 1]);
  });

  it('drafts only the organisations of the region its payload names, and the street above them', async () => {
    const here = await organisation(true);
    const there = await organisation(true, neighbour);
    expect(await run(neighbour)).toMatchObject({ drafted: 1, notClosed: 0 });
    expect((await distributionsOf([here]))[here]).toEqual([]);
    expect((await distributionsOf([there]))[there]!.map((d) => d.draftedBy)).toEqual([YEAR_END_DRAFTER]);
    // The street covers both of its communities: the one left is drafted, nothing twice.
    expect(await run(street)).toMatchObject({ drafted: 1 });
    expect((await distributionsOf([here]))[here]!.map((d) => d.draftedBy)).toEqual([YEAR_END_DRAFTER]);
    expect(yearEndDistributionsJob.payload.safeParse({ regionCode: 'nowhere' }).success).toBe(false);
  });

  it('is scheduled daily from 2 January to March for the year just ended; a year is 2000–2100', () => {
    expect(collectiveEconomyService.schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pattern: '0 3 2-31 1-3 *', tz: 'Asia/Shanghai', job: yearEndDistributionsJob, payload: {} }),
      ]),
    );
    expect(yearEndDistributionsJob.periodOf!({})).toMatch(/^\d{4}$/);
    expect(yearEndDistributionsJob.payload.safeParse({ year: 1999 }).success).toBe(false);
  });

  it('drafts nothing for a year that has not ended', async () => {
    const thisYear = Number(new Date().toISOString().slice(0, 4)) + 1;
    expect(await draftClosedYears(sg.dataSource, thisYear, { regionCode: community })).toEqual({
      year: thisYear,
      recordDate: `${thisYear + 1}-01-01`,
      drafted: 0,
      alreadyDrafted: 0,
      notClosed: 0,
    });
  });
});

import { bullConnection, JobRun, JobQueue, queueNameOf, startJobWorker } from '@gg/shared';
import { startTestSubgraph, testIdentity, TEST_REDIS_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { cadreLiaisonComplianceJob } from '../src/cadre-liaison/cadre-liaison.jobs';
import { CadreLiaisonReport } from '../src/cadre-liaison/cadre-liaison.entity';
import { organisationJobs, organisationService } from '../src/service';
import { knownGrid, seedStreet } from './helpers';

describe('cadre liaison (联系包保) and its yearly report', () => {
  let sg: TestSubgraph;
  let street: string;
  let community: string;
  // A past year of its own (activities are not recorded ahead of time, nor before 2000), so other
  // files' cadres (the access matrix uses 2025 and 2026) do not share it.
  const year = 2001 + Math.floor(Math.random() * 22);
  const admin = testIdentity({ regionScopes: ['520201'] });

  async function must<T>(query: string, variables: Record<string, unknown>, identity = admin): Promise<T> {
    const result = await sg.query<T>(query, variables, identity);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  /** A cadre linking the street, the community and a grid, with visits and solved problems per link. */
  async function cadreWith(work: Record<'STREET' | 'COMMUNITY' | 'GRID', [visits: number, solved: number]>): Promise<string> {
    const cadre = await must<{ registerCadre: { id: string } }>(
      `mutation ($input: RegisterCadreInput!) { registerCadre(input: $input) { id } }`,
      {
        input: { name: '刘书记', post: '区委常委', regionCode: street },
      },
    );
    const cadreId = cadre.registerCadre.id;
    for (const [level, [visits, solved]] of Object.entries(work)) {
      const link = await must<{ linkCadre: { id: string } }>(`mutation ($input: LinkCadreInput!) { linkCadre(input: $input) { id } }`, {
        input: {
          cadreId,
          level,
          regionCode: level === 'STREET' ? street : community,
          gridId: level === 'GRID' ? await knownGrid(sg, community) : null,
        },
      });
      const record = (kind: string, day: number) =>
        must(`mutation ($input: RecordLiaisonActivityInput!) { recordLiaisonActivity(input: $input) { id } }`, {
          input: { linkId: link.linkCadre.id, kind, occurredOn: `${year}-03-${String(day).padStart(2, '0')}`, note: '走访了解社情民意' },
        });
      for (let i = 0; i < visits; i++) await record('VISIT', i + 1);
      for (let i = 0; i < solved; i++) await record('PROBLEM_SOLVED', i + 10);
      // Work of the year before does not count for this year.
      await must(`mutation ($input: RecordLiaisonActivityInput!) { recordLiaisonActivity(input: $input) { id } }`, {
        input: { linkId: link.linkCadre.id, kind: 'VISIT', occurredOn: `${year - 1}-12-31`, note: '上年度走访' },
      });
    }
    return cadreId;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(organisationService);
    ({ street, community } = await seedStreet(sg, '520201'));
  });
  afterAll(() => sg.stop());

  it('links one street, one community and one grid per cadre, in the cadre county', async () => {
    const cadreId = await cadreWith({ STREET: [0, 0], COMMUNITY: [0, 0], GRID: [0, 0] });
    const LINK = `mutation ($input: LinkCadreInput!) { linkCadre(input: $input) { id } }`;
    expect(
      (await sg.query(LINK, { input: { cadreId, level: 'STREET', regionCode: street } }, admin)).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'CONFLICT', field: 'input.level' });
    expect(
      (await sg.query(LINK, { input: { cadreId, level: 'GRID', regionCode: community } }, admin)).errors?.[0]?.extensions,
    ).toMatchObject({ field: 'input.gridId' });
    expect(
      (await sg.query(LINK, { input: { cadreId, level: 'COMMUNITY', regionCode: street } }, admin)).errors?.[0]?.extensions,
    ).toMatchObject({ field: 'input.regionCode' });
  });

  it('reports compliance (≥ 3 visits and ≥ 2 problems per link), idempotently, queryable', async () => {
    const good = await cadreWith({ STREET: [3, 2], COMMUNITY: [4, 2], GRID: [3, 3] });
    const short = await cadreWith({ STREET: [3, 2], COMMUNITY: [3, 2], GRID: [2, 5] });
    const COMPILE = `mutation ($c: ID!, $y: Int!) { compileCadreLiaisonReport(regionCode: $c, year: $y) { year cadres compliant changed } }`;
    const first = await must<{ compileCadreLiaisonReport: { cadres: number; compliant: number; changed: number } }>(COMPILE, {
      c: street,
      y: year,
    });
    expect(first.compileCadreLiaisonReport.changed).toBe(first.compileCadreLiaisonReport.cadres);
    const again = await must<{ compileCadreLiaisonReport: { changed: number } }>(COMPILE, { c: street, y: year });
    expect(again.compileCadreLiaisonReport.changed).toBe(0);

    const REPORT = `query ($c: ID!, $y: Int!) { cadreLiaisonReport(regionCode: $c, year: $y, first: 500) { edges { node { cadre { id } compliant links { level visits problemsSolved compliant grid { id } } } } } }`;
    type Row = {
      cadre: { id: string };
      compliant: boolean;
      links: Array<{ level: string; visits: number; problemsSolved: number; compliant: boolean }>;
    };
    const report = await must<{ cadreLiaisonReport: { edges: Array<{ node: Row }> } }>(REPORT, { c: street, y: year });
    const byCadre = new Map(report.cadreLiaisonReport.edges.map(({ node: r }) => [r.cadre.id, r]));
    expect(byCadre.get(good)!.compliant).toBe(true);
    expect(byCadre.get(short)!).toMatchObject({
      compliant: false,
      links: [{ level: 'STREET' }, { level: 'COMMUNITY' }, { level: 'GRID', visits: 2, problemsSolved: 5, compliant: false }],
    });
    // Another county's staff see none of it.
    const other = await must<{ cadreLiaisonReport: { edges: Array<{ node: Row }> } }>(
      REPORT,
      { c: '520201', y: year },
      testIdentity({ roles: ['STREET_STAFF'], regionScopes: ['520322'] }),
    );
    expect(other.cadreLiaisonReport.edges).toEqual([]);

    const stats = await must<{ region: { partyStats: { cadreLiaison: object } } }>(
      'query ($c: ID!, $y: Int!) { region(code: $c) { partyStats(year: $y) { cadreLiaison { cadres reported compliant } } } }',
      { c: street, y: year },
      testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520201'] }),
    );
    expect(stats.region.partyStats.cadreLiaison).toMatchObject({
      reported: first.compileCadreLiaisonReport.cadres,
      compliant: first.compileCadreLiaisonReport.compliant,
    });
  });

  it('runs as a yearly job on a real worker, recorded, and changes nothing when run twice', async () => {
    await cadreWith({ STREET: [3, 2], COMMUNITY: [3, 2], GRID: [3, 2] });
    const service = `test-org-${randomUUID().slice(0, 8)}`;
    const connection = bullConnection(TEST_REDIS_URL);
    const worker = await startJobWorker({ service, dataSource: sg.dataSource, connection, jobs: organisationJobs });
    const producer = new JobQueue(service, connection);
    const events = new QueueEvents(queueNameOf(service), { connection });
    await events.waitUntilReady();
    try {
      const job = await producer.enqueue(cadreLiaisonComplianceJob, { year }, { jobId: `cadre-liaison-${year}` });
      const result = (await job.waitUntilFinished(events, 20_000)) as { cadres: number; changed: number };
      expect(result.cadres).toBeGreaterThan(0);
      const run = await sg.dataSource.getRepository(JobRun).findOneByOrFail({ queue: producer.queue.name, jobId: job.id! });
      expect(run).toMatchObject({ jobName: 'cadre-liaison-compliance', period: String(year), status: 'SUCCEEDED' });

      const rows = async () =>
        (await sg.dataSource.getRepository(CadreLiaisonReport).findBy({ year })).map((r) => [
          r.id,
          r.compiledAt.toISOString(),
          r.compliant,
        ]);
      const before = await rows();
      const second = (await cadreLiaisonComplianceJob.handler({ year }, { dataSource: sg.dataSource, jobId: 'again', attempt: 1 })) as {
        changed: number;
      };
      expect(second.changed).toBe(0);
      expect(await rows()).toEqual(before);
    } finally {
      await producer.queue.obliterate({ force: true });
      await events.close();
      await producer.close();
      await worker.close();
    }
  });

  it('is scheduled yearly for the year just ended', () => {
    expect(organisationService.schedules).toEqual([
      expect.objectContaining({ pattern: '0 2 1 1 *', tz: 'Asia/Shanghai', job: cadreLiaisonComplianceJob, payload: {} }),
    ]);
    expect(cadreLiaisonComplianceJob.payload.safeParse({ year: 1999 }).success).toBe(false);
  });
});

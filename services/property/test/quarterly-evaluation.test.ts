import { bullConnection, JobQueue, JobRun, OutboxMessage, queueNameOf, startJobWorker } from '@gg/shared';
import { startTestSubgraph, testIdentity, TEST_REDIS_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_SCHEME } from '../src/evaluation/evaluation-scheme.rules';
import { EvaluationScore } from '../src/inspection/inspection.entity';
import { CompanyQuarterScore, CompoundQuarterScore, QuarterlyEvaluationRun } from '../src/quarterly-evaluation/quarterly-evaluation.entity';
import { quarterlyEvaluationsJob } from '../src/quarterly-evaluation/quarterly-evaluation.jobs';
import { runQuarterlyEvaluation } from '../src/quarterly-evaluation/quarterly-evaluation.run';
import { propertyService } from '../src/service';
import { defineScheme, newCompany, newCompound, newPlace, organisationDataSource, scoreMonth, type Place } from './evaluation-fixtures';

// 射阳县: no other test writes compounds there, so a county's run holds only this file's compounds.
const COUNTY = '320924';
const ADMIN = () => testIdentity({ regionScopes: [COUNTY] });
const OTHER_COUNTY = '522624';
const BY_KIND: Record<string, number> = {
  COMMUNITY_PARTY_ORGANISATION: 80,
  OWNERS_COMMITTEE: 90,
  OWNER_REPRESENTATIVES: 70,
  MONTHLY_INSPECTOR: 100,
};

const EXPLAIN = `query ($c: ID!, $q: String!) { compoundQuarterScore(compoundId: $c, quarter: $q) {
  score managementMode company { id } missingInputs { kind evaluatorKind criterionKey }
  explanation { evaluatorScore arithmetic
    evaluators { kind weight score contribution criteria { key weight inputs average contribution } }
    residentsVoice { weight complaints resolved resolvedInTime pending shareResolvedInTime score contribution explanation } } } }`;

interface Explained {
  score: number | null;
  managementMode: string;
  company: { id: string } | null;
  missingInputs: Array<{ kind: string; evaluatorKind: string | null; criterionKey: string | null }>;
  explanation: {
    evaluatorScore: number | null;
    arithmetic: string;
    evaluators: Array<{ kind: string; score: number | null }>;
    residentsVoice: Record<string, unknown>;
  };
}

describe('quarterly evaluation: explained scores, missing inputs, idempotent and resumable runs', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let place: Place;
  let companyId: string;
  let complete: string; // every evaluator scored everything; residents complained twice
  let partial: string; // the owners' committee never scored security
  let community: string; // community-managed, all 60

  const explain = async (compoundId: string, quarter: string, identity = ADMIN()) => {
    const result = await sg.query<{ compoundQuarterScore: Explained | null }>(EXPLAIN, { c: compoundId, q: quarter }, identity);
    expect(result.errors).toBeUndefined();
    return result.data!.compoundQuarterScore;
  };

  /** Two property complaints on a compound in February 2022: one resolved in time, one late; and one not about property. */
  async function complaints(compoundId: string, month = '2022-02'): Promise<void> {
    const rows = [
      ['物业维修', `${month}-03T10:00:00+08:00`, `${month}-05T10:00:00+08:00`, true],
      ['停车管理', `${month}-04T10:00:00+08:00`, `${month}-20T10:00:00+08:00`, false],
      ['邻里纠纷', `${month}-05T10:00:00+08:00`, null, null],
    ] as const;
    for (const [category, reportedAt, resolvedAt, inTime] of rows)
      await sg.dataSource.query(
        `INSERT INTO property.compound_complaint (case_id, region_code, compound_id, category, reported_at, deadline_at, resolved_at, in_time)
         VALUES ($1, $2, $3, $4, $5, $5::timestamptz + interval '3 days', $6, $7)`,
        [randomUUID(), place.community, compoundId, category, reportedAt, resolvedAt, inTime],
      );
  }

  async function scoreQuarter(months: string[]): Promise<void> {
    for (const month of months) {
      await scoreMonth(sg, complete, month, (kind) => BY_KIND[kind]!);
      await scoreMonth(sg, community, month, () => 60);
      const withoutSecurity = DEFAULT_SCHEME.evaluators.filter((e) => e.kind !== 'OWNERS_COMMITTEE').map((e) => e.kind as string);
      await scoreMonth(sg, partial, month, () => 75, withoutSecurity);
      await sg.query(
        'mutation ($i: RecordEvaluationScoresInput!) { recordEvaluationScores(input: $i) { id } }',
        {
          i: {
            compoundId: partial,
            month,
            evaluatorKind: 'OWNERS_COMMITTEE',
            scores: DEFAULT_SCHEME.criteria.filter((c) => c.key !== 'SECURITY').map((c) => ({ criterionKey: c.key, score: 75 })),
          },
        },
        ADMIN(),
      );
    }
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = organisationDataSource();
    await organisation.initialize();
    place = await newPlace(sg, organisation, COUNTY);
    companyId = await newCompany(sg, place);
    complete = await newCompound(sg, place, companyId);
    partial = await newCompound(sg, place, companyId);
    community = await newCompound(sg, place, null);
    await defineScheme(sg, { countyCode: COUNTY, year: 2022 });
    await complaints(complete);
    await scoreQuarter(['2022-02']);
  }, 60_000);
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  it('scores a compound from its evaluators and its residents’ voice, and shows every input, weight and step', async () => {
    const result = await runQuarterlyEvaluation(sg.dataSource, COUNTY, '2022Q1', new Date());
    expect(result).toMatchObject({ status: 'COMPLETED', compounds: 3, compoundsScored: 2, companies: 1, alreadyCompleted: false });
    const explained = (await explain(complete, '2022Q1'))!;
    // Evaluators: 30% × 80 + 30% × 90 + 20% × 70 + 20% × 100 = 85; residents: 1 of 2 in time = 50; 90% × 85 + 10% × 50 = 81.5.
    expect(explained.score).toBe(81.5);
    expect(explained.explanation.evaluatorScore).toBe(85);
    expect(explained.explanation.residentsVoice).toMatchObject({
      weight: 10,
      complaints: 2,
      resolved: 2,
      resolvedInTime: 1,
      pending: 0,
      shareResolvedInTime: 0.5,
      score: 50,
      contribution: 5,
    });
    expect(explained.explanation.arithmetic).toContain("90% × 85.00 (evaluators) + 10% × 50.00 (residents' voice) = 81.50");
    expect(explained).toMatchObject({ managementMode: 'PROFESSIONAL', company: { id: companyId }, missingInputs: [] });
    // No complaint: the residents' voice is 100, and says so.
    expect((await explain(community, '2022Q1'))!.score).toBe(64);
  });

  it('reports a missing input instead of counting it as zero, for the compound and its company', async () => {
    const explained = (await explain(partial, '2022Q1'))!;
    expect(explained.score).toBeNull();
    expect(explained.missingInputs).toEqual([{ kind: 'EVALUATOR_SCORE', evaluatorKind: 'OWNERS_COMMITTEE', criterionKey: 'SECURITY' }]);
    expect(explained.explanation.evaluators.find((e) => e.kind === 'OWNERS_COMMITTEE')!.score).toBeNull();
    const company = await sg.dataSource.getRepository(CompanyQuarterScore).findOneByOrFail({ companyId, quarter: '2022Q1' });
    expect(company).toMatchObject({ score: null, missingCompounds: [partial] });
  });

  it('uses the corrected value of a score, not the first one', async () => {
    await scoreQuarter(['2022-04']);
    const cleaning = await sg.dataSource
      .getRepository(EvaluationScore)
      .findOneByOrFail({ compoundId: community, month: '2022-04', evaluatorKind: 'MONTHLY_INSPECTOR', criterionKey: 'REGULAR_CLEANING' });
    const corrected = await sg.query(
      'mutation ($i: CorrectEvaluationScoreInput!) { correctEvaluationScore(input: $i) { score } }',
      { i: { scoreId: cleaning.id, score: 100, reason: '复核：保洁记录齐全' } },
      ADMIN(),
    );
    expect(corrected.errors).toBeUndefined();
    await runQuarterlyEvaluation(sg.dataSource, COUNTY, '2022Q2', new Date());
    // The inspector: 4 criteria at 60 and cleaning at 100 → 68; 20% × 68 + 80% × 60 = 61.6; with the voice 90% × 61.6 + 10 = 65.44.
    expect((await explain(community, '2022Q2'))!.score).toBe(65.44);
  });

  it('is idempotent per county and quarter: a second run, or the scheduled job twice through a real worker, changes nothing', async () => {
    const counts = async () => ({
      runs: await sg.dataSource.getRepository(QuarterlyEvaluationRun).countBy({ regionCode: COUNTY }),
      compounds: await sg.dataSource.getRepository(CompoundQuarterScore).countBy({ quarter: '2022Q2' }),
      companies: await sg.dataSource.getRepository(CompanyQuarterScore).countBy({ quarter: '2022Q2' }),
    });
    // Another county with a 2022 scheme (Sansui: no other test uses its 2022): the job limited to this
    // county must not evaluate it (tests share one database; a sweep of every county would touch theirs).
    await defineScheme(sg, { countyCode: OTHER_COUNTY, year: 2022 });
    const before = await counts();
    expect(await runQuarterlyEvaluation(sg.dataSource, COUNTY, '2022Q2', new Date())).toMatchObject({ alreadyCompleted: true });
    const service = `property-test-${randomUUID().slice(0, 8)}`;
    const connection = bullConnection(TEST_REDIS_URL);
    const worker = await startJobWorker({ service, dataSource: sg.dataSource, connection, jobs: [quarterlyEvaluationsJob] });
    const producer = new JobQueue(service, connection);
    const events = new QueueEvents(queueNameOf(service), { connection });
    await events.waitUntilReady();
    try {
      for (let i = 0; i < 2; i++) {
        const job = await producer.enqueue(quarterlyEvaluationsJob, { now: '2022-07-01T01:00:00+08:00', countyCode: COUNTY });
        const result = (await job.waitUntilFinished(events, 30_000)) as {
          quarter: string;
          runs: Array<{ countyCode: string; alreadyCompleted: boolean }>;
        };
        expect(result.quarter).toBe('2022Q2');
        expect(result.runs).toEqual([expect.objectContaining({ countyCode: COUNTY, alreadyCompleted: true })]);
        expect(await sg.dataSource.getRepository(JobRun).findOneByOrFail({ queue: producer.queue.name, jobId: job.id! })).toMatchObject({
          jobName: 'quarterly-evaluations',
          period: '2022Q2',
          status: 'SUCCEEDED',
        });
      }
    } finally {
      await producer.queue.obliterate({ force: true });
      await events.close();
      await producer.close();
      await worker.close();
    }
    expect(await counts()).toEqual(before);
    expect(await sg.dataSource.getRepository(QuarterlyEvaluationRun).countBy({ regionCode: OTHER_COUNTY, quarter: '2022Q2' })).toBe(0);
  });

  it('resumes a run stopped by a crash without counting any compound twice', async () => {
    await scoreQuarter(['2022-08']);
    const crash = new Error('worker killed');
    await expect(
      runQuarterlyEvaluation(sg.dataSource, COUNTY, '2022Q3', new Date(), {
        batchSize: 1,
        afterBatch: (scored) => {
          if (scored === 2) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const stopped = await sg.dataSource.getRepository(QuarterlyEvaluationRun).findOneByOrFail({ regionCode: COUNTY, quarter: '2022Q3' });
    expect(stopped).toMatchObject({ status: 'RUNNING', attempts: 1 });
    expect(await sg.dataSource.getRepository(CompoundQuarterScore).countBy({ runId: stopped.id })).toBe(2);

    const resumed = await runQuarterlyEvaluation(sg.dataSource, COUNTY, '2022Q3', new Date(), { batchSize: 1 });
    expect(resumed).toMatchObject({ status: 'COMPLETED', compounds: 3, compoundsScored: 2, alreadyCompleted: false });
    const rows = await sg.dataSource.getRepository(CompoundQuarterScore).findBy({ runId: stopped.id });
    expect(rows.map((r) => r.compoundId).sort()).toEqual([complete, partial, community].sort());
    expect(await sg.dataSource.getRepository(QuarterlyEvaluationRun).findOneByOrFail({ id: stopped.id })).toMatchObject({ attempts: 2 });
    expect(await sg.dataSource.getRepository(CompanyQuarterScore).countBy({ runId: stopped.id })).toBe(1);
    // The same scores as a run that never stopped: the complete compound has no complaint this quarter.
    expect((await explain(complete, '2022Q3'))!.score).toBe(86.5);
  });

  it('keeps computed scores as they are: the database refuses to change them', async () => {
    const repository = sg.dataSource.getRepository(CompoundQuarterScore);
    await expect(repository.update({ compoundId: complete, quarter: '2022Q1' }, { score: 100 })).rejects.toThrow(/append-only/);
    await expect(repository.delete({ compoundId: complete, quarter: '2022Q1' })).rejects.toThrow(/append-only/);
    // Nor do the scores it was computed from: the quarter is closed to new scores and corrections.
    const late = await sg.query(
      'mutation ($i: RecordEvaluationScoresInput!) { recordEvaluationScores(input: $i) { id } }',
      {
        i: { compoundId: partial, month: '2022-03', evaluatorKind: 'OWNERS_COMMITTEE', scores: [{ criterionKey: 'SECURITY', score: 90 }] },
      },
      ADMIN(),
    );
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.month' });
    const used = await sg.dataSource
      .getRepository(EvaluationScore)
      .findOneByOrFail({ compoundId: complete, month: '2022-02', criterionKey: 'SECURITY', evaluatorKind: 'MONTHLY_INSPECTOR' });
    const corrected = await sg.query(
      'mutation ($i: CorrectEvaluationScoreInput!) { correctEvaluationScore(input: $i) { id } }',
      { i: { scoreId: used.id, score: 10, reason: '事后更正' } },
      ADMIN(),
    );
    expect(corrected.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.scoreId' });
  });

  it('is asked for by a county administrator for a closed quarter only, once per county and quarter', async () => {
    const REQUEST = 'mutation ($i: RequestQuarterlyEvaluationInput!) { requestQuarterlyEvaluation(input: $i) { id status quarter } }';
    const ask = (i: Record<string, unknown>, identity = ADMIN()) =>
      sg.query<{ requestQuarterlyEvaluation: { id: string; status: string } }>(REQUEST, { i }, identity);
    expect((await ask({ countyCode: COUNTY, quarter: '2099Q1' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.quarter',
    });
    expect((await ask({ countyCode: COUNTY, quarter: '2019Q4' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.quarter',
    });
    expect((await ask({ countyCode: COUNTY, quarter: '2022Q4' }, testIdentity())).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.countyCode',
    });
    expect(
      (await ask({ countyCode: COUNTY, quarter: '2022Q4' }, testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: [COUNTY] })))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const first = await ask({ countyCode: COUNTY, quarter: '2022Q4' });
    expect(first.data!.requestQuarterlyEvaluation).toMatchObject({ status: 'PENDING' });
    const again = await ask({ countyCode: COUNTY, quarter: '2022Q4' });
    expect(again.data!.requestQuarterlyEvaluation.id).toBe(first.data!.requestQuarterlyEvaluation.id);
    const jobs = await sg.dataSource.getRepository(OutboxMessage).findBy({ kind: 'JOB', name: 'quarterly-evaluation' });
    expect(jobs.filter((j) => (j.payload as { countyCode: string }).countyCode === COUNTY)).toHaveLength(2);
  });

  it('shows scores only within the caller’s scope', async () => {
    expect(await explain(complete, '2022Q1', testIdentity())).toBeNull();
    const list = await sg.query<{ compoundQuarterScores: { totalCount: number } }>(
      'query ($r: ID!) { compoundQuarterScores(regionCode: $r, quarter: "2022Q1") { totalCount } }',
      { r: COUNTY },
      testIdentity(),
    );
    expect(list.data!.compoundQuarterScores.totalCount).toBe(0);
    const mine = await sg.query<{ companyQuarterScores: { edges: Array<{ node: { score: number | null; missingCompounds: string[] } }> } }>(
      'query ($r: ID!) { companyQuarterScores(regionCode: $r, quarter: "2022Q3") { edges { node { score missingCompounds arithmetic } } } }',
      { r: COUNTY },
      ADMIN(),
    );
    expect(mine.data!.companyQuarterScores.edges.map((e) => e.node.missingCompounds)).toEqual([[partial]]);
  });
});

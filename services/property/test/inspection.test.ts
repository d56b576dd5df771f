import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { EvaluationScheme } from '../src/evaluation-scheme/evaluation-scheme.entity';
import { EvaluationScore, EvaluationScoreRevision } from '../src/inspection/inspection.entity';
import { propertyService } from '../src/service';
import { defineScheme, newCompany, newCompound, newPlace, organisationDataSource, RECORD } from './evaluation-fixtures';

const CORRECT = `mutation ($i: CorrectEvaluationScoreInput!) { correctEvaluationScore(input: $i) {
  id score version history { version score reason } } }`;
const LIST = `query ($c: ID!, $p: String!) { evaluationScores(compoundId: $c, period: $p) { totalCount edges { node { month evaluatorKind criterionKey score } } } }`;

describe('monthly inspections and evaluator scores: one per evaluator, compound, month and criterion; corrections kept', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let compoundId: string;

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = organisationDataSource();
    await organisation.initialize();
    const place = await newPlace(sg, organisation);
    compoundId = await newCompound(sg, place, await newCompany(sg, place));
    await defineScheme(sg, { countyCode: '520201', year: 2021 });
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  const record = (i: Record<string, unknown>, identity = testIdentity()) =>
    sg.query<{ recordEvaluationScores: Array<{ id: string; score: number }> }>(RECORD, { i }, identity);

  it('records an inspection, freezes the scheme, refuses a second score of the same cell with CONFLICT', async () => {
    const first = await record({
      compoundId,
      month: '2021-02',
      evaluatorKind: 'MONTHLY_INSPECTOR',
      scores: [{ criterionKey: 'SECURITY', score: 80, notes: '夜间巡逻到位', evidence: ['photo-0001'] }],
    });
    expect(first.errors).toBeUndefined();
    const scheme = await sg.dataSource.getRepository(EvaluationScheme).findOneByOrFail({ regionCode: '520201', year: 2021 });
    expect(scheme.frozenAt).not.toBeNull();
    const again = await record({
      compoundId,
      month: '2021-02',
      evaluatorKind: 'MONTHLY_INSPECTOR',
      scores: [{ criterionKey: 'SECURITY', score: 90 }],
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.scores.0.criterionKey' });
    // Another evaluator may score the same cell.
    const other = await record({
      compoundId,
      month: '2021-02',
      evaluatorKind: 'OWNERS_COMMITTEE',
      scores: [{ criterionKey: 'SECURITY', score: 70 }],
    });
    expect(other.errors).toBeUndefined();
    const listed = await sg.query<{ evaluationScores: { totalCount: number } }>(LIST, { c: compoundId, p: '2021Q1' });
    expect(listed.data!.evaluationScores.totalCount).toBe(2);
  });

  it('refuses what the scheme does not know, months to come and counties without a scheme, naming the field, writing nothing', async () => {
    const before = await sg.dataSource.getRepository(EvaluationScore).countBy({ compoundId });
    const base = {
      compoundId,
      month: '2021-03',
      evaluatorKind: 'OWNER_REPRESENTATIVES',
      scores: [{ criterionKey: 'SECURITY', score: 75 }],
    };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ scores: [{ criterionKey: 'NO_SUCH', score: 75 }] }, 'input.scores.0.criterionKey', 'BAD_USER_INPUT'],
      [{ scores: [{ criterionKey: 'SECURITY', score: 101 }] }, 'input.scores.0.score', 'BAD_USER_INPUT'],
      [
        {
          scores: [
            { criterionKey: 'SECURITY', score: 7 },
            { criterionKey: 'SECURITY', score: 8 },
          ],
        },
        'input.scores.1.criterionKey',
        'BAD_USER_INPUT',
      ],
      [{ month: '2099-01' }, 'input.month', 'BAD_USER_INPUT'],
      [{ month: '2019-05' }, 'input.month', 'BAD_USER_INPUT'],
      [{ month: '2021-13' }, 'input.month', 'BAD_USER_INPUT'],
    ];
    for (const [change, field, code] of cases) {
      const result = await record({ ...base, ...change });
      expect([change, result.errors?.[0]?.extensions]).toEqual([change, expect.objectContaining({ code, field })]);
    }
    const outside = await record(base, testIdentity({ regionScopes: ['520322'] }));
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.compoundId' });
    expect(await sg.dataSource.getRepository(EvaluationScore).countBy({ compoundId })).toBe(before);
  });

  it('corrects a score keeping every earlier value with its reason; a stale version is CONFLICT', async () => {
    const created = await record({
      compoundId,
      month: '2021-01',
      evaluatorKind: 'MONTHLY_INSPECTOR',
      scores: [{ criterionKey: 'REGULAR_CLEANING', score: 60 }],
    });
    const id = created.data!.recordEvaluationScores[0]!.id;
    const corrected = await sg.query<{ correctEvaluationScore: { score: number; version: number; history: unknown[] } }>(CORRECT, {
      i: { scoreId: id, score: 85, reason: '复核后更正：录入错误', expectedVersion: 1 },
    });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctEvaluationScore).toMatchObject({
      score: 85,
      version: 2,
      history: [
        { version: 1, score: 60, reason: null },
        { version: 2, score: 85, reason: '复核后更正：录入错误' },
      ],
    });
    const stale = await sg.query(CORRECT, { i: { scoreId: id, score: 90, reason: '再次更正', expectedVersion: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion' });
    await expect(sg.dataSource.getRepository(EvaluationScoreRevision).update({ scoreId: id }, { score: 1 })).rejects.toThrow(/append-only/);
  });
});

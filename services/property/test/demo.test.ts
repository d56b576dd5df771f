import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { OutboxMessage } from '@gg/shared';
import { In } from 'typeorm';
import { DEMO_PROPERTY_COMPANIES, seedPropertyDemo } from '../src/demo';
import { SCALE_COMPANIES, SCALE_COMPOUNDS } from '../src/demo-evaluation';
import { EvaluationScheme } from '../src/evaluation-scheme/evaluation-scheme.entity';
import { EvaluationScore } from '../src/inspection/inspection.entity';
import { CompoundQuarterScore, QuarterlyEvaluationRun } from '../src/quarterly-evaluation/quarterly-evaluation.entity';
import { RedBlackEntry, RedBlackList } from '../src/red-black-list/red-black-list.entity';
import { propertyService } from '../src/service';

describe('the property demo data', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
  });
  afterAll(() => sg.stop());

  it('seeds the demo counties’ schemes (四有一定 in Zhongshan, 19 standards in Jianhu), idempotently', async () => {
    await seedPropertyDemo(sg.dataSource);
    const counts = async () => ({
      scores: await sg.dataSource.getRepository(EvaluationScore).countBy({ compoundId: In(SCALE_COMPOUNDS.map((c) => c.id)) }),
      // The demo's own announcements only (tests in parallel write to the same outbox).
      outbox: await sg.dataSource.getRepository(OutboxMessage).countBy({
        aggregateId: In([
          ...[...DEMO_PROPERTY_COMPANIES, ...SCALE_COMPANIES, ...SCALE_COMPOUNDS].map((r) => r.id),
          ...(await sg.dataSource.getRepository(RedBlackList).findBy({ regionCode: '520201' })).map((l) => l.id),
        ]),
      }),
      lists: await sg.dataSource.getRepository(RedBlackList).countBy({ regionCode: '520201' }),
      runs: await sg.dataSource.getRepository(QuarterlyEvaluationRun).countBy({ regionCode: '520201' }),
    });
    const first = await counts();
    expect(first.outbox).toBeGreaterThan(SCALE_COMPANIES.length); // the companies, compounds and list announced
    await seedPropertyDemo(sg.dataSource);
    expect(await counts()).toEqual(first);
    expect(await sg.dataSource.getRepository(EvaluationScheme).countBy({ definedBy: 'demo', regionCode: '320925' })).toBe(2);
    const jianhu = await sg.query<{ evaluationScheme: { criteria: unknown[] } }>(
      'query { evaluationScheme(countyCode: "320925", year: 2026) { criteria { key weight } } }',
      {},
      testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: ['320925'], clientKind: 'MACHINE' }),
    );
    expect(jianhu.data!.evaluationScheme.criteria).toHaveLength(19);
  });

  it('holds Zhongshan at Liupanshui’s scale: 114 professional companies, 12 owner self-managed and 58 community/SOE compounds, evaluated', async () => {
    await seedPropertyDemo(sg.dataSource);
    const modes = await sg.dataSource.query(
      `SELECT c.management_mode AS mode, count(*)::int AS n, count(DISTINCT c.company_id)::int AS companies
       FROM property.residential_compound c WHERE c.id = ANY($1) OR c.id = '00000000-0000-4000-8000-000000000451'
       GROUP BY 1 ORDER BY 1`,
      [SCALE_COMPOUNDS.map((c) => c.id)],
    );
    expect(modes).toEqual([
      { mode: 'COMMUNITY_MANAGED', n: 40, companies: 0 },
      { mode: 'OWNER_SELF_MANAGED', n: 12, companies: 0 },
      { mode: 'PROFESSIONAL', n: 114, companies: 114 },
      { mode: 'STATE_OWNED_FALLBACK', n: 18, companies: 0 },
    ]);
    expect(SCALE_COMPANIES).toHaveLength(112); // with the two named demo companies of Zhongshan: 114
    // Three quarters computed by the real run (a few compounds missing the owners' committee in Q3), the half's list published by the real compilation.
    const runs = await sg.dataSource
      .getRepository(QuarterlyEvaluationRun)
      .find({ where: { regionCode: '520201' }, order: { quarter: 'ASC' } });
    expect(runs.filter((r) => r.quarter.startsWith('2026')).map((r) => [r.quarter, r.status])).toEqual([
      ['2026Q1', 'COMPLETED'],
      ['2026Q2', 'COMPLETED'],
      ['2026Q3', 'COMPLETED'],
    ]);
    const q3 = await sg.dataSource
      .getRepository(CompoundQuarterScore)
      .findBy({ quarter: '2026Q3', compoundId: In(SCALE_COMPOUNDS.map((c) => c.id)) });
    expect(q3).toHaveLength(183);
    expect(q3.filter((s) => s.score === null)).toHaveLength(4);
    const [list] = await sg.dataSource.getRepository(RedBlackList).findBy({ regionCode: '520201', half: '2026H1' });
    const entries = await sg.dataSource.getRepository(RedBlackEntry).findBy({ listId: list!.id });
    expect(entries.filter((e) => e.kind === 'RED').length).toBeGreaterThanOrEqual(10);
    expect(entries.find((e) => e.companyId === SCALE_COMPANIES[7]!.id)).toMatchObject({
      kind: 'BLACK',
      reason: expect.stringContaining('serious violation'),
    });

    const stats = await sg.query<{ _entities: Array<{ propertyStats: Record<string, unknown> }> }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { propertyStats {
        propertyCompanies residentialCompounds compoundsByManagementMode { managementMode count }
        evaluation(quarter: "2026Q3") { compoundsScored compoundsWithMissingInputs averageScore latestListHalf redCount blackCount } } } } }`,
      { r: [{ __typename: 'Region', code: '520201' }] },
      testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: ['520201'], clientKind: 'MACHINE' }),
    );
    expect(stats.errors).toBeUndefined();
    const figures = stats.data!._entities[0]!.propertyStats as { propertyCompanies: number; evaluation: Record<string, unknown> };
    expect(figures.propertyCompanies).toBeGreaterThanOrEqual(114);
    expect(figures.evaluation).toMatchObject({ latestListHalf: '2026H1', compoundsWithMissingInputs: expect.any(Number) });
    expect(figures.evaluation.compoundsScored).toBe(180); // 184 with 明湖小区, 4 missing an input
  });
});

import { pendingSchemaChanges, startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { freezeScheme } from '../src/evaluation-scheme/evaluation-scheme.commands';
import { EvaluationScheme } from '../src/evaluation-scheme/evaluation-scheme.entity';
import { propertyService } from '../src/service';

const FIELDS = `id year version frozen county { code } criteria { key name weight } evaluators { kind weight } starThresholds
  redRule { top minScore } blackRule { belowScore } residentsVoice { weight categories } versions { version frozen }`;
const DEFINE = `mutation ($i: DefineEvaluationSchemeInput!) { defineEvaluationScheme(input: $i) { ${FIELDS} } }`;
const READ = `query ($c: ID!, $y: Int!) { evaluationScheme(countyCode: $c, year: $y) { ${FIELDS} } }`;

interface Scheme {
  id: string;
  version: number;
  frozen: boolean;
  criteria: Array<{ key: string; weight: number }>;
  versions: Array<{ version: number; frozen: boolean }>;
}

/** Jianhu-style: 19 standards, weights 5 × 18 + 10. */
const JIANHU = Array.from({ length: 19 }, (_, i) => ({ key: `STANDARD_${i + 1}`, name: `标准${i + 1}`, weight: i === 0 ? 10 : 5 }));

describe('evaluation schemes: defaults, weights, versions frozen once used', () => {
  let sg: TestSubgraph;
  const define = (i: Record<string, unknown>, identity = testIdentity()) =>
    sg.query<{ defineEvaluationScheme: Scheme }>(DEFINE, { i }, identity);

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    await sg.catchUp();
  });
  afterAll(() => sg.stop());

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('defines the default 四有一定 scheme when only the county and year are given', async () => {
    const result = await define({ countyCode: '520201', year: 2011 });
    expect(result.errors).toBeUndefined();
    const scheme = result.data!.defineEvaluationScheme;
    expect(scheme).toMatchObject({
      version: 1,
      frozen: false,
      starThresholds: [60, 70, 80, 90],
      redRule: { top: 10, minScore: 90 },
      blackRule: { belowScore: 60 },
    });
    expect(scheme.criteria.map((c) => c.key)).toEqual([
      'GREENING_UPKEEP',
      'PROPERTY_REPAIR',
      'PARKING_MANAGEMENT',
      'SECURITY',
      'REGULAR_CLEANING',
    ]);
  });

  it('refuses weights not summing to 100, duplicate keys and bars that cross, naming the field, writing nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ criteria: JIANHU.map((c, i) => (i === 0 ? { ...c, weight: 11 } : c)) }, 'input.criteria'],
      [{ criteria: [JIANHU[0], { ...JIANHU[1], key: 'STANDARD_1', weight: 90 }] }, 'input.criteria.1.key'],
      [{ evaluators: [{ kind: 'OWNERS_COMMITTEE', weight: 99 }] }, 'input.evaluators'],
      [{ starThresholds: [60, 60, 80, 90] }, 'input.starThresholds'],
      [{ redRule: { top: 5, minScore: 50 } }, 'input.blackRule.belowScore'],
      [{ residentsVoice: { weight: 51 } }, 'input.residentsVoice.weight'],
      [{ countyCode: '520322' }, 'input.countyCode'],
    ];
    for (const [change, field] of cases) {
      const result = await define({ countyCode: '520201', year: 2012, ...change });
      expect([change, result.errors?.[0]?.extensions?.field]).toEqual([change, field]);
    }
    expect(await sg.dataSource.getRepository(EvaluationScheme).countBy({ year: 2012 })).toBe(0);
  });

  it('replaces an unused version in place, and makes a new version once the current one is frozen', async () => {
    const first = (await define({ countyCode: '520201', year: 2013 })).data!.defineEvaluationScheme;
    const replaced = (await define({ countyCode: '520201', year: 2013, criteria: JIANHU })).data!.defineEvaluationScheme;
    expect(replaced).toMatchObject({ id: first.id, version: 1 });
    expect(replaced.criteria).toHaveLength(19);

    const row = await sg.dataSource.getRepository(EvaluationScheme).findOneByOrFail({ id: first.id });
    await freezeScheme(sg.dataSource.manager, row, new Date());
    const second = (await define({ countyCode: '520201', year: 2013, starThresholds: [50, 65, 80, 95] })).data!.defineEvaluationScheme;
    expect(second).toMatchObject({
      version: 2,
      frozen: false,
      versions: [
        { version: 1, frozen: true },
        { version: 2, frozen: false },
      ],
    });
    // Version 1 kept the rules it was used under.
    const read = await sg.query<{ evaluationScheme: Scheme & { starThresholds: number[] } }>(READ, { c: '520201', y: 2013 });
    expect(read.data!.evaluationScheme.version).toBe(2);
    expect((await sg.dataSource.getRepository(EvaluationScheme).findOneByOrFail({ id: first.id })).criteria).toHaveLength(19);
  });

  it('is frozen by the database: an update or deletion of a used version is refused whatever code tries it', async () => {
    const scheme = (await define({ countyCode: '520201', year: 2014 })).data!.defineEvaluationScheme;
    const repository = sg.dataSource.getRepository(EvaluationScheme);
    await freezeScheme(sg.dataSource.manager, await repository.findOneByOrFail({ id: scheme.id }), new Date());
    await expect(repository.update({ id: scheme.id }, { starThresholds: [1, 2, 3, 4] })).rejects.toThrow(/frozen/);
    await expect(repository.delete({ id: scheme.id })).rejects.toThrow(/frozen/);
  });

  it('shows a county outside the scope to nobody', async () => {
    await define({ countyCode: '520201', year: 2015 });
    const other = await sg.query<{ evaluationScheme: null }>(READ, { c: '520201', y: 2015 }, testIdentity({ regionScopes: ['520322'] }));
    expect(other.data!.evaluationScheme).toBeNull();
  });
});

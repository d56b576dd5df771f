import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { seedPropertyDemo } from '../src/demo';
import { EvaluationScheme } from '../src/evaluation-scheme/evaluation-scheme.entity';
import { propertyService } from '../src/service';

describe('the property demo data', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
  });
  afterAll(() => sg.stop());

  it('seeds the demo counties’ schemes (四有一定 in Zhongshan, 19 standards in Jianhu), idempotently', async () => {
    await seedPropertyDemo(sg.dataSource);
    await seedPropertyDemo(sg.dataSource);
    expect(await sg.dataSource.getRepository(EvaluationScheme).countBy({ definedBy: 'demo', regionCode: '320925' })).toBe(2);
    const jianhu = await sg.query<{ evaluationScheme: { criteria: unknown[] } }>(
      'query { evaluationScheme(countyCode: "320925", year: 2026) { criteria { key weight } } }',
      {},
      testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: ['320925'], clientKind: 'MACHINE' }),
    );
    expect(jianhu.data!.evaluationScheme.criteria).toHaveLength(19);
  });
});

import { countyOf } from '@gg/shared';
import { createGridInput } from '../src/grid/grid.inputs';
import { dedicatedTypeProblem, FOUR_COMMUNITY_LEVELS, levelListProblem, parentProblem, placementProblem } from '../src/grid/grid.rules';

const valid = { code: 'MH-01', name: '明湖社区第一网格', kind: 'COMPREHENSIVE', regionCode: '520201001001' };

function firstProblem(input: Record<string, unknown>): { path: string; message: string } | undefined {
  const result = createGridInput.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('grid rules', () => {
  it('asks a dedicated grid for its type and refuses one on a comprehensive grid', () => {
    expect(dedicatedTypeProblem('DEDICATED', 'MARKET')).toBeUndefined();
    expect(dedicatedTypeProblem('COMPREHENSIVE', null)).toBeUndefined();
    expect(dedicatedTypeProblem('COMPREHENSIVE', undefined)).toBeUndefined();
    expect(dedicatedTypeProblem('DEDICATED', null)).toMatch(/needs a dedicatedType/);
    expect(dedicatedTypeProblem('DEDICATED', undefined)).toMatch(/needs a dedicatedType/);
    expect(dedicatedTypeProblem('COMPREHENSIVE', 'PARK')).toMatch(/has no dedicatedType/);
  });

  it('takes the county from the first six digits of the community code', () => {
    expect(countyOf('520201001001')).toBe('520201');
    expect(countyOf('320925001001')).toBe('320925');
  });

  it('accepts a well-formed grid', () => {
    expect(createGridInput.parse(valid)).toMatchObject(valid);
    expect(
      createGridInput.parse({ ...valid, kind: 'DEDICATED', dedicatedType: 'BUSINESS_BUILDING', households: 0, serviceRadiusMinutes: 5 }),
    ).toMatchObject({
      dedicatedType: 'BUSINESS_BUILDING',
      households: 0,
      serviceRadiusMinutes: 5,
    });
    expect(createGridInput.parse({ ...valid, code: 'A', households: 5000, serviceRadiusMinutes: 15 }).households).toBe(5000);
    expect(createGridInput.parse({ ...valid, code: 'X'.repeat(32) }).code).toHaveLength(32);
  });

  it('names the field of the first problem', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, code: 'mh-01' }, 'code'],
      [{ ...valid, code: '' }, 'code'],
      [{ ...valid, code: 'MH 01' }, 'code'],
      [{ ...valid, code: 'X'.repeat(33) }, 'code'],
      [{ ...valid, name: '网' }, 'name'],
      [{ ...valid, name: '网'.repeat(101) }, 'name'],
      [{ ...valid, kind: 'SPECIAL' }, 'kind'],
      [{ ...valid, kind: 'DEDICATED' }, 'dedicatedType'],
      [{ ...valid, dedicatedType: 'MARKET' }, 'dedicatedType'],
      [{ ...valid, kind: 'DEDICATED', dedicatedType: 'MALL' }, 'dedicatedType'],
      [{ ...valid, regionCode: '520201' }, 'regionCode'],
      [{ ...valid, regionCode: '52020100100a' }, 'regionCode'],
      [{ ...valid, households: -1 }, 'households'],
      [{ ...valid, households: 5001 }, 'households'],
      [{ ...valid, households: 2.5 }, 'households'],
      [{ ...valid, serviceRadiusMinutes: 20 }, 'serviceRadiusMinutes'],
    ];
    for (const [input, path] of cases) expect(firstProblem(input)?.path).toBe(path);
  });

  it("places a grid by its county's levels: a level it draws, at a region that level may sit at", () => {
    const jianhu = {
      levels: [
        { level: 1, name: '街道网格', regionLevels: ['STREET' as const] },
        { level: 2, name: '社区网格', regionLevels: ['COMMUNITY' as const] },
      ],
    };
    expect(placementProblem(jianhu, 1, '520201001')).toBeUndefined();
    expect(placementProblem(jianhu, 2, '520201001001')).toBeUndefined();
    expect(placementProblem(jianhu, 1, '520201001001')).toMatchObject({ on: 'region', message: expect.stringMatching(/at a STREET/) });
    expect(placementProblem(jianhu, 3, '520201001001')).toMatchObject({ on: 'level' });
    expect(placementProblem(FOUR_COMMUNITY_LEVELS, 4, '520201001001')).toBeUndefined();
    expect(placementProblem(FOUR_COMMUNITY_LEVELS, 1, '520201001')).toMatchObject({ on: 'region' });
    expect(levelListProblem([{ level: 1 }, { level: 2 }])).toBeUndefined();
    expect(levelListProblem([{ level: 1 }, { level: 3 }])).toMatchObject({ index: 1 });
    expect(levelListProblem([{ level: 2 }])).toMatchObject({ index: 0 });
  });

  it("keeps a child grid inside its parent's region", () => {
    const street = { level: 1, regionCode: '520201001', status: 'ACTIVE' as const };
    expect(parentProblem({ level: 2, regionCode: '520201001001' }, street)).toBeUndefined();
    expect(parentProblem({ level: 2, regionCode: '520201002001' }, street)).toMatch(/parent's region/);
  });
});

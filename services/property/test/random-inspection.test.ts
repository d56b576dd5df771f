import { createDataSource, todayInChina } from '@gg/shared';
import { startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import type { DataSource } from 'typeorm';
import { SeriousViolation } from '../src/red-black-list/red-black-list.entity';
import { propertyService } from '../src/service';
import { must, placeCompound } from './fixtures';

const DRAW_FIELDS = `id seed candidateCompanyIds candidateInspectors { name unit } drawnCompanyIds drawnCompanies { id }
  drawnInspectors { name unit } reproducible publishedAt findings { result seriousViolation company { id } }`;
const DRAW = `mutation ($i: DrawRandomInspectionInput!) { drawRandomInspection(input: $i) { ${DRAW_FIELDS} } }`;
const PUBLISH = `mutation ($id: ID!) { publishRandomInspectionDraw(drawId: $id) { id publishedAt } }`;
const FINDING = `mutation ($i: RecordInspectionFindingInput!) { recordInspectionFinding(input: $i) { id result seriousViolation } }`;
const READ = `query ($id: ID!) { randomInspectionDraw(id: $id) { ${DRAW_FIELDS} } }`;
const POOL = [
  { name: '王建国', unit: '钟山区住建局' },
  { name: '李红', unit: '钟山区委组织部' },
  { name: '张伟', unit: '钟山区物业行业党委' },
  { name: '赵敏', unit: '钟山区住建局' },
];

interface Draw {
  id: string;
  seed: string;
  candidateCompanyIds: string[];
  drawnCompanyIds: string[];
  drawnInspectors: Array<{ name: string; unit: string }>;
  reproducible: boolean;
  publishedAt: string | null;
}

describe('random inspections (双随机一公开)', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  const county = '520201';

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
    for (let i = 0; i < 3; i++) await placeCompound(sg, organisation, county, `双随机测试物业${i}有限公司`);
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  const companiesInCounty = async () =>
    (
      (await sg.dataSource.query(`SELECT count(*)::int AS n FROM property.property_company WHERE region_code LIKE $1`, [
        `${county}%`,
      ])) as Array<{ n: number }>
    )[0]!.n;

  const draw = async (input: Record<string, unknown>) =>
    (
      await must<{ drawRandomInspection: Draw }>(sg, DRAW, {
        i: { regionCode: county, title: '2026年第四季度物业服务双随机检查', ...input },
      })
    ).drawRandomInspection;

  it('draws reproducibly: the same seed and candidates give the same companies and inspectors, recorded with the draw', async () => {
    const first = await draw({ seed: 'ZS-2026-Q4', companyCount: 2, inspectorCount: 2, inspectorPool: POOL });
    const second = await draw({ seed: 'ZS-2026-Q4', companyCount: 2, inspectorCount: 2, inspectorPool: [...POOL].reverse() });
    expect(second.candidateCompanyIds).toEqual(first.candidateCompanyIds);
    expect(second.drawnCompanyIds).toEqual(first.drawnCompanyIds);
    expect(second.drawnInspectors).toEqual(first.drawnInspectors);
    expect(first.reproducible).toBe(true);
    expect(first.drawnCompanyIds).toHaveLength(2);
    // Every company of the county was a candidate, and the picks are among them.
    const [{ count }] = await sg.dataSource.query(
      `SELECT count(*)::int AS count FROM property.property_company WHERE region_code LIKE '520201%'`,
    );
    expect(first.candidateCompanyIds).toHaveLength(count);
    for (const id of first.drawnCompanyIds) expect(first.candidateCompanyIds).toContain(id);
    // Without a seed one is generated and recorded.
    const unseeded = await draw({ companyCount: 1, inspectorCount: 1, inspectorPool: POOL });
    expect(unseeded.seed).toMatch(/^[0-9a-f]{32}$/);
    // A tampered record no longer reproduces.
    await sg.dataSource.query(`UPDATE property.random_inspection_draw SET seed = 'tampered' WHERE id = $1`, [unseeded.id]);
    expect((await must<{ randomInspectionDraw: Draw }>(sg, READ, { id: unseeded.id })).randomInspectionDraw.reproducible).toBe(false);
  });

  it('refuses counts beyond the candidates, an inspector listed twice, a non-county and another county', async () => {
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ companyCount: 100000 }, 'BAD_USER_INPUT', 'input.companyCount'],
      // One more than the county has (other test files add companies there too: counted now).
      [{ companyCount: (await companiesInCounty()) + 1 }, 'BAD_USER_INPUT', 'input.companyCount'],
      [{ inspectorCount: 5 }, 'BAD_USER_INPUT', 'input.inspectorCount'],
      [{ inspectorPool: [...POOL, POOL[0]] }, 'BAD_USER_INPUT', 'input.inspectorPool.4.name'],
      [{ regionCode: '520201001' }, 'BAD_USER_INPUT', 'input.regionCode'],
      [{ regionCode: '520322' }, 'FORBIDDEN', 'input.regionCode'],
    ];
    for (const [input, code, field] of refusals) {
      const result = await sg.query(DRAW, {
        i: { regionCode: county, title: '越界抽查', companyCount: 1, inspectorCount: 1, inspectorPool: POOL, ...input },
      });
      expect([input, result.errors?.[0]?.extensions]).toEqual([input, expect.objectContaining({ code, field })]);
    }
    const staff = await sg.query(
      DRAW,
      { i: { regionCode: county, title: '社区不能抽', companyCount: 1, inspectorCount: 1, inspectorPool: POOL } },
      testIdentity({ roles: ['COMMUNITY_STAFF'] }),
    );
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows a draw to residents only once published (names masked), publishes once, and records one finding per drawn company', async () => {
    const made = await draw({ seed: 'publish-test', companyCount: 1, inspectorCount: 2, inspectorPool: POOL });
    const resident = testIdentity({ roles: ['RESIDENT'] });
    const asResident = () => sg.query<{ randomInspectionDraw: Draw | null }>(READ, { id: made.id }, resident);
    expect((await asResident()).data!.randomInspectionDraw).toBeNull();
    const bureau = await sg.query<{ randomInspectionDraw: Draw | null }>(
      READ,
      { id: made.id },
      testIdentity({ roles: ['HOUSING_BUREAU'], clientKind: 'MACHINE' }),
    );
    expect(bureau.data!.randomInspectionDraw!.drawnInspectors).toEqual(made.drawnInspectors);

    expect(
      (await must<{ publishRandomInspectionDraw: Draw }>(sg, PUBLISH, { id: made.id })).publishRandomInspectionDraw.publishedAt,
    ).not.toBeNull();
    expect((await sg.query(PUBLISH, { id: made.id })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'drawId' });
    const seen = (await asResident()).data!.randomInspectionDraw!;
    expect(seen.drawnCompanyIds).toEqual(made.drawnCompanyIds);
    expect(seen.drawnInspectors.map((i) => i.name)).toEqual(
      made.drawnInspectors.map((i) => `${i.name[0]}${'*'.repeat(i.name.length - 1)}`),
    );

    const drawn = made.drawnCompanyIds[0]!;
    const notDrawn = made.candidateCompanyIds.find((id) => id !== drawn)!;
    const finding = (companyId: string, result = 'SERIOUS_VIOLATION', inspectedOn = todayInChina(new Date())) =>
      sg.query<{ recordInspectionFinding: { id: string; result: string; seriousViolation: boolean } }>(FINDING, {
        i: { drawId: made.id, companyId, inspectedOn, result, note: '消防通道堵塞' },
      });
    expect((await finding(notDrawn)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.companyId' });
    expect((await finding(drawn, 'NO_PROBLEM', '2020-01-01')).errors?.[0]?.extensions).toMatchObject({ field: 'input.inspectedOn' });
    const serious = (await finding(drawn)).data!.recordInspectionFinding;
    expect(serious).toEqual({ id: expect.any(String), result: 'SERIOUS_VIOLATION', seriousViolation: true });
    const findingId = serious.id;
    expect((await finding(drawn, 'NO_PROBLEM')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.companyId' });
    expect((await asResident()).data!.randomInspectionDraw!).toMatchObject({
      findings: [{ result: 'SERIOUS_VIOLATION', company: { id: drawn } }],
    });
    // The serious finding is the company's serious violation (what the black list reads), naming the finding; other results are not.
    const recorded = await sg.dataSource.getRepository(SeriousViolation).findBy({ companyId: drawn });
    expect(recorded).toEqual([
      expect.objectContaining({
        inspectionFindingId: findingId,
        occurredOn: todayInChina(new Date()),
        description: '双随机抽查「2026年第四季度物业服务双随机检查」发现严重违规：消防通道堵塞',
      }),
    ]);
  });
});

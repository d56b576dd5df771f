import { announceOnce, PropertyCompanyRegistered, ResidentialCompoundRegistered, runInTransaction, tableOf } from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { monthsOfQuarter, quarterDays } from './evaluation/periods.rules';
import { currentScheme } from './evaluation-scheme/evaluation-scheme.commands';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from './property-company/property-company.rules';
import { PropertyCompany } from './property-company/property-company.entity';
import { QuarterlyEvaluationRun } from './quarterly-evaluation/quarterly-evaluation.entity';
import { runQuarterlyEvaluation } from './quarterly-evaluation/quarterly-evaluation.run';
import { latestList, publishListVersion } from './red-black-list/red-black-list.compile';
import { SeriousViolation } from './red-black-list/red-black-list.entity';
import type { ManagementMode } from './residential-compound/residential-compound.rules';
import { CompoundManagementPeriod, ResidentialCompound } from './residential-compound/residential-compound.entity';

/**
 * Zhongshan (钟山区, 520201) at Liupanshui's scale (六盘水: 114 professional property companies, 12 owner
 * self-managed and 58 community-managed or state-owned fallback compounds): 112 companies more than the
 * two named demo companies, each managing one compound (with 明湖小区, 114 professional compounds), and
 * 70 compounds in the other modes (the report does not split community and SOE: 40 and 18 here). Names
 * and credit codes are illustrative. The compounds are in the demo grids of 明湖社区 and 凉都社区.
 *
 * Evaluated as the platform would: evaluators' monthly scores for 2026Q1–Q3 (a few compounds miss the
 * owners' committee's scores in Q3, so the dashboards show missing inputs), the quarters computed by the
 * real quarterly run, and the 2026H1 red-and-black list published by the real compilation (one company
 * with a serious violation recorded). Set-based inserts with fixed ids and ON CONFLICT DO NOTHING; the
 * runs and the list are idempotent themselves: a restart adds nothing.
 */

const COUNTY = '520201';
const MINGHU = '520201001001';
const LIANGDU = '520201001002';
/** Comprehensive grids of the grid demo, with their communities. */
const GRIDS = [
  { id: '00000000-0000-4000-8000-000000000201', community: MINGHU },
  { id: '00000000-0000-4000-8000-000000000202', community: MINGHU },
  { id: '00000000-0000-4000-8000-000000000204', community: LIANGDU },
];
const LIANGDU_COMPANY = '00000000-0000-4000-8000-000000000402';
const QUARTERS = ['2026Q1', '2026Q2', '2026Q3'];
const HALF = '2026H1';

const uuid = (block: number, n: number) => `00000000-0000-4000-${8000 + block}-${String(n).padStart(12, '0')}`;

const PLACES = ['钟山', '荷城', '德坞', '红岩', '黄土坡', '杨柳', '大湾', '月照', '双水', '汪家寨'];
const PLACES_MORE = ['大河', '老鹰山', '保华', '南开', '青林', '木果', '金盆', '场坝', '荷泉', '水城'];
const COMPANY_KINDS = [
  '物业服务有限公司',
  '物业管理有限公司',
  '物业服务有限责任公司',
  '物业管理服务有限公司',
  '智慧物业服务有限公司',
  '城市物业服务有限公司',
];
const COMPOUND_KINDS = ['花园', '小区', '家园', '新村', '佳苑', '雅居', '公馆', '华庭', '名苑', '丽景'];
const ALL_PLACES = [...PLACES, ...PLACES_MORE];

/** A valid credit code of Zhongshan for the n-th demo company (GB 32100 check character). */
function creditCode(n: number): string {
  let organisation = '';
  for (let rest = 7919 * n + 104729, i = 0; i < 6; i += 1, rest = Math.floor(rest / 31)) organisation += CREDIT_CODE_CHARSET[rest % 31];
  const body = `91520201MA7${organisation}`;
  return body + creditCodeCheckCharacter(body);
}

export const SCALE_COMPANIES = Array.from({ length: 112 }, (_, n) => ({
  id: uuid(1, n + 1),
  name: `六盘水${ALL_PLACES[n % 20]}${COMPANY_KINDS[Math.floor(n / 20)]}`,
  creditCode: creditCode(n + 1),
  regionCode: n % 2 ? LIANGDU : MINGHU,
  hasPartyOrganisation: n % 3 !== 0,
  partyBuildingInstructor: null,
}));

const MODES: Array<{ mode: ManagementMode; count: number }> = [
  { mode: 'PROFESSIONAL', count: 113 },
  { mode: 'OWNER_SELF_MANAGED', count: 12 },
  { mode: 'COMMUNITY_MANAGED', count: 40 },
  { mode: 'STATE_OWNED_FALLBACK', count: 18 },
];

export const SCALE_COMPOUNDS = MODES.flatMap(({ mode, count }) =>
  Array.from({ length: count }, (_, i) => ({ mode, companyIndex: mode === 'PROFESSIONAL' ? i : null })),
).map(({ mode, companyIndex }, n) => {
  const grid = GRIDS[n % GRIDS.length]!;
  return {
    id: uuid(2, n + 1),
    name: `${ALL_PLACES[n % 20]}${COMPOUND_KINDS[Math.floor(n / 20) % 10]}`,
    regionCode: grid.community,
    gridId: grid.id,
    managementMode: mode,
    companyId: companyIndex === null ? null : companyIndex === 0 ? LIANGDU_COMPANY : SCALE_COMPANIES[companyIndex - 1]!.id,
    managedSince: '2024-01-01',
    version: 1,
    /** How well it is kept: mostly 72–96, one in forty-one under the black bar. */
    quality: n % 41 === 5 ? 52 : 72 + ((n * 37) % 25),
  };
});

/** The compounds the evaluators score: the scale set and 明湖小区 (`demo-records.ts`). */
const SCORED = [...SCALE_COMPOUNDS, { id: '00000000-0000-4000-8000-000000000451', regionCode: MINGHU, quality: 88 }];

/** The company with a serious violation recorded in the half (black whatever its score). */
const VIOLATING_COMPANY = SCALE_COMPANIES[7]!;

async function seedRecords(manager: EntityManager): Promise<void> {
  const insertOnce = async (entity: Function, values: object[]) =>
    manager.createQueryBuilder().insert().into(entity).values(values).orIgnore().execute();
  await insertOnce(PropertyCompany, SCALE_COMPANIES);
  await announceOnce(
    manager,
    PropertyCompanyRegistered,
    'PropertyCompany',
    SCALE_COMPANIES.map((c) => ({ id: c.id, payload: { id: c.id, regionCode: c.regionCode } })),
  );
  await insertOnce(
    ResidentialCompound,
    SCALE_COMPOUNDS.map(({ quality: _quality, ...compound }) => compound),
  );
  await insertOnce(
    CompoundManagementPeriod,
    SCALE_COMPOUNDS.map((c, n) => ({
      id: uuid(3, n + 1),
      compoundId: c.id,
      sequence: 1,
      managementMode: c.managementMode,
      companyId: c.companyId,
      since: c.managedSince,
      until: null,
      recordedBy: 'demo',
    })),
  );
  await announceOnce(
    manager,
    ResidentialCompoundRegistered,
    'ResidentialCompound',
    SCALE_COMPOUNDS.map((c) => ({
      id: c.id,
      payload: { id: c.id, regionCode: c.regionCode, gridId: c.gridId, managementMode: c.managementMode, companyId: c.companyId },
    })),
  );
  await insertOnce(SeriousViolation, [
    {
      id: uuid(4, 1),
      regionCode: VIOLATING_COMPANY.regionCode,
      companyId: VIOLATING_COMPANY.id,
      occurredOn: '2026-05-12',
      description: '电梯维保记录造假，被市场监管部门查处',
      recordedBy: 'demo',
      inspectionFindingId: null,
    },
  ]);
}

/**
 * The evaluators' scores of a quarter not yet evaluated, in one statement: every evaluator kind and
 * criterion of the scheme for each month, around the compound's quality (±3, fixed by a hash).
 */
async function seedScores(manager: EntityManager, quarter: string, schemeId: string, kinds: string[], keys: string[]): Promise<void> {
  const missing = quarter === '2026Q3' ? SCALE_COMPOUNDS.filter((_, n) => n % 50 === 9).map((c) => c.id) : [];
  await manager.query(
    `INSERT INTO ${tableOf(manager.connection, 'evaluation_score')}
       (region_code, compound_id, month, evaluator_kind, criterion_key, scheme_id, score, evidence, version, recorded_by)
     SELECT c.region_code, c.id, m.month, e.kind, k.key, $1,
            LEAST(100, GREATEST(0, c.quality + abs(hashtext(c.id::text || m.month || e.kind || k.key)) % 7 - 3)), '[]', 1, 'demo'
     FROM unnest($2::uuid[], $3::varchar[], $4::int[]) AS c(id, region_code, quality)
     CROSS JOIN unnest($5::varchar[]) AS m(month)
     CROSS JOIN unnest($6::varchar[]) AS e(kind)
     CROSS JOIN unnest($7::varchar[]) AS k(key)
     WHERE NOT (c.id = ANY($8::uuid[]) AND e.kind = 'OWNERS_COMMITTEE')
     ON CONFLICT DO NOTHING`,
    [
      schemeId,
      SCORED.map((c) => c.id),
      SCORED.map((c) => c.regionCode),
      SCORED.map((c) => c.quality),
      monthsOfQuarter(quarter),
      kinds,
      keys,
      missing,
    ],
  );
}

/** Seeds Zhongshan at Liupanshui's scale with a year's evaluation so far; idempotent. */
export async function seedLiupanshuiScale(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['property-demo-scale']);
    await seedRecords(manager);
    const scheme = await currentScheme(manager, COUNTY, 2026);
    if (!scheme) return;
    const evaluated = await manager.findBy(QuarterlyEvaluationRun, { regionCode: COUNTY });
    const kinds = scheme.evaluators.map((e) => e.kind as string);
    const keys = scheme.criteria.map((c) => c.key);
    for (const quarter of QUARTERS)
      if (!evaluated.some((r) => r.quarter === quarter)) await seedScores(manager, quarter, scheme.id, kinds, keys);
  });
  // The quarters as the scheduled job computes them (each the morning after it ends), then the half's list.
  for (const quarter of QUARTERS)
    await runQuarterlyEvaluation(dataSource, COUNTY, quarter, new Date(`${quarterDays(quarter).until}T01:00:00+08:00`));
  await runInTransaction(
    {
      dataSource,
      operationName: 'demo',
      identity: { subject: 'demo', name: '演示数据', roles: ['COUNTY_ADMIN'], regionScopes: [COUNTY], gridIds: [], clientKind: 'MACHINE' },
    },
    async (ctx) => {
      await ctx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`red-black-list:${COUNTY}:${HALF}`]);
      if (!(await latestList(ctx, COUNTY, HALF))) await publishListVersion(ctx, COUNTY, HALF, null, null, 'half');
    },
    new Date('2026-07-01T03:00:00+08:00'),
  );
}

import {
  defineExport,
  hasRole,
  isUuid,
  keysetBatches,
  regionSubtreeCondition,
  scopedQuery,
  STAFF,
  todayInChina,
  type ExportContext,
  type SortKey,
} from '@gg/shared';
import { In } from 'typeorm';
import { z } from 'zod';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { PropertyCompany } from '../property-company/property-company.entity';
import { PropertyDispute } from '../property-dispute/property-dispute.entity';
import { NEWEST_FIRST } from '../property-dispute/property-dispute.queries';
import { RandomInspectionDraw, RandomInspectionFinding } from '../random-inspection/random-inspection.entity';
import { DRAW_INSIDERS } from '../random-inspection/random-inspection.queries';
import { ResidentialCompound } from '../residential-compound/residential-compound.entity';
import { PERIOD_PATTERN, periodDays } from '../evaluation/periods.rules';
import { EVALUATION_EXPORTS } from './evaluation.exports';
import { label } from './export.rules';

/**
 * The property service's downloads, each one `defineExport`: what exists now (companies, compounds,
 * disputes, a random inspection draw), and the evaluation's scores and lists (`evaluation.exports.ts`).
 */

const regionCode = z.string().regex(/^\d{2,12}$/, 'a region code is 2–12 digits');
const period = z.string().regex(PERIOD_PATTERN, 'a period is a year (2026), a half (2026H1), a quarter (2026Q3) or a month (2026-05)');

/** The region a regional export is about: the `regionCode` parameter. */
const regionParam = async (params: { regionCode: string }) => params.regionCode;

// ─── Companies and compounds of a region, as they stand today ──────────────────

const BY_NAME = <T extends { id: string; name: string }>(alias: string): ReadonlyArray<SortKey<T>> => [
  { column: `${alias}.name`, direction: 'ASC', value: (r) => r.name },
  { column: `${alias}.id`, direction: 'ASC', value: (r) => r.id },
];

export const propertyCompaniesExport = defineExport({
  name: 'property-companies',
  title: '物业服务企业',
  asciiTitle: 'property-companies',
  roles: PROPERTY_READERS,
  params: z.object({ regionCode }),
  regionOf: regionParam,
  periodOf: (_, now) => todayInChina(now),
  columns: [
    { header: '企业名称', value: (c: PropertyCompany) => c.name, width: 36 },
    { header: '统一社会信用代码', value: (c) => c.creditCode, width: 22 },
    { header: '登记区划代码', value: (c) => c.regionCode, width: 14 },
    { header: '是否建立党组织', value: (c) => (c.hasPartyOrganisation ? '是' : '否') },
    { header: '登记时间', value: (c) => c.createdAt.toISOString() },
  ],
  rows: (params, { dataSource, identity }: ExportContext) => {
    const region = regionSubtreeCondition('c.region_code', params.regionCode, identity);
    return keysetBatches(dataSource.getRepository(PropertyCompany).createQueryBuilder('c').where(region.sql, region.params), BY_NAME('c'));
  },
});

export const residentialCompoundsExport = defineExport({
  name: 'residential-compounds',
  title: '住宅小区',
  asciiTitle: 'residential-compounds',
  roles: PROPERTY_READERS,
  params: z.object({ regionCode }),
  regionOf: regionParam,
  periodOf: (_, now) => todayInChina(now),
  columns: [
    { header: '小区名称', value: (c: ResidentialCompound) => c.name, width: 24 },
    { header: '所在社区代码', value: (c) => c.regionCode, width: 14 },
    { header: '管理模式', value: (c) => label(c.managementMode), width: 16 },
    { header: '物业服务企业', value: (c) => c.company?.name ?? '', width: 36 },
    { header: '本期管理起始日', value: (c) => c.managedSince },
  ],
  rows: (params, { dataSource, identity }) => {
    const region = regionSubtreeCondition('c.region_code', params.regionCode, identity);
    const query = dataSource
      .getRepository(ResidentialCompound)
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.company', 'company')
      .where(region.sql, region.params);
    return keysetBatches(query, BY_NAME('c'));
  },
});

// ─── Disputes filed in a period ────────────────────────────────────────────────

export const propertyDisputesExport = defineExport({
  name: 'property-disputes',
  title: '物业纠纷',
  asciiTitle: 'property-disputes',
  roles: [...STAFF, 'HOUSING_BUREAU'],
  params: z.object({ regionCode, period }),
  regionOf: regionParam,
  periodOf: (params) => params.period,
  columns: [
    { header: '受理日期', value: (d: PropertyDispute) => d.filedOn },
    { header: '小区', value: (d) => d.compound?.name ?? '', width: 24 },
    { header: '物业服务企业', value: (d) => d.company?.name ?? '', width: 36 },
    { header: '纠纷类别', value: (d) => label(d.category) },
    { header: '纠纷概要', value: (d) => d.summary, width: 48 },
    { header: '状态', value: (d) => label(d.status) },
    { header: '调解结果', value: (d) => label(d.outcome) },
    { header: '结案日期', value: (d) => d.closedOn ?? '' },
  ],
  rows: (params, { dataSource, identity }) => {
    const days = periodDays(params.period)!;
    const region = regionSubtreeCondition('d.region_code', params.regionCode, identity);
    const query = dataSource
      .getRepository(PropertyDispute)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.compound', 'compound')
      .leftJoinAndSelect('d.company', 'company')
      .where(region.sql, region.params)
      .andWhere('d.filed_on BETWEEN :from AND :to', days);
    const batches = keysetBatches(query, NEWEST_FIRST);
    // As in the graph: the housing bureau gets a company's record, not what residents said.
    return hasRole(identity, ...STAFF) ? batches : withoutSummaries(batches);
  },
});

async function* withoutSummaries(batches: AsyncIterable<PropertyDispute[]>): AsyncIterable<PropertyDispute[]> {
  for await (const batch of batches) yield batch.map((d) => Object.assign(d, { summary: '' }));
}

// ─── A random inspection draw and its findings (双随机一公开) ─────────────────────

/** The draw a download names, if the caller may see it (unpublished ones: staff and the bureau only). */
async function drawFor(params: { drawId: string }, { dataSource, identity }: ExportContext): Promise<RandomInspectionDraw | null> {
  if (!isUuid(params.drawId)) return null;
  const draw = await scopedQuery(dataSource, RandomInspectionDraw, 'd', identity).andWhere('d.id = :id', { id: params.drawId }).getOne();
  return draw && (draw.publishedAt || hasRole(identity, ...DRAW_INSIDERS)) ? draw : null;
}

interface DrawnRow {
  order: number;
  company: PropertyCompany | null;
  finding: RandomInspectionFinding | null;
  inspectors: string;
}

export const randomInspectionDrawExport = defineExport({
  name: 'random-inspection-draw',
  title: '双随机抽查结果',
  asciiTitle: 'random-inspection-draw',
  roles: PROPERTY_READERS,
  params: z.object({ drawId: z.string() }),
  regionOf: async (params, context) => (await drawFor(params, context))?.regionCode ?? null,
  periodOf: (_, now) => todayInChina(now),
  columns: [
    { header: '抽取顺序', value: (r: DrawnRow) => r.order },
    { header: '企业名称', value: (r) => r.company?.name ?? '', width: 36 },
    { header: '统一社会信用代码', value: (r) => r.company?.creditCode ?? '', width: 22 },
    { header: '检查日期', value: (r) => r.finding?.inspectedOn ?? '' },
    { header: '检查结果', value: (r) => label(r.finding?.result) },
    { header: '抽取的检查人员', value: (r) => r.inspectors, width: 40 },
  ],
  // A draw has at most a few hundred companies: one batch.
  async *rows(params, context) {
    const draw = (await drawFor(params, context))!;
    const companies = await context.dataSource.getRepository(PropertyCompany).findBy({ id: In(draw.drawnCompanyIds) });
    const findings = await context.dataSource.getRepository(RandomInspectionFinding).findBy({ drawId: draw.id });
    const inspectors = draw.drawnInspectors.map((i) => `${i.unit} ${i.name}`).join('；');
    yield draw.drawnCompanyIds.map((id, i) => ({
      order: i + 1,
      company: companies.find((c) => c.id === id) ?? null,
      finding: findings.find((f) => f.companyId === id) ?? null,
      inspectors,
    }));
  },
});

export const PROPERTY_EXPORTS = [
  propertyCompaniesExport,
  residentialCompoundsExport,
  propertyDisputesExport,
  randomInspectionDrawExport,
  ...EVALUATION_EXPORTS,
];

import { defineExport, keysetBatches, regionSubtreeCondition, scopedQuery, type ExportContext, type SortKey } from '@gg/shared';
import { In, type ObjectLiteral } from 'typeorm';
import { z } from 'zod';
import { AnnualAssessment, AnnualAssessmentEntry } from '../annual-assessment/annual-assessment.entity';
import { HALF_PATTERN, QUARTER_PATTERN } from '../evaluation/periods.rules';
import { PROPERTY_READERS } from '../property-company/property-company.module';
import { PropertyCompany } from '../property-company/property-company.entity';
import { CompanyQuarterScore, CompoundQuarterScore, QuarterlyEvaluationRun } from '../quarterly-evaluation/quarterly-evaluation.entity';
import { RedBlackEntry, RedBlackList } from '../red-black-list/red-black-list.entity';
import { ResidentialCompound } from '../residential-compound/residential-compound.entity';
import { label } from './export.rules';

/**
 * Downloads of the evaluation's results, for the housing bureau's credit rating and tendering: a
 * county's scores of a quarter (as the quarterly run computed them) or of a year (the published annual
 * assessment, with stars), and a published red-and-black list version. Only what was computed or
 * published is exported: a quarter whose run has not completed, a year not published, gives no rows.
 */

const countyCode = z.string().regex(/^\d{6}$/, 'a county code is 6 digits');

/** One line of a scores download: a company or a compound with its score (and stars for a year). */
export interface ScoreRow {
  kind: 'COMPANY' | 'COMPOUND';
  name: string;
  regionCode: string;
  managementMode: string | null;
  companyName: string | null;
  score: number | null;
  stars: number | null;
  missing: string;
  arithmetic: string;
}

const BY_ID = <T extends { id: string }>(alias: string): ReadonlyArray<SortKey<T>> => [
  { column: `${alias}.id`, direction: 'ASC', value: (r) => r.id },
];

/** The names of a batch's companies and compounds (one statement each per batch). */
async function namesOf(
  context: ExportContext,
  companyIds: readonly string[],
  compoundIds: readonly string[],
): Promise<{ companies: Map<string, PropertyCompany>; compounds: Map<string, ResidentialCompound> }> {
  const companies = companyIds.length ? await context.dataSource.getRepository(PropertyCompany).findBy({ id: In([...companyIds]) }) : [];
  const compounds = compoundIds.length
    ? await context.dataSource.getRepository(ResidentialCompound).findBy({ id: In([...compoundIds]) })
    : [];
  return { companies: new Map(companies.map((c) => [c.id, c])), compounds: new Map(compounds.map((c) => [c.id, c])) };
}

/** Batches of `source` turned into rows, with the names read per batch. */
async function* mapped<T extends ObjectLiteral>(
  source: AsyncIterable<T[]>,
  toRows: (batch: T[]) => Promise<ScoreRow[]>,
): AsyncIterable<ScoreRow[]> {
  for await (const batch of source) yield toRows(batch);
}

/** A quarter's scores: the companies', then the compounds', of the county's completed run. */
async function* quarterRows(county: string, quarter: string, context: ExportContext): AsyncIterable<ScoreRow[]> {
  const { dataSource, identity } = context;
  const completedRun = (alias: string) =>
    [QuarterlyEvaluationRun, 'r', `r.id = ${alias}.run_id AND r.status = 'COMPLETED' AND r.region_code = :county`, { county }] as const;
  const companyRegion = regionSubtreeCondition('s.region_code', county, identity);
  const companies = dataSource
    .getRepository(CompanyQuarterScore)
    .createQueryBuilder('s')
    .innerJoin(...completedRun('s'))
    .where(companyRegion.sql, companyRegion.params)
    .andWhere('s.quarter = :quarter', { quarter });
  yield* mapped(keysetBatches(companies, BY_ID('s')), async (batch) => {
    const { companies: names } = await namesOf(
      context,
      batch.map((s) => s.companyId),
      [],
    );
    return batch.map((s) => ({
      kind: 'COMPANY' as const,
      name: names.get(s.companyId)?.name ?? s.companyId,
      regionCode: s.regionCode,
      managementMode: null,
      companyName: null,
      score: s.score,
      stars: null,
      missing: s.missingCompounds.length ? `${s.missingCompounds.length} 个小区缺少评分` : '',
      arithmetic: s.arithmetic,
    }));
  });
  const compoundRegion = regionSubtreeCondition('s.region_code', county, identity);
  const compounds = dataSource
    .getRepository(CompoundQuarterScore)
    .createQueryBuilder('s')
    .innerJoin(...completedRun('s'))
    .where(compoundRegion.sql, compoundRegion.params)
    .andWhere('s.quarter = :quarter', { quarter });
  yield* mapped(keysetBatches(compounds, BY_ID('s')), async (batch) => {
    const ids = batch.map((s) => s.companyId).filter((id): id is string => id !== null);
    const names = await namesOf(
      context,
      ids,
      batch.map((s) => s.compoundId),
    );
    return batch.map((s) => ({
      kind: 'COMPOUND' as const,
      name: names.compounds.get(s.compoundId)?.name ?? s.compoundId,
      regionCode: s.regionCode,
      managementMode: s.managementMode,
      companyName: s.companyId ? (names.companies.get(s.companyId)?.name ?? s.companyId) : null,
      score: s.score,
      stars: null,
      missing: s.missing.map((m) => m.description).join('；'),
      arithmetic: s.explanation.arithmetic,
    }));
  });
}

/** A year's scores: the entries of the county's published annual assessment (none before it is published). */
async function* yearRows(county: string, year: number, context: ExportContext): AsyncIterable<ScoreRow[]> {
  const assessment = await context.dataSource.getRepository(AnnualAssessment).findOneBy({ regionCode: county, year });
  if (!assessment) return;
  const region = regionSubtreeCondition('e.region_code', county, context.identity);
  const entries = context.dataSource
    .getRepository(AnnualAssessmentEntry)
    .createQueryBuilder('e')
    .where(region.sql, region.params)
    .andWhere('e.assessment_id = :id', { id: assessment.id });
  const order: ReadonlyArray<SortKey<AnnualAssessmentEntry>> = [
    { column: 'e.subject_kind', direction: 'ASC', value: (e) => e.subjectKind },
    { column: 'e.id', direction: 'ASC', value: (e) => e.id },
  ];
  yield* mapped(keysetBatches(entries, order), async (batch) => {
    const of = (kind: string) => batch.filter((e) => e.subjectKind === kind).map((e) => e.subjectId);
    const names = await namesOf(context, of('COMPANY'), of('COMPOUND'));
    return batch.map((e) => {
      const compound = e.subjectKind === 'COMPOUND' ? names.compounds.get(e.subjectId) : undefined;
      return {
        kind: e.subjectKind,
        name: (e.subjectKind === 'COMPANY' ? names.companies.get(e.subjectId)?.name : compound?.name) ?? e.subjectId,
        regionCode: e.regionCode,
        managementMode: null,
        companyName: null,
        score: e.score,
        stars: e.stars,
        missing: e.missingQuarters.join('、'),
        arithmetic: e.arithmetic,
      };
    });
  });
}

export const evaluationScoresExport = defineExport({
  name: 'evaluation-scores',
  title: '物业考评得分',
  asciiTitle: 'evaluation-scores',
  roles: PROPERTY_READERS,
  params: z.object({
    countyCode,
    period: z.string().regex(/^\d{4}(Q[1-4])?$/, 'a period is a quarter (2026Q1) or a year (2026)'),
  }),
  regionOf: async (params) => params.countyCode,
  periodOf: (params) => params.period,
  columns: [
    { header: '对象', value: (r: ScoreRow) => (r.kind === 'COMPANY' ? '物业服务企业' : '小区') },
    { header: '名称', value: (r) => r.name, width: 36 },
    { header: '区划代码', value: (r) => r.regionCode, width: 14 },
    { header: '管理模式', value: (r) => label(r.managementMode) },
    { header: '物业服务企业', value: (r) => r.companyName ?? '', width: 36 },
    { header: '得分', value: (r) => r.score },
    { header: '星级', value: (r) => r.stars },
    { header: '缺少的输入', value: (r) => r.missing, width: 40 },
    { header: '计算过程', value: (r) => r.arithmetic, width: 60 },
  ],
  rows: (params, context) =>
    QUARTER_PATTERN.test(params.period)
      ? quarterRows(params.countyCode, params.period, context)
      : yearRows(params.countyCode, Number(params.period), context),
});

// ─── A published red-and-black list version ───────────────────────────────────

const listParams = z.object({
  countyCode,
  half: z.string().regex(HALF_PATTERN, 'a half is YYYYH1 or YYYYH2'),
  version: z.coerce.number().int('a version is a whole number').positive('a version is 1 or more'),
});

/** The list version a download names, if the caller's scope sees it. */
function listFor(params: z.infer<typeof listParams>, { dataSource, identity }: ExportContext): Promise<RedBlackList | null> {
  return scopedQuery(dataSource, RedBlackList, 'l', identity)
    .andWhere('l.region_code = :county AND l.half = :half AND l.version = :version', {
      county: params.countyCode,
      half: params.half,
      version: params.version,
    })
    .getOne();
}

interface ListRow {
  list: RedBlackList;
  entry: RedBlackEntry;
  company: PropertyCompany | undefined;
}

export const redBlackListExport = defineExport({
  name: 'red-black-list',
  title: '物业红黑榜',
  asciiTitle: 'red-black-list',
  roles: PROPERTY_READERS,
  params: listParams,
  // A list that does not exist answers like one out of scope (403): nothing is confirmed.
  regionOf: async (params, context) => ((await listFor(params, context)) ? params.countyCode : null),
  periodOf: (params) => `${params.half}_v${params.version}`,
  columns: [
    { header: '榜单', value: (r: ListRow) => (r.entry.kind === 'RED' ? '红榜' : '黑榜') },
    { header: '名次', value: (r) => r.entry.rank },
    { header: '企业名称', value: (r) => r.company?.name ?? r.entry.companyId, width: 36 },
    { header: '统一社会信用代码', value: (r) => r.company?.creditCode ?? '', width: 22 },
    { header: '半年得分', value: (r) => r.entry.score },
    { header: '原因', value: (r) => r.entry.reason, width: 48 },
    { header: '版本', value: (r) => r.list.version },
    { header: '更正的版本', value: (r) => r.list.replacesId ?? '', width: 38 },
    { header: '更正理由', value: (r) => r.list.reason ?? '', width: 30 },
    { header: '发布时间', value: (r) => r.list.publishedAt.toISOString() },
  ],
  // A list has at most the county's companies: one batch, red by rank, then black.
  async *rows(params, context) {
    const list = (await listFor(params, context))!;
    const entries = await scopedQuery(context.dataSource, RedBlackEntry, 'e', context.identity)
      .andWhere('e.list_id = :id', { id: list.id })
      .orderBy('e.kind', 'DESC')
      .addOrderBy('e.rank', 'ASC', 'NULLS LAST')
      .addOrderBy('e.company_id', 'ASC')
      .getMany();
    const { companies } = await namesOf(
      context,
      entries.map((e) => e.companyId),
      [],
    );
    yield entries.map((entry) => ({ list, entry, company: companies.get(entry.companyId) }));
  },
});

export const EVALUATION_EXPORTS = [evaluationScoresExport, redBlackListExport];

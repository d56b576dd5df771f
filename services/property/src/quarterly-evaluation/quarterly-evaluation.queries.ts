import {
  badInput,
  loaderOf,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  tableOf,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { QUARTER_PATTERN } from '../evaluation/periods.rules';
import { CompanyQuarterScore, CompoundQuarterScore, QuarterlyEvaluationRun } from './quarterly-evaluation.entity';

export type CompoundQuarterScorePage = Connection<CompoundQuarterScore>;
export type CompanyQuarterScorePage = Connection<CompanyQuarterScore>;

function requireQuarter(quarter: string): void {
  if (!QUARTER_PATTERN.test(quarter)) throw badInput('quarter', 'quarter is YYYYQn, e.g. 2025Q2');
}

/**
 * Scores are read only once their run has completed: a run still going (or stopped by a crash until it
 * resumes) has scored some compounds and no company yet, and a reader would take a partial quarter for
 * the whole. The downloads read the same way.
 */
const ofCompletedRun = (context: SubgraphContext) =>
  `EXISTS (SELECT 1 FROM ${tableOf(context.dataSource, 'quarterly_evaluation_run')} r WHERE r.id = s.run_id AND r.status = 'COMPLETED')`;

/** A county's run of a quarter, when the caller's scope covers the county. */
export function loadRun(context: SubgraphContext, countyCode: string, quarter: string): Promise<QuarterlyEvaluationRun | null> {
  requireQuarter(quarter);
  return scopedQuery(context.dataSource, QuarterlyEvaluationRun, 'r', context.identity)
    .andWhere('r.region_code = :countyCode AND r.quarter = :quarter', { countyCode, quarter })
    .getOne();
}

/** A run by id (batched, scoped). */
export function loadRunById(context: SubgraphContext, id: string): Promise<QuarterlyEvaluationRun | null> {
  return loaderOf<string, QuarterlyEvaluationRun | null>(context, 'quarterly-evaluation-run', async (ids) => {
    const rows = await scopedQuery(context.dataSource, QuarterlyEvaluationRun, 'r', context.identity)
      .andWhere('r.id IN (:...ids)', { ids: [...ids] })
      .getMany();
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  }).load(id);
}

/** A compound's score of a quarter with its explanation (the run of its county), scoped. */
export function loadCompoundQuarterScore(
  context: SubgraphContext,
  compoundId: string,
  quarter: string,
): Promise<CompoundQuarterScore | null> {
  requireQuarter(quarter);
  return scopedQuery(context.dataSource, CompoundQuarterScore, 's', context.identity)
    .andWhere('s.compound_id = :compoundId AND s.quarter = :quarter', { compoundId, quarter })
    .andWhere(ofCompletedRun(context))
    .getOne();
}

/** Compound scores of a quarter in a region's subtree: the best first (unscored last), then by id. */
export function listCompoundQuarterScores(
  context: SubgraphContext,
  regionCode: string,
  quarter: string,
  args: ConnectionArgs,
): Promise<CompoundQuarterScorePage> {
  requireQuarter(quarter);
  const region = regionSubtreeCondition('s.region_code', regionCode, context.identity);
  const query = context.dataSource
    .getRepository(CompoundQuarterScore)
    .createQueryBuilder('s')
    .where(region.sql, region.params)
    .andWhere('s.quarter = :quarter', { quarter })
    .andWhere(ofCompletedRun(context));
  return paginate(query, args, [
    { column: 'COALESCE(s.score, -1)', direction: 'DESC', value: (s) => s.score ?? -1 },
    { column: 's.id', direction: 'ASC', value: (s) => s.id },
  ]);
}

/** Company scores of a quarter in a region's subtree: the best first (unscored last), then by id. */
export function listCompanyQuarterScores(
  context: SubgraphContext,
  regionCode: string,
  quarter: string,
  args: ConnectionArgs,
): Promise<CompanyQuarterScorePage> {
  requireQuarter(quarter);
  const region = regionSubtreeCondition('s.region_code', regionCode, context.identity);
  const query = context.dataSource
    .getRepository(CompanyQuarterScore)
    .createQueryBuilder('s')
    .where(region.sql, region.params)
    .andWhere('s.quarter = :quarter', { quarter })
    .andWhere(ofCompletedRun(context));
  return paginate(query, args, [
    { column: 'COALESCE(s.score, -1)', direction: 'DESC', value: (s) => s.score ?? -1 },
    { column: 's.id', direction: 'ASC', value: (s) => s.id },
  ]);
}

import { badInput, loaderOf, paginate, scopedQuery, type Connection, type ConnectionArgs, type SubgraphContext } from '@gg/shared';
import { In } from 'typeorm';
import { monthsOfQuarter, MONTH_PATTERN, QUARTER_PATTERN } from '../evaluation/periods.rules';
import { EvaluationScore, EvaluationScoreRevision } from './inspection.entity';

export type EvaluationScorePage = Connection<EvaluationScore>;

/** The months a period names: a month, or a quarter's three. */
export function monthsOf(period: string, field = 'period'): string[] {
  if (MONTH_PATTERN.test(period)) return [period];
  if (QUARTER_PATTERN.test(period)) return monthsOfQuarter(period);
  throw badInput(field, `${field} is a month (2025-04) or a quarter (2025Q2)`);
}

/** A compound's current scores of a month or a quarter, by month, evaluator and criterion; scoped. */
export function listEvaluationScores(
  context: SubgraphContext,
  compoundId: string,
  period: string,
  args: ConnectionArgs,
): Promise<EvaluationScorePage> {
  const months = monthsOf(period);
  const query = scopedQuery(context.dataSource, EvaluationScore, 's', context.identity)
    .andWhere('s.compound_id = :compoundId', { compoundId })
    .andWhere('s.month IN (:...months)', { months });
  return paginate(query, args, [
    { column: 's.month', direction: 'ASC', value: (s) => s.month },
    { column: 's.evaluator_kind', direction: 'ASC', value: (s) => s.evaluatorKind },
    { column: 's.criterion_key', direction: 'ASC', value: (s) => s.criterionKey },
    { column: 's.id', direction: 'ASC', value: (s) => s.id },
  ]);
}

/** Every value of a batch of scores, the first first (one statement per batch). */
export function loadScoreHistory(context: SubgraphContext, scoreId: string): Promise<EvaluationScoreRevision[]> {
  return loaderOf<string, EvaluationScoreRevision[]>(context, 'evaluation-score-history', async (ids) => {
    const rows = await context.dataSource
      .getRepository(EvaluationScoreRevision)
      .find({ where: { scoreId: In([...ids]) }, order: { version: 'ASC' } });
    return ids.map((id) => rows.filter((r) => r.scoreId === id));
  }).load(scoreId);
}

import { paginate, regionPrefixInput, scopedQuery, type Connection, type ConnectionArgs, type SubgraphContext } from '@gg/shared';
import { AnnualAssessment, AnnualAssessmentEntry, type AssessedKind } from './annual-assessment.entity';

export type AnnualAssessmentEntryPage = Connection<AnnualAssessmentEntry>;

/** A county's published assessment of a year, when the caller's scope covers the county. */
export function loadAnnualAssessment(context: SubgraphContext, countyCode: string, year: number): Promise<AnnualAssessment | null> {
  regionPrefixInput(countyCode, 'countyCode');
  return scopedQuery(context.dataSource, AnnualAssessment, 'a', context.identity)
    .andWhere('a.region_code = :countyCode AND a.year = :year', { countyCode, year })
    .getOne();
}

/** An assessment's entries the caller may see (by the subject's region), the best first (unassessed last), then by id. */
export function listAssessmentEntries(
  context: SubgraphContext,
  assessmentId: string,
  kind: AssessedKind | null | undefined,
  args: ConnectionArgs,
): Promise<AnnualAssessmentEntryPage> {
  const query = scopedQuery(context.dataSource, AnnualAssessmentEntry, 'e', context.identity).andWhere('e.assessment_id = :assessmentId', {
    assessmentId,
  });
  if (kind) query.andWhere('e.subject_kind = :kind', { kind });
  return paginate(query, args, [
    { column: 'COALESCE(e.score, -1)', direction: 'DESC', value: (e) => e.score ?? -1 },
    { column: 'e.id', direction: 'ASC', value: (e) => e.id },
  ]);
}

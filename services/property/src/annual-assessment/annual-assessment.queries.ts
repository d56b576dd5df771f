import { paginate, regionPrefixInput, scopedQuery, type Connection, type ConnectionArgs, type SubgraphContext } from '@gg/shared';
import { In } from 'typeorm';
import { legacySchemeExplanation, type QuarterScheme } from '../evaluation/annual.rules';
import { quartersOfYear } from '../evaluation/periods.rules';
import { schemesOfRuns } from '../evaluation-scheme/evaluation-scheme.commands';
import { EvaluationScheme } from '../evaluation-scheme/evaluation-scheme.entity';
import { QuarterlyEvaluationRun } from '../quarterly-evaluation/quarterly-evaluation.entity';
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

export interface AssessmentSchemes {
  quarterSchemes: QuarterScheme[];
  /** Whether any quarter was scored under another version than the one that gave the stars. */
  schemesDiffer: boolean;
  explanation: string;
}

/**
 * The scheme versions behind an assessment: as recorded at publication, or, for one published before
 * they were recorded, read from its quarters' completed runs (which are never recomputed).
 */
export async function assessmentSchemes(context: SubgraphContext, assessment: AnnualAssessment): Promise<AssessmentSchemes> {
  const differ = (quarters: QuarterScheme[]) => quarters.some((q) => q.schemeId !== assessment.schemeId);
  if (assessment.quarterSchemes && assessment.schemeExplanation !== null)
    return {
      quarterSchemes: assessment.quarterSchemes,
      schemesDiffer: differ(assessment.quarterSchemes),
      explanation: assessment.schemeExplanation,
    };
  const runs = await context.dataSource.getRepository(QuarterlyEvaluationRun).findBy({
    regionCode: assessment.regionCode,
    quarter: In(quartersOfYear(assessment.year)),
    status: 'COMPLETED',
  });
  // Publication required every quarter's run, so none is missing; an empty list is only guarded.
  const quarterSchemes = runs.length ? (await schemesOfRuns(context.dataSource.manager, runs)).quarterSchemes : [];
  const used = await context.dataSource.getRepository(EvaluationScheme).findOneByOrFail({ id: assessment.schemeId });
  return {
    quarterSchemes,
    schemesDiffer: differ(quarterSchemes),
    explanation: legacySchemeExplanation(quarterSchemes, { schemeId: used.id, version: used.version, thresholds: used.starThresholds }),
  };
}

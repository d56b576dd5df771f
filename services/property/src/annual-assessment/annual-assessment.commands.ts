import {
  AnnualAssessmentPublished,
  badInput,
  conflict,
  defineCommand,
  regionCodeInput,
  requireReference,
  requireWritableRegion,
  todayInChina,
} from '@gg/shared';
import { In } from 'typeorm';
import { z } from 'zod';
import { annualScore, schemeExplanation, type QuarterScore } from '../evaluation/annual.rules';
import { quartersOfYear } from '../evaluation/periods.rules';
import { COUNTY_ADMINS, currentScheme, schemesOfRuns } from '../evaluation-scheme/evaluation-scheme.commands';
import { schemeYearInput } from '../evaluation-scheme/evaluation-scheme.inputs';
import { CompanyQuarterScore, CompoundQuarterScore, QuarterlyEvaluationRun } from '../quarterly-evaluation/quarterly-evaluation.entity';
import { AnnualAssessment, AnnualAssessmentEntry } from './annual-assessment.entity';

export const publishAnnualAssessmentInput = z.object({
  countyCode: regionCodeInput(['COUNTY'], 'an annual assessment'),
  year: schemeYearInput,
});

/** Every subject's four quarter scores, from the rows of the four runs. */
function byQuarter<T extends { quarter: string; score: number | null }>(rows: T[], idOf: (row: T) => string): Map<string, QuarterScore[]> {
  const map = new Map<string, QuarterScore[]>();
  for (const row of rows) map.set(idOf(row), [...(map.get(idOf(row)) ?? []), { quarter: row.quarter, score: row.score }]);
  return map;
}

/**
 * Publishes a county's annual comprehensive assessment (年度综合考核) of a closed year: every compound and
 * company evaluated in any of its quarters gets the mean of its four quarterly scores and 1–5 stars by
 * the thresholds of the scheme version the quarters were scored under (schemeOfQuarters: never a version
 * made after them; the last quarter's when they differ, flagged), none when a quarter is missing
 * (listed). All four quarters must have been evaluated. Published once and for ever (the database refuses changes); announced by
 * AnnualAssessmentPublished through the outbox.
 */
export const publishAnnualAssessment = defineCommand({
  name: 'publishAnnualAssessment',
  input: publishAnnualAssessmentInput,
  roles: COUNTY_ADMINS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.countyCode, 'publish an annual assessment', 'input.countyCode');
    await requireReference(ctx.manager, 'REGION', input.countyCode, { field: 'input.countyCode', identity: ctx.caller });
    if (input.year >= Number(todayInChina(ctx.now).slice(0, 4)))
      throw badInput('input.year', `${input.year} has not ended: a year is assessed once it is closed`);
    await ctx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`annual-assessment:${input.countyCode}:${input.year}`]);
    if (await ctx.manager.findOneBy(AnnualAssessment, { regionCode: input.countyCode, year: input.year }))
      throw conflict(`The ${input.year} assessment of ${input.countyCode} is published; a publication is never changed`, 'input.year');
    const quarters = quartersOfYear(input.year);
    const runs = await ctx.manager.findBy(QuarterlyEvaluationRun, {
      regionCode: input.countyCode,
      quarter: In(quarters),
      status: 'COMPLETED',
    });
    const missing = quarters.filter((q) => !runs.some((r) => r.quarter === q));
    if (missing.length)
      throw conflict(`${missing.join(', ')} of ${input.countyCode} not evaluated yet: evaluate every quarter first`, 'input.year');
    const { quarterSchemes, scheme } = await schemesOfRuns(ctx.manager, runs);
    const latest = (await currentScheme(ctx.manager, input.countyCode, input.year))!;
    const runIds = runs.map((r) => r.id);
    const compounds = await ctx.manager.findBy(CompoundQuarterScore, { runId: In(runIds) });
    const companies = await ctx.manager.findBy(CompanyQuarterScore, { runId: In(runIds) });
    const assessment = await ctx.manager.save(
      ctx.manager.create(AnnualAssessment, {
        regionCode: input.countyCode,
        year: input.year,
        schemeId: scheme.id,
        quarterSchemes,
        schemeExplanation: schemeExplanation(quarterSchemes, scheme.starThresholds, latest.version),
        publishedBy: ctx.caller.subject,
      }),
    );
    const regionOf = new Map([
      ...compounds.map((c) => [c.compoundId, c.regionCode] as const),
      ...companies.map((c) => [c.companyId, c.regionCode] as const),
    ]);
    const entries = [
      ...[...byQuarter(compounds, (c) => c.compoundId)].map(([id, scores]) => ({ kind: 'COMPOUND' as const, id, scores })),
      ...[...byQuarter(companies, (c) => c.companyId)].map(([id, scores]) => ({ kind: 'COMPANY' as const, id, scores })),
    ].map(({ kind, id, scores }) => ({
      regionCode: regionOf.get(id)!,
      assessmentId: assessment.id,
      subjectKind: kind,
      subjectId: id,
      quarterScores: scores.sort((a, b) => a.quarter.localeCompare(b.quarter)),
      ...annualScore(scores, quarters, scheme.starThresholds),
    }));
    if (entries.length) await ctx.manager.insert(AnnualAssessmentEntry, entries);
    ctx.publish(
      AnnualAssessmentPublished,
      { id: assessment.id, countyCode: input.countyCode, year: input.year },
      { type: 'AnnualAssessment', id: assessment.id },
    );
    return assessment;
  },
});

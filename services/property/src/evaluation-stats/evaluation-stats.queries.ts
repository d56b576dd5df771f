import { loaderOf, scopePatterns, tableOf, type SubgraphContext } from '@gg/shared';

/** The evaluation figures of a region's subtree for dashboards and the housing bureau. */
export interface EvaluationStats {
  quarter: string;
  averageScore: number | null;
  compoundsScored: number;
  compoundsWithMissingInputs: number;
  compoundsNotEvaluated: number;
  assessmentYear: number | null;
  averageStars: number | null;
  compoundsByStars: Array<{ stars: number; count: number }>;
  latestListHalf: string | null;
  redCount: number;
  blackCount: number;
}

interface Row {
  region_code: string;
  average: string | null;
  scored: number;
  missing: number;
  not_evaluated: number;
  year: number | null;
  average_stars: string | null;
  by_stars: Array<{ stars: number; count: number }>;
  half: string | null;
  red: number;
  black: number;
}

/**
 * For a batch of regions in ONE statement, every table filtered by the caller's scopes in the SQL:
 * the quarter's compound scores of its completed run (average, scored, with missing inputs, compounds not evaluated at
 * all), the stars of the latest published annual assessment, and the red and black counts of the
 * latest half year's current list versions (a corrected version no longer counts).
 */
export function loadEvaluationStats(context: SubgraphContext, regionCode: string, quarter: string): Promise<EvaluationStats> {
  return loaderOf<string, EvaluationStats>(context, `evaluation-stats-${quarter}`, async (codes) => {
    const t = (name: string) => tableOf(context.dataSource, name);
    const inSubtree = (alias: string) =>
      `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || ':' AND ${alias}.region_code LIKE ANY($2::text[])`;
    // Only a completed run counts: a run still going (or stopped by a crash) has scored part of the county.
    const completed = (alias: string) =>
      `EXISTS (SELECT 1 FROM ${t('quarterly_evaluation_run')} run WHERE run.id = ${alias}.run_id AND run.status = 'COMPLETED')`;
    const rows: Row[] = await context.dataSource.query(
      `SELECT r.code AS region_code, q.average, q.scored, q.missing,
        (SELECT count(*)::int FROM ${t('residential_compound')} c WHERE ${inSubtree('c')}
           AND NOT EXISTS (SELECT 1 FROM ${t('compound_quarter_score')} s WHERE s.compound_id = c.id AND s.quarter = $3 AND ${completed('s')})) AS not_evaluated,
        y.year, sa.average_stars, sb.by_stars, h.half, COALESCE(l.red, 0) AS red, COALESCE(l.black, 0) AS black
       FROM unnest($1::text[]) AS r(code)
       CROSS JOIN LATERAL (SELECT round(avg(s.score), 2) AS average, count(s.score)::int AS scored,
           count(*) FILTER (WHERE s.score IS NULL)::int AS missing
         FROM ${t('compound_quarter_score')} s WHERE ${inSubtree('s')} AND s.quarter = $3 AND ${completed('s')}) q
       CROSS JOIN LATERAL (SELECT max(a.year) AS year FROM ${t('annual_assessment')} a
         JOIN ${t('annual_assessment_entry')} e ON e.assessment_id = a.id WHERE ${inSubtree('e')}) y
       CROSS JOIN LATERAL (SELECT round(avg(e.stars), 2) AS average_stars FROM ${t('annual_assessment_entry')} e
         JOIN ${t('annual_assessment')} a ON a.id = e.assessment_id
         WHERE ${inSubtree('e')} AND a.year = y.year AND e.subject_kind = 'COMPOUND') sa
       CROSS JOIN LATERAL (SELECT COALESCE(json_agg(json_build_object('stars', x.stars, 'count', x.n) ORDER BY x.stars), '[]'::json) AS by_stars
         FROM (SELECT e.stars, count(*)::int AS n FROM ${t('annual_assessment_entry')} e
               JOIN ${t('annual_assessment')} a ON a.id = e.assessment_id
               WHERE ${inSubtree('e')} AND a.year = y.year AND e.subject_kind = 'COMPOUND' AND e.stars IS NOT NULL
               GROUP BY e.stars) x) sb
       CROSS JOIN LATERAL (SELECT max(b.half) AS half FROM ${t('red_black_list')} b
         JOIN ${t('red_black_entry')} e ON e.list_id = b.id WHERE ${inSubtree('e')}) h
       CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE e.kind = 'RED')::int AS red, count(*) FILTER (WHERE e.kind = 'BLACK')::int AS black
         FROM ${t('red_black_entry')} e JOIN ${t('red_black_list')} b ON b.id = e.list_id
         WHERE ${inSubtree('e')} AND b.half = h.half
           AND NOT EXISTS (SELECT 1 FROM ${t('red_black_list')} n WHERE n.replaces_id = b.id)) l`,
      [codes, scopePatterns(context.identity), quarter],
    );
    return codes.map((code) => {
      const row = rows.find((r) => r.region_code === code)!;
      return {
        quarter,
        averageScore: row.average === null ? null : Number(row.average),
        compoundsScored: row.scored,
        compoundsWithMissingInputs: row.missing,
        compoundsNotEvaluated: row.not_evaluated,
        assessmentYear: row.year,
        averageStars: row.average_stars === null ? null : Number(row.average_stars),
        compoundsByStars: row.by_stars,
        latestListHalf: row.half,
        redCount: row.red,
        blackCount: row.black,
      };
    });
  }).load(regionCode);
}

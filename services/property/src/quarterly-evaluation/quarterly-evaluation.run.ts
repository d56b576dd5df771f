import { tableOf } from '@gg/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { companyScore, compoundScore } from '../evaluation/compound-score.rules';
import { lastDayOfQuarter, monthsOfQuarter, quarterDays, yearOf } from '../evaluation/periods.rules';
import { residentsVoice } from '../evaluation/residents-voice.rules';
import { currentScheme, freezeScheme } from '../evaluation-scheme/evaluation-scheme.commands';
import { EvaluationScheme } from '../evaluation-scheme/evaluation-scheme.entity';
import { quarterEvaluationLockKey } from '../inspection/inspection.commands';
import { EvaluationScore } from '../inspection/inspection.entity';
import { PropertyCompany } from '../property-company/property-company.entity';
import { complaintsOf } from '../residents-voice/residents-voice.queries';
import { CompoundManagementPeriod } from '../residential-compound/residential-compound.entity';
import { managementOn } from '../residential-compound/residential-compound.rules';
import { CompanyQuarterScore, CompoundQuarterScore, QuarterlyEvaluationRun } from './quarterly-evaluation.entity';

/**
 * Computing a county's quarter: every compound managed at some time in the quarter, in batches, each
 * batch one transaction whose rows are unique per run and compound (ON CONFLICT DO NOTHING). A worker
 * that dies between batches loses only its open batch; the next attempt skips the compounds already
 * scored and goes on, so nothing is counted twice. Companies are scored last, from the stored
 * compound scores, and the run is closed in the same transaction.
 */

export interface RunOptions {
  batchSize?: number;
  /** Called after each committed batch (tests stop a run here, as a crash would). */
  afterBatch?: (scored: number) => Promise<void> | void;
}

export interface RunResult {
  runId: string;
  countyCode: string;
  quarter: string;
  status: 'COMPLETED';
  compounds: number;
  compoundsScored: number;
  companies: number;
  alreadyCompleted: boolean;
}

/** The run row of a county and quarter, created if missing (a request or the schedule may come first). */
export async function openRun(
  manager: EntityManager,
  countyCode: string,
  quarter: string,
  requestedBy: string,
): Promise<QuarterlyEvaluationRun> {
  await manager.query(
    `INSERT INTO ${tableOf(manager.connection, 'quarterly_evaluation_run')} (region_code, quarter, status, requested_by)
     VALUES ($1, $2, 'PENDING', $3) ON CONFLICT (region_code, quarter) DO NOTHING`,
    [countyCode, quarter, requestedBy],
  );
  return manager.findOneByOrFail(QuarterlyEvaluationRun, { regionCode: countyCode, quarter });
}

/** Ids of the county's compounds managed at some time in the quarter that this run has not scored yet, in id order. */
async function compoundsToScore(manager: EntityManager, run: QuarterlyEvaluationRun, limit: number): Promise<string[]> {
  const { from, until } = quarterDays(run.quarter);
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT c.id FROM ${tableOf(manager.connection, 'residential_compound')} c
     WHERE c.region_code >= $1 AND c.region_code < $1 || ':'
       AND EXISTS (SELECT 1 FROM ${tableOf(manager.connection, 'compound_management_period')} p
                   WHERE p.compound_id = c.id AND p.since < $2 AND (p.until IS NULL OR p.until > $3))
       AND NOT EXISTS (SELECT 1 FROM ${tableOf(manager.connection, 'compound_quarter_score')} s WHERE s.run_id = $4 AND s.compound_id = c.id)
     ORDER BY c.id LIMIT $5`,
    [run.regionCode, until, from, run.id, limit],
  );
  return rows.map((r) => r.id);
}

/** Scores one batch of compounds in the caller's transaction. */
async function scoreBatch(
  manager: EntityManager,
  run: QuarterlyEvaluationRun,
  scheme: EvaluationScheme,
  ids: string[],
  now: Date,
): Promise<void> {
  const months = monthsOfQuarter(run.quarter);
  const lastDay = lastDayOfQuarter(run.quarter);
  // One statement after another: they share the batch's transaction (one connection).
  const scores = await manager.findBy(EvaluationScore, { compoundId: In(ids), month: In(months) });
  const complaints = await complaintsOf(manager, ids, run.quarter, scheme.residentsVoice.categories);
  const periods = await manager.find(CompoundManagementPeriod, { where: { compoundId: In(ids) }, order: { sequence: 'ASC' } });
  const compounds: Array<{ id: string; region_code: string }> = await manager.query(
    `SELECT id, region_code FROM ${tableOf(manager.connection, 'residential_compound')} WHERE id = ANY($1) ORDER BY id`,
    [ids],
  );
  const rows = compounds.map((compound) => {
    const inputs = scores
      .filter((s) => s.compoundId === compound.id)
      .map((s) => ({ evaluatorKind: s.evaluatorKind, criterionKey: s.criterionKey, month: s.month, score: s.score }));
    const voice = residentsVoice(
      complaints.filter((c) => c.compoundId === compound.id),
      now,
    );
    const result = compoundScore(scheme, inputs, voice);
    const management = managementOn(
      periods.filter((p) => p.compoundId === compound.id),
      lastDay,
    )!;
    return {
      regionCode: compound.region_code,
      runId: run.id,
      compoundId: compound.id,
      quarter: run.quarter,
      managementMode: management.managementMode,
      companyId: management.companyId,
      score: result.score,
      explanation: result.explanation,
      missing: result.missing,
    };
  });
  if (rows.length) await manager.createQueryBuilder().insert().into(CompoundQuarterScore).values(rows).orIgnore().execute();
}

/** Scores the companies from the run's compound scores and closes the run, in one transaction. */
async function closeRun(manager: EntityManager, run: QuarterlyEvaluationRun, now: Date): Promise<QuarterlyEvaluationRun> {
  const scores = await manager.find(CompoundQuarterScore, { where: { runId: run.id }, order: { compoundId: 'ASC' } });
  const byCompany = new Map<string, Array<{ compoundId: string; score: number | null }>>();
  for (const s of scores)
    if (s.companyId) byCompany.set(s.companyId, [...(byCompany.get(s.companyId) ?? []), { compoundId: s.compoundId, score: s.score }]);
  const companies = byCompany.size ? await manager.findBy(PropertyCompany, { id: In([...byCompany.keys()]) }) : [];
  const rows = companies.map((company) => {
    const compounds = byCompany.get(company.id)!;
    const result = companyScore(compounds);
    return { regionCode: company.regionCode, runId: run.id, companyId: company.id, quarter: run.quarter, compounds, ...result };
  });
  if (rows.length) await manager.createQueryBuilder().insert().into(CompanyQuarterScore).values(rows).orIgnore().execute();
  await manager.update(
    QuarterlyEvaluationRun,
    { id: run.id, status: 'RUNNING' },
    {
      status: 'COMPLETED',
      finishedAt: now,
      compounds: scores.length,
      compoundsScored: scores.filter((s) => s.score !== null).length,
      companies: rows.length,
    },
  );
  return manager.findOneByOrFail(QuarterlyEvaluationRun, { id: run.id });
}

/**
 * Computes (or finishes computing) a county's quarter. Idempotent: a completed run is returned as it
 * is; a run left half done by a crash resumes where it stopped. Throws when the county has no scheme
 * for the year (nothing to score against); the run then stays PENDING.
 */
export async function runQuarterlyEvaluation(
  dataSource: DataSource,
  countyCode: string,
  quarter: string,
  now: Date,
  options: RunOptions = {},
): Promise<RunResult> {
  const batchSize = options.batchSize ?? 200;
  const started = await dataSource.transaction(async (manager) => {
    // Waits for scores being written to this quarter to commit; later ones are refused (the run has begun).
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [quarterEvaluationLockKey(countyCode, quarter)]);
    const run = await openRun(manager, countyCode, quarter, 'schedule');
    const locked = await manager.findOne(QuarterlyEvaluationRun, { where: { id: run.id }, lock: { mode: 'pessimistic_write' } });
    if (locked!.status === 'COMPLETED') return { run: locked!, scheme: null };
    const scheme = locked!.schemeId
      ? await manager.findOneByOrFail(EvaluationScheme, { id: locked!.schemeId })
      : await currentScheme(manager, countyCode, yearOf(quarter));
    if (!scheme)
      throw new Error(`County ${countyCode} has no evaluation scheme for ${yearOf(quarter)}: nothing to score ${quarter} against`);
    await freezeScheme(manager, scheme, now);
    await manager.update(
      QuarterlyEvaluationRun,
      { id: run.id },
      { status: 'RUNNING', schemeId: scheme.id, startedAt: locked!.startedAt ?? now, attempts: locked!.attempts + 1 },
    );
    return { run: { ...locked!, schemeId: scheme.id, status: 'RUNNING' as const }, scheme };
  });
  const { run, scheme } = started;
  if (!scheme) return resultOf(run, true);
  let scored = 0;
  for (;;) {
    const ids = await dataSource.transaction(async (manager) => {
      const batch = await compoundsToScore(manager, run, batchSize);
      if (batch.length) await scoreBatch(manager, run, scheme, batch, now);
      return batch;
    });
    if (ids.length === 0) break;
    scored += ids.length;
    await options.afterBatch?.(scored);
  }
  const closed = await dataSource.transaction((manager) => closeRun(manager, run, now));
  return resultOf(closed, false);
}

function resultOf(run: QuarterlyEvaluationRun, alreadyCompleted: boolean): RunResult {
  return {
    runId: run.id,
    countyCode: run.regionCode,
    quarter: run.quarter,
    status: 'COMPLETED',
    compounds: run.compounds ?? 0,
    compoundsScored: run.compoundsScored ?? 0,
    companies: run.companies ?? 0,
    alreadyCompleted,
  };
}

import {
  applyVersionedChange,
  badInput,
  conflict,
  defineCommand,
  recordForWrite,
  requireWritableRegion,
  tableOf,
  todayInChina,
  WRITERS,
} from '@gg/shared';
import { countyOf } from '@gg/shared';
import { In, type EntityManager } from 'typeorm';
import { quarterOfMonth, yearOf } from '../evaluation/periods.rules';
import { currentScheme, freezeScheme } from '../evaluation-scheme/evaluation-scheme.commands';
import { ResidentialCompound } from '../residential-compound/residential-compound.entity';
import { EvaluationScore, EvaluationScoreRevision } from './inspection.entity';
import { correctEvaluationScoreInput, recordEvaluationScoresInput } from './inspection.inputs';

/** The advisory lock key of a county's quarter: scorers take it shared, the run's start exclusive. */
export function quarterEvaluationLockKey(countyCode: string, quarter: string): string {
  return `quarterly-evaluation:${countyCode}:${quarter}`;
}

/**
 * A month's scores are closed once its quarter's evaluation has begun: the scores computed (and
 * published) must stay the ones their explanation shows. The run table is read by name, as
 * `quarterly-evaluation` depends on this module and not the other way round.
 */
async function requireQuarterOpen(manager: EntityManager, regionCode: string, month: string, field: string): Promise<void> {
  const quarter = quarterOfMonth(month);
  // Shared with other scorers, exclusive with the run's start (quarterEvaluationLock): a run begins only
  // after the scores being written have committed, so it reads them all.
  await manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [quarterEvaluationLockKey(countyOf(regionCode)!, quarter)]);
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM ${tableOf(manager.connection, 'quarterly_evaluation_run')} WHERE region_code = $1 AND quarter = $2 AND status <> 'PENDING'`,
    [countyOf(regionCode), quarter],
  );
  if (rows.length)
    throw conflict(`${quarter} of county ${countyOf(regionCode)} has been evaluated: its scores can no longer change`, field);
}

/**
 * Records one evaluator's scores of a compound for a month (a monthly inspection is the
 * MONTHLY_INSPECTOR's): each criterion of the county's current scheme for that year at most once per
 * evaluator, compound and month. Scoring freezes the scheme version. A score already given is
 * CONFLICT: it is corrected with `correctEvaluationScore`, which keeps the earlier value.
 */
export const recordEvaluationScores = defineCommand({
  name: 'recordEvaluationScores',
  input: recordEvaluationScoresInput,
  roles: WRITERS,
  async run(input, ctx) {
    const compound = await recordForWrite(ctx.manager, ResidentialCompound, input.compoundId, {
      identity: ctx.caller,
      field: 'input.compoundId',
      label: 'Residential compound',
    });
    requireWritableRegion(ctx.caller, compound.regionCode, 'score a compound', 'input.compoundId');
    if (input.month > todayInChina(ctx.now).slice(0, 7))
      throw badInput('input.month', `${input.month} has not begun: a month is scored once it has`);
    const county = countyOf(compound.regionCode)!;
    const scheme = await currentScheme(ctx.manager, county, yearOf(input.month));
    if (!scheme)
      throw badInput(
        'input.month',
        `county ${county} has no evaluation scheme for ${yearOf(input.month)}: define one (the default is 四有一定)`,
      );
    if (!scheme.evaluators.some((e) => e.kind === input.evaluatorKind))
      throw badInput('input.evaluatorKind', `the scheme of ${county} for ${scheme.year} has no evaluator ${input.evaluatorKind}`);
    input.scores.forEach((s, i) => {
      if (!scheme.criteria.some((c) => c.key === s.criterionKey))
        throw badInput(`input.scores.${i}.criterionKey`, `the scheme of ${county} for ${scheme.year} has no criterion ${s.criterionKey}`);
    });
    const existing = await ctx.manager.findBy(EvaluationScore, {
      compoundId: compound.id,
      month: input.month,
      evaluatorKind: input.evaluatorKind,
      criterionKey: In(input.scores.map((s) => s.criterionKey)),
    });
    if (existing.length) {
      const i = input.scores.findIndex((s) => s.criterionKey === existing[0]!.criterionKey);
      throw conflict(
        `${input.evaluatorKind} already scored ${existing[0]!.criterionKey} of this compound for ${input.month} (score ${existing[0]!.id}): correct it instead`,
        `input.scores.${i}.criterionKey`,
      );
    }
    await requireQuarterOpen(ctx.manager, compound.regionCode, input.month, 'input.month');
    await freezeScheme(ctx.manager, scheme, ctx.now);
    const saved = await ctx.manager.save(
      input.scores.map((s) =>
        ctx.manager.create(EvaluationScore, {
          regionCode: compound.regionCode,
          compoundId: compound.id,
          month: input.month,
          evaluatorKind: input.evaluatorKind,
          criterionKey: s.criterionKey,
          schemeId: scheme.id,
          score: s.score,
          notes: s.notes,
          evidence: s.evidence,
          version: 1,
          recordedBy: ctx.caller.subject,
        }),
      ),
    );
    await ctx.manager.insert(
      EvaluationScoreRevision,
      saved.map((s) => ({
        scoreId: s.id,
        version: 1,
        score: s.score,
        notes: s.notes,
        evidence: s.evidence,
        reason: null,
        recordedBy: ctx.caller.subject,
        recordedAt: ctx.now,
      })),
    );
    return saved;
  },
});

/** Corrects a score with a reason; the earlier value stays as a revision (版本), readable in `history`. */
export const correctEvaluationScore = defineCommand({
  name: 'correctEvaluationScore',
  input: correctEvaluationScoreInput,
  roles: WRITERS,
  async run(input, ctx) {
    const current = await recordForWrite(ctx.manager, EvaluationScore, input.scoreId, {
      identity: ctx.caller,
      field: 'input.scoreId',
      label: 'Evaluation score',
      lock: true,
    });
    requireWritableRegion(ctx.caller, current.regionCode, 'correct a score', 'input.scoreId');
    await requireQuarterOpen(ctx.manager, current.regionCode, current.month, 'input.scoreId');
    if (input.expectedVersion && input.expectedVersion !== current.version)
      throw conflict(`The score is at version ${current.version}, not ${input.expectedVersion}; reload it`, 'input.expectedVersion');
    return applyVersionedChange(ctx.manager, {
      entity: EvaluationScore,
      current,
      change: { score: input.score, notes: input.notes, evidence: input.evidence },
      field: 'input.scoreId',
      history: {
        entity: EvaluationScoreRevision,
        row: (_, after, version) => ({
          scoreId: after.id,
          version,
          score: after.score,
          notes: after.notes,
          evidence: after.evidence,
          reason: input.reason,
          recordedBy: ctx.caller.subject,
          recordedAt: ctx.now,
        }),
      },
    });
  },
});

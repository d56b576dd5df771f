import { defineCommand, requireReference, requireWritableRegion } from '@gg/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import { schemeOfQuarters, type QuarterScheme } from '../evaluation/scheme-version.rules';
import { EvaluationScheme } from './evaluation-scheme.entity';
import { defineEvaluationSchemeInput } from './evaluation-scheme.inputs';

/** Who defines a county's scheme and runs its evaluations on demand: the county's (or city's) administrators. */
export const COUNTY_ADMINS = ['CITY_ADMIN', 'COUNTY_ADMIN'] as const;

/** The current (highest) version of a county's scheme for a year, locked for the caller's transaction when asked. */
export function currentScheme(manager: EntityManager, countyCode: string, year: number, lock = false): Promise<EvaluationScheme | null> {
  return manager.findOne(EvaluationScheme, {
    where: { regionCode: countyCode, year },
    order: { version: 'DESC' },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/** The scheme versions behind a period's completed quarterly runs, and the one whose rules grade the period. */
export interface RunSchemes {
  /** The version each quarter was scored under, the first quarter first. */
  quarterSchemes: QuarterScheme[];
  /** The version that grades the period (schemeOfQuarters): the last quarter's, never one made after the runs. */
  scheme: EvaluationScheme;
  /** Whether any quarter was scored under another version than `scheme`. */
  schemesDiffer: boolean;
}

/**
 * The versions a period's completed runs were scored under (each run records its own), read for a
 * publication that grades the period: the annual assessment's stars, the red-and-black list's bars.
 */
export async function schemesOfRuns(
  manager: EntityManager,
  runs: ReadonlyArray<{ quarter: string; schemeId: string | null }>,
): Promise<RunSchemes> {
  const schemes = await manager.findBy(EvaluationScheme, { id: In(runs.map((r) => r.schemeId!)) });
  const versionOf = (id: string) => schemes.find((s) => s.id === id)!;
  const quarterSchemes = runs
    .map((r) => ({ quarter: r.quarter, schemeId: r.schemeId!, version: versionOf(r.schemeId!).version }))
    .sort((a, b) => a.quarter.localeCompare(b.quarter));
  const { scheme, schemesDiffer } = schemeOfQuarters(quarterSchemes);
  return { quarterSchemes, scheme: versionOf(scheme.schemeId), schemesDiffer };
}

/**
 * Freezes a version on its first use (a score recorded, an evaluation run), in the user's transaction:
 * from then on the database refuses any change of it, and a change of the rules is a new version.
 */
export async function freezeScheme(manager: EntityManager, scheme: EvaluationScheme, now: Date): Promise<void> {
  if (scheme.frozenAt) return;
  await manager.update(EvaluationScheme, { id: scheme.id, frozenAt: IsNull() }, { frozenAt: now });
  scheme.frozenAt = now;
}

/**
 * Defines a county's evaluation scheme for a year (parts left out take the default 四有一定). While the
 * current version is unused it is replaced in place; once frozen (used), the change is a new version
 * and the frozen one stays as it was, so scores already made keep the rules they were made under.
 */
export const defineEvaluationScheme = defineCommand({
  name: 'defineEvaluationScheme',
  input: defineEvaluationSchemeInput,
  roles: COUNTY_ADMINS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.countyCode, 'define an evaluation scheme', 'input.countyCode');
    await requireReference(ctx.manager, 'REGION', input.countyCode, { field: 'input.countyCode', identity: ctx.caller });
    const { countyCode, year, ...rules } = input;
    // One writer per county and year at a time: the lock orders concurrent definitions.
    await ctx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`evaluation-scheme:${countyCode}:${year}`]);
    const current = await currentScheme(ctx.manager, countyCode, year, true);
    if (current && !current.frozenAt) {
      await ctx.manager.update(EvaluationScheme, { id: current.id }, { ...rules, definedBy: ctx.caller.subject });
      return ctx.manager.findOneByOrFail(EvaluationScheme, { id: current.id });
    }
    return ctx.manager.save(
      ctx.manager.create(EvaluationScheme, {
        regionCode: countyCode,
        year,
        version: (current?.version ?? 0) + 1,
        ...rules,
        frozenAt: null,
        definedBy: ctx.caller.subject,
      }),
    );
  },
});

import { conflict, RedBlackListPublished, type CommandContext } from '@gg/shared';
import { Between, In } from 'typeorm';
import { quartersOfHalf, quarterDays, lastDayOfQuarter, yearOf } from '../evaluation/periods.rules';
import { LIST_RULE_TEXT, listSchemeExplanation, mixedSchemesFlag, redBlackList } from '../evaluation/red-black.rules';
import { currentScheme, schemesOfRuns } from '../evaluation-scheme/evaluation-scheme.commands';
import { CompanyQuarterScore, QuarterlyEvaluationRun } from '../quarterly-evaluation/quarterly-evaluation.entity';
import { RedBlackEntry, RedBlackList, SeriousViolation } from './red-black-list.entity';

/**
 * Compiles and publishes a version of a county's list for a half year, in the caller's transaction:
 * the companies scored in the half's two quarters and those with a serious violation in it, by the
 * bars of the scheme version the quarters were scored under (schemeOfQuarters, as the annual
 * assessment's stars: never a version made after them; the later quarter's when they differ, flagged in
 * the explanation and every entry's reason). Both quarters must have been evaluated. Announced by
 * RedBlackListPublished through the outbox.
 */
export async function publishListVersion(
  ctx: Pick<CommandContext, 'manager' | 'publish' | 'caller' | 'now'>,
  countyCode: string,
  half: string,
  replaces: RedBlackList | null,
  reason: string | null,
  field: string,
): Promise<RedBlackList> {
  const { manager } = ctx;
  const quarters = quartersOfHalf(half);
  const runs = await manager.findBy(QuarterlyEvaluationRun, { regionCode: countyCode, quarter: In(quarters), status: 'COMPLETED' });
  const missing = quarters.filter((q) => !runs.some((r) => r.quarter === q));
  if (missing.length) throw conflict(`${missing.join(', ')} of ${countyCode} not evaluated yet: evaluate the half's quarters first`, field);
  // The version is already frozen: its runs used it.
  const { quarterSchemes, scheme } = await schemesOfRuns(manager, runs);
  const latest = (await currentScheme(manager, countyCode, yearOf(half)))!;
  const scores = await manager.findBy(CompanyQuarterScore, { runId: In(runs.map((r) => r.id)) });
  const violations = await manager
    .getRepository(SeriousViolation)
    .createQueryBuilder('v')
    .where('v.region_code >= :county AND v.region_code < :end', { county: countyCode, end: `${countyCode}:` })
    .andWhere({ occurredOn: Between(quarterDays(quarters[0]!).from, lastDayOfQuarter(quarters[1]!)) })
    .getMany();
  const regionOf = new Map<string, string>([
    ...scores.map((s) => [s.companyId, s.regionCode] as const),
    ...violations.map((v) => [v.companyId, v.regionCode] as const),
  ]);
  const candidates = [...regionOf.keys()].map((companyId) => ({
    companyId,
    quarterScores: quarters.map((q) => scores.find((s) => s.companyId === companyId && s.quarter === q)?.score ?? null),
    seriousViolations: violations.filter((v) => v.companyId === companyId).length,
  }));
  const entries = redBlackList(candidates, scheme.redRule, scheme.blackRule, mixedSchemesFlag(quarterSchemes) ?? undefined);
  const list = await manager.save(
    manager.create(RedBlackList, {
      regionCode: countyCode,
      half,
      version: (replaces?.version ?? 0) + 1,
      replacesId: replaces?.id ?? null,
      reason,
      schemeId: scheme.id,
      quarterSchemes,
      schemeExplanation: listSchemeExplanation(quarterSchemes, scheme.redRule, scheme.blackRule, latest.version),
      rule: `${LIST_RULE_TEXT} (scheme v${scheme.version}: red bar ${scheme.redRule.minScore}, best ${scheme.redRule.top}; black bar ${scheme.blackRule.belowScore})`,
      publishedBy: ctx.caller.subject,
    }),
  );
  if (entries.length)
    await manager.insert(
      RedBlackEntry,
      entries.map((e) => ({ ...e, listId: list.id, regionCode: regionOf.get(e.companyId)! })),
    );
  ctx.publish(
    RedBlackListPublished,
    { id: list.id, countyCode, half, version: list.version, replacesId: list.replacesId },
    { type: 'RedBlackList', id: list.id },
  );
  return list;
}

/** The latest version of a county's list for a half, if any. */
export function latestList(ctx: Pick<CommandContext, 'manager'>, countyCode: string, half: string): Promise<RedBlackList | null> {
  return ctx.manager.findOne(RedBlackList, { where: { regionCode: countyCode, half }, order: { version: 'DESC' } });
}

import { badInput, CaseReopened, CaseReported, CaseResolved, requireReference, type CommandContext } from '@gg/shared';
import type { GridCase } from './case.entity';

/**
 * Cases on a residential compound (小区) are the residents' voice in the property service's scores:
 * the compound is checked against the COMPOUND references (announced by the property service), and
 * the report and each resolution are announced with ids, category and times only.
 */
export async function requireCaseCompound(context: CommandContext, compoundId: string, communityCode: string): Promise<void> {
  const compound = await requireReference(context.manager, 'COMPOUND', compoundId, { field: 'input.compoundId', identity: context.caller });
  if (compound.regionCode !== communityCode)
    throw badInput(
      'input.compoundId',
      `compound ${compoundId} lies in ${compound.regionCode}, not in the case's community ${communityCode}`,
    );
}

/** Announces a compound's case being reported, resolved (in time: by the deadline the case had then) or reopened. */
export function announceCompoundCase(context: CommandContext, gridCase: GridCase, step: 'REPORT' | 'RESOLVE' | 'REOPEN'): void {
  if (!gridCase.compoundId) return;
  const base = { id: gridCase.id, regionCode: gridCase.regionCode, compoundId: gridCase.compoundId };
  const aggregate = { type: 'Case', id: gridCase.id };
  if (step === 'REPORT')
    context.publish(
      CaseReported,
      {
        ...base,
        category: gridCase.category,
        reportedAt: gridCase.reportedAt.toISOString(),
        deadlineAt: gridCase.deadlineAt.toISOString(),
      },
      aggregate,
    );
  else if (step === 'REOPEN') context.publish(CaseReopened, { ...base, deadlineAt: gridCase.deadlineAt.toISOString() }, aggregate);
  else {
    const resolvedAt = gridCase.resolvedAt ?? context.now;
    context.publish(CaseResolved, { ...base, resolvedAt: resolvedAt.toISOString(), inTime: resolvedAt <= gridCase.deadlineAt }, aggregate);
  }
}

import { badInput, countyOf, defineCommand, isUniqueViolation, STAFF, type CommandContext } from '@gg/shared';
import { caseByKey, createCase } from '../case/case.commands';
import { policyOf } from '../case/case.policy';
import { gridForWrite } from '../grid/grid.commands';
import { householdForWrite, recordLastVisit, requireOwnGrid } from '../household/household.commands';
import { Visit } from './visit.entity';
import { recordVisitInput } from './visit.inputs';
import { visitTimeProblem } from './visit.rules';

/** The visit that raised the caller's case with this idempotency key, if any. */
async function firstVisitOf(context: CommandContext, idempotencyKey: string): Promise<Visit | null> {
  const first = await caseByKey(context.manager, context.caller.subject, idempotencyKey);
  return first ? context.manager.findOneBy(Visit, { caseId: first.id }) : null;
}

/**
 * Records a gridworker's visit to a household (敲门行动) and moves its last-visit date forward;
 * with `raiseCase`, raises a case from the visit (channel VISIT) in the same transaction. A
 * gridworker records visits in their own grids only. With an idempotency key, a retried visit
 * that raised a case returns the first visit instead of recording a second.
 */
export const recordVisit = defineCommand({
  name: 'recordVisit',
  input: recordVisitInput,
  roles: STAFF,
  run: async (input, context) => {
    const visitedAt = input.visitedAt ?? context.now;
    const timeProblem = visitTimeProblem(visitedAt, context.now);
    if (timeProblem) throw badInput('input.visitedAt', `input.visitedAt: ${timeProblem}`);
    const household = await householdForWrite(context, input.householdId, 'input.householdId');
    const grid = await gridForWrite(context, household.gridId, 'input.householdId');
    requireOwnGrid(context, grid, 'records visits');
    const key = input.raiseCase ? input.idempotencyKey : null;
    const first = key ? await firstVisitOf(context, key) : null;
    if (first) return first;
    try {
      // A savepoint: when a racing retry wins the key, this transaction stays usable to return its visit.
      return await context.manager.transaction(async (manager) => {
        const raised = input.raiseCase
          ? await createCase(
              manager,
              {
                ...input.raiseCase,
                gridId: grid.id,
                householdId: household.id,
                regionCode: household.regionCode,
                channel: 'VISIT',
                idempotencyKey: input.idempotencyKey,
              },
              context.caller,
              await policyOf(manager, countyOf(grid.regionCode)!),
              context.now,
            )
          : null;
        const visit = await manager.save(
          manager.create(Visit, {
            regionCode: household.regionCode,
            gridId: household.gridId,
            householdId: household.id,
            visitorSubject: context.caller.subject,
            visitorName: (context.caller.name || context.caller.subject).slice(0, 50),
            visitedAt,
            note: input.note,
            caseId: raised?.id ?? null,
          }),
        );
        await recordLastVisit(manager, household.id, visitedAt);
        return visit;
      });
    } catch (error) {
      const winner = isUniqueViolation(error) && key ? await firstVisitOf(context, key) : null;
      if (!winner) throw error;
      return winner;
    }
  },
});

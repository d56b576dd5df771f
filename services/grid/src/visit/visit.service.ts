import {
  badInput,
  coversRegion,
  forbidden,
  groupByKey,
  isUniqueViolation,
  loaderOf,
  notFound,
  scopedQuery,
  STAFF,
  requireRole,
  type SubgraphContext,
} from '@gg/shared';
import { GridCase } from '../case/case.entity';
import { createCase, policyOf } from '../case/case.service';
import { Grid } from '../grid/grid.entity';
import { countyCodeOf } from '../grid/grid.rules';
import { Household } from '../household/household.entity';
import { householdVisibility } from '../household/household.rules';
import { Visit } from './visit.entity';
import { visitTimeProblem, type RecordVisitInput } from './visit.rules';

/** Visits to a batch of households in one statement, newest first; a gridworker sees those of their own grids only. */
export function loadVisits(context: SubgraphContext, householdId: string): Promise<Visit[]> {
  return loaderOf<string, Visit[]>(context, 'household-visits', async (householdIds) => {
    const query = scopedQuery(context.dataSource, Visit, 'v', context.identity)
      .andWhere('v.household_id IN (:...householdIds)', { householdIds })
      .orderBy('v.visited_at', 'DESC')
      .addOrderBy('v.id');
    const visibility = householdVisibility(context.identity);
    if (visibility.kind === 'grids') {
      if (visibility.gridIds.length === 0) return householdIds.map(() => []);
      query.andWhere('v.grid_id IN (:...ownGrids)', { ownGrids: visibility.gridIds });
    }
    return groupByKey(householdIds, await query.getMany(), (v) => v.householdId);
  }).load(householdId);
}

/**
 * Records a gridworker's visit to a household (敲门行动) and moves its last-visit date forward;
 * with `raiseCase`, raises a case from the visit (channel VISIT) in the same transaction. A
 * gridworker records visits in their own grids only. With an idempotency key, a retried visit
 * that raised a case returns the first visit instead of recording a second.
 */
export async function recordVisit(context: SubgraphContext, input: RecordVisitInput, now: Date): Promise<Visit> {
  const { dataSource, identity } = context;
  requireRole(identity, STAFF, 'record visits');
  const visitedAt = input.visitedAt ?? now;
  const timeProblem = visitTimeProblem(visitedAt, now);
  if (timeProblem) throw badInput('input.visitedAt', `input.visitedAt: ${timeProblem}`);
  const household = await dataSource.getRepository(Household).findOneBy({ id: input.householdId });
  if (!household) throw notFound(`Household ${input.householdId}`, 'input.householdId');
  if (!coversRegion(identity, household.regionCode)) throw forbidden(`Household ${input.householdId} is outside your scope`);
  const visibility = householdVisibility(identity);
  if (visibility.kind === 'grids' && !visibility.gridIds.includes(household.gridId))
    throw forbidden('A gridworker records visits only in their own grids');
  if (input.raiseCase && input.idempotencyKey) {
    const first = await firstVisitOf(context, input.idempotencyKey);
    if (first) return first;
  }
  const grid = await dataSource.getRepository(Grid).findOneByOrFail({ id: household.gridId });
  const policy = input.raiseCase ? await policyOf(dataSource, countyCodeOf(grid.regionCode)) : null;
  try {
    return await dataSource.transaction(async (manager) => {
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
            identity,
            policy!,
            now,
          )
        : null;
      const visit = await manager.save(
        manager.create(Visit, {
          regionCode: household.regionCode,
          gridId: household.gridId,
          householdId: household.id,
          visitorSubject: identity.subject,
          visitorName: (identity.name || identity.subject).slice(0, 50),
          visitedAt,
          note: input.note,
          caseId: raised?.id ?? null,
        }),
      );
      // The ledger's last visit only moves forward: a visit recorded late does not hide a newer one.
      await manager
        .createQueryBuilder()
        .update(Household)
        .set({ lastVisitedAt: () => 'GREATEST(COALESCE(last_visited_at, :visitedAt), :visitedAt)' })
        .setParameter('visitedAt', visitedAt)
        .where('id = :id', { id: household.id })
        .execute();
      return visit;
    });
  } catch (error) {
    if (!isUniqueViolation(error) || !input.idempotencyKey) throw error;
    const first = await firstVisitOf(context, input.idempotencyKey);
    if (!first) throw error;
    return first;
  }
}

/** The visit that raised the caller's case with this idempotency key, if any. */
async function firstVisitOf(context: SubgraphContext, idempotencyKey: string): Promise<Visit | null> {
  const first = await context.dataSource.getRepository(GridCase).findOneBy({ reporterSubject: context.identity.subject, idempotencyKey });
  if (!first) return null;
  return context.dataSource.getRepository(Visit).findOneBy({ caseId: first.id });
}

import { groupByKey, loaderOf, scopedQuery, type SubgraphContext } from '@gg/shared';
import { householdVisibility } from '../household/household.rules';
import { Visit } from './visit.entity';

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

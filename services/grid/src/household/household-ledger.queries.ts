import { loadScopedChildren, type SubgraphContext } from '@gg/shared';
import { HouseholdLedgerChange } from './household-ledger-change.entity';

/** A household's history, newest first, for a batch of households in one statement (scoped like the household). */
export function loadLedgerHistory(context: SubgraphContext, householdId: string): Promise<HouseholdLedgerChange[]> {
  return loadScopedChildren(context, HouseholdLedgerChange, householdId, {
    parentColumn: 'household_id',
    parentOf: (c) => c.householdId,
    orderBy: [],
    refine: (query) => query.orderBy('c.changedAt', 'DESC').addOrderBy('c.id', 'DESC'),
  });
}

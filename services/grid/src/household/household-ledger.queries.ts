import {
  badInput,
  loadScopedChildren,
  paginate,
  regionPrefixInput,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
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

/** A page of ledger changes (a `HouseholdLedgerChangeConnection`). */
export type LedgerChangePage = Connection<HouseholdLedgerChange>;

export interface LedgerChangeArgs extends ConnectionArgs {
  regionCode: string;
  personalOnly?: boolean | null;
  since?: Date | null;
  until?: Date | null;
}

/**
 * The ledger's changes under a region for auditors, newest first, scoped in the SQL (like the audit log
 * of reads). A window whose `until` is not after its `since` is BAD_USER_INPUT naming `until` (like the
 * case filters' `reportedBefore`), not an empty page an auditor would take for "nothing changed".
 */
export async function listLedgerChanges(context: SubgraphContext, args: LedgerChangeArgs): Promise<LedgerChangePage> {
  if (args.since && args.until && args.until.getTime() <= args.since.getTime()) throw badInput('until', 'until: must be after `since`');
  const query = scopedQuery(context.dataSource, HouseholdLedgerChange, 'c', context.identity).andWhere('c.region_code LIKE :prefix', {
    prefix: `${regionPrefixInput(args.regionCode)}%`,
  });
  if (args.personalOnly) query.andWhere('c.personal = TRUE');
  if (args.since) query.andWhere('c.changed_at >= :since', { since: args.since });
  if (args.until) query.andWhere('c.changed_at < :until', { until: args.until });
  return paginate(query, args, [
    timestampKey<HouseholdLedgerChange>('c.changed_at', 'DESC', (c) => c.changedAt),
    { column: 'c.id', direction: 'DESC', value: (c) => c.id },
  ]);
}

import type { Resolvers } from '../generated/graphql';
import {
  balanceSheet,
  closedPeriods,
  incomeStatement,
  linesOf,
  loadBooks,
  listLedgerEntries,
  loadLedgerEntry,
  reversalOfEntry,
  trialBalance,
} from './ledger.queries';

const money = <T extends { amountFen: bigint }>(a: T) => ({ ...a, amount: a.amountFen });

/** Thin: arguments to queries, fen to `Money` fields. Mutations come from the commands. */
export const ledgerResolvers: Resolvers = {
  Query: {
    ledgerEntries: (_, args, context) =>
      listLedgerEntries(context, args.collectiveOrganisationId, { from: args.from ?? undefined, to: args.to ?? undefined }, args),
    trialBalance: async (_, args, context) => {
      const found = await trialBalance(context, args.collectiveOrganisationId, args);
      return (
        found && {
          ...found,
          accounts: found.accounts.map((a) => ({ ...a, debit: a.debitFen, credit: a.creditFen })),
          totalDebit: found.totalDebitFen,
          totalCredit: found.totalCreditFen,
        }
      );
    },
    incomeStatement: async (_, args, context) => {
      const found = await incomeStatement(context, args.collectiveOrganisationId, args);
      return (
        found && {
          ...found,
          income: found.income.map(money),
          expenses: found.expenses.map(money),
          totalIncome: found.totalIncomeFen,
          totalExpense: found.totalExpenseFen,
          netIncome: found.netIncomeFen,
        }
      );
    },
    balanceSheet: async (_, args, context) => {
      const found = await balanceSheet(context, args.collectiveOrganisationId, args.asOf);
      return (
        found && {
          asOf: found.asOf,
          collectiveOrganisation: found.collectiveOrganisation,
          assets: found.assets.map(money),
          liabilities: found.liabilities.map(money),
          equity: found.equity.map(money),
          currentEarnings: found.currentEarningsFen,
          totalAssets: found.totalAssetsFen,
          totalLiabilities: found.totalLiabilitiesFen,
          totalEquity: found.totalEquityFen,
        }
      );
    },
    closedLedgerPeriods: (_, args, context) => closedPeriods(context, args.collectiveOrganisationId),
  },
  LedgerEntry: {
    lines: async (entry, _, context) =>
      (await linesOf(context, entry.id)).map((l) => ({ account: l.account, debit: l.debitFen, credit: l.creditFen })),
    reverses: (entry, _, context) => (entry.reversesEntryId ? loadLedgerEntry(context, entry.reversesEntryId) : null),
    reversedBy: (entry, _, context) => reversalOfEntry(context, entry.id),
  },
  LedgerPeriodClose: {
    // Closed by someone who could see it; a reader of the close can see its books too.
    collectiveOrganisation: async (close, _, context) => (await loadBooks(context, close.organisationId))!,
  },
};

import type { Resolvers } from '../generated/graphql';
import { loadCollectiveOrganisation } from '../collective-organisation/collective-organisation.queries';
import { loadLedgerEntry } from '../ledger/ledger.queries';
import { loadShareholder } from '../shareholder/shareholder.queries';
import { distributionLifecycle } from './distribution.lifecycle';
import { allocationsOf, listDistributions, loadDistribution, summaryOf } from './distribution.queries';

/** Thin: fen to `Money`, the lifecycle's next steps for the caller. */
export const distributionResolvers: Resolvers = {
  Query: {
    distribution: (_, args, context) => loadDistribution(context, args.id),
    distributions: (_, args, context) => listDistributions(context, args.collectiveOrganisationId),
  },
  Distribution: {
    collectiveOrganisation: async (d, _, context) => (await loadCollectiveOrganisation(context, d.organisationId))!,
    income: (d) => d.incomeFen,
    expense: (d) => d.expenseFen,
    netIncome: (d) => d.incomeFen - d.expenseFen,
    communityShareRate: (d) => d.communityShareBp,
    communityShare: (d) => d.communityShareFen,
    shareholdersTotal: (d) => d.shareholdersFen,
    summary: (d) => summaryOf(d),
    allocations: async (d, _, context) =>
      (await allocationsOf(context, d.id)).map(async (a) => ({
        shareholder: (await loadShareholder(context, a.shareholderId))!,
        shares: Number(a.shares),
        amount: a.amountFen,
      })),
    postedEntry: (d, _, context) => (d.postedEntryId ? loadLedgerEntry(context, d.postedEntryId) : null),
    availableActions: (d, _, context) =>
      distributionLifecycle.available(d.status, (party) => party === 'staff' || context.identity.subject !== d.draftedBy),
  },
};

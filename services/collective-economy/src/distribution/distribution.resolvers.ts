import { parseInput } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadCollectiveOrganisation } from '../collective-organisation/collective-organisation.queries';
import { loadLedgerEntry } from '../ledger/ledger.queries';
import { loadShareholder } from '../shareholder/shareholder.queries';
import { YEAR_END_DRAFTER } from './distribution.jobs';
import { distributionLifecycle } from './distribution.lifecycle';
import { allocationsOf, dividendsOf, listDistributions, loadDistribution, summaryOf } from './distribution.queries';
import { yearInput } from './share-rate.inputs';
import { rateOfYear, rateSettingsOf, rateView } from './share-rate.queries';
import { percentOf } from './share-rate.rules';

/** Thin: fen to `Money`, the lifecycle's next steps for the caller, rates to percentages. */
export const distributionResolvers: Resolvers = {
  Query: {
    distribution: (_, args, context) => loadDistribution(context, args.id),
    distributions: (_, args, context) =>
      listDistributions(context, args.collectiveOrganisationId, { status: args.status, first: args.first, after: args.after }),
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
    draftedByJob: (d) => d.draftedBy === YEAR_END_DRAFTER,
    draftedAt: (d) => d.createdAt,
  },
  Shareholder: {
    dividends: (s, _, context) => dividendsOf(context, s.id),
    dividendsTotal: async (s, _, context) => (await dividendsOf(context, s.id)).reduce((sum, line) => sum + line.amountFen, 0n),
  },
  DividendLine: {
    year: (line) => line.distribution.year,
    recordDate: (line) => line.distribution.recordDate,
    shares: (line) => Number(line.shares),
    amount: (line) => line.amountFen,
    communityShareRate: (line) => percentOf(BigInt(line.distribution.communityShareBp)),
    summary: (line) => summaryOf(line.distribution),
    postedAt: (line) => line.distribution.postedAt,
  },
  CollectiveOrganisation: {
    communityShareRate: async (organisation, args, context) =>
      rateView(await rateOfYear(context.dataSource.manager, organisation, parseInput(yearInput, args.year, 'year'))),
    communityShareRates: async (organisation, _, context) => (await rateSettingsOf(context, organisation.id)).map(rateView),
  },
  CommunityShareRate: {
    rate: (rate) => percentOf(BigInt(rate.basisPoints)),
  },
};

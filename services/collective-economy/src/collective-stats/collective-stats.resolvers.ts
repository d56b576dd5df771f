import { badInput, todayInChina } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadAnnualIncome, loadCollectiveStats } from './collective-stats.queries';

/** The year asked for, or this year (China time); from 2000 to 2100. */
function yearOf(year: number | null | undefined, now: Date): number {
  const chosen = year ?? Number(todayInChina(now).slice(0, 4));
  if (!Number.isInteger(chosen) || chosen < 2000 || chosen > 2100) throw badInput('year', 'a year is 2000–2100');
  return chosen;
}

/** `Region.collectiveStats`: the figures of the region's subtree for a year, batched across regions; an organisation's income against its target. */
export const collectiveStatsResolvers: Resolvers = {
  Region: {
    collectiveStats: (region, args, context) => {
      const now = new Date();
      return loadCollectiveStats(context, region.code!, yearOf(args.year, now), now);
    },
  },
  CollectiveOrganisation: {
    incomeAgainstTarget: async (organisation, args, context) => {
      const year = yearOf(args.year, new Date());
      const income = await loadAnnualIncome(context, organisation.id, year);
      const target = organisation.annualIncomeTargetFen;
      return { year, income, target, met: income >= target, shortfall: income >= target ? 0n : target - income };
    },
  },
};

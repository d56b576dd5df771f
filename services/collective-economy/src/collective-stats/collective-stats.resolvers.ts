import { badInput, todayInChina } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadCollectiveStats } from './collective-stats.queries';

/** `Region.collectiveStats`: the figures of the region's subtree for a year, batched across regions. */
export const collectiveStatsResolvers: Resolvers = {
  Region: {
    collectiveStats: (region, args, context) => {
      const now = new Date();
      const year = args.year ?? Number(todayInChina(now).slice(0, 4));
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'a year is 2000–2100');
      return loadCollectiveStats(context, region.code!, year, now);
    },
  },
};

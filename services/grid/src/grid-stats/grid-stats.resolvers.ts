import type { RegionResolvers } from '../generated/graphql';
import { loadGridStats } from './grid-stats.queries';

export const gridStatsResolvers = {
  Region: {
    gridStats: (region, _, context) => loadGridStats(context, region.code!, new Date()),
  } satisfies RegionResolvers,
};

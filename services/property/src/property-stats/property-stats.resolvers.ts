import type { Resolvers } from '../generated/graphql';
import { loadPropertyStats } from './property-stats.queries';

/** `Region.propertyStats`: the figures of the region's subtree, batched across regions. */
export const propertyStatsResolvers: Resolvers = {
  Region: {
    propertyStats: (region, _, context) => loadPropertyStats(context, region.code!, new Date()),
  },
};

import type { Resolvers } from '../generated/graphql';
import { loadVolunteerStats } from './volunteer-stats.queries';

/** `Region.volunteerStats`: the figures of the region's subtree, batched across regions. */
export const volunteerStatsResolvers: Resolvers = {
  Region: {
    volunteerStats: (region, _, context) => loadVolunteerStats(context, region.code!),
  },
};

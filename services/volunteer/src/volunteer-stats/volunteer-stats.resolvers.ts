import type { Resolvers } from '../generated/graphql';
import { loadActivityFigures, loadVolunteerStats, loadWishFigures } from './volunteer-stats.queries';

/**
 * `Region.volunteerStats`: the figures of the region's subtree, batched across regions; the activity
 * and wish figures are read only when asked for, each in one statement per batch, within the caller's scopes.
 */
export const volunteerStatsResolvers: Resolvers = {
  Region: {
    volunteerStats: (region, _, context) => loadVolunteerStats(context, region.code!),
  },
  VolunteerStats: {
    activities: (stats, _, context) => loadActivityFigures(context, stats.regionCode),
    wishes: (stats, _, context) => loadWishFigures(context, stats.regionCode),
  },
};

import { parseInput } from '@gg/shared';
import { previousYear, yearInput } from '../common/year';
import type { RegionResolvers } from '../generated/graphql';
import { loadPartyStats } from './party-stats.queries';

export const regionPartyStatsFields: RegionResolvers = {
  partyStats: (region, args, context) =>
    loadPartyStats(context, region.code, args.year == null ? previousYear() : parseInput(yearInput, args.year, 'year')),
};

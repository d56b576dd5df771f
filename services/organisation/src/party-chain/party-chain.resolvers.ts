import type { PartyChainConfigurationResolvers, QueryResolvers } from '../generated/graphql';
import { loadRegion } from '../region/region.queries';
import { findPartyChainConfiguration } from './party-chain.queries';

export const partyChainQueries: QueryResolvers = {
  partyChainConfiguration: (_, args, context) => findPartyChainConfiguration(context, args.countyCode),
};

export const partyChainConfigurationFields: PartyChainConfigurationResolvers = {
  county: async (view, _, context) => (await loadRegion(context, view.countyCode))!,
};

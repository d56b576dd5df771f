import { parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadPartyOrganisation } from '../party-organisation/party-organisation.service';
import { loadRegion } from '../region/region.service';
import { configurePartyChainInput } from './party-chain.rules';
import { configurePartyChain, findPartyChainConfiguration, type PartyChainView } from './party-chain.service';

export const partyChainResolvers: ResolverGroup = {
  Query: {
    partyChainConfiguration: (_: unknown, args: { countyCode: string }, context: SubgraphContext) =>
      findPartyChainConfiguration(context, args.countyCode),
  },
  Mutation: {
    configurePartyChain: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      configurePartyChain(context, parseInput(configurePartyChainInput, args.input)),
  },
  PartyChainConfiguration: {
    county: (view: PartyChainView, _: unknown, context: SubgraphContext) => loadRegion(context, view.countyCode),
  },
  PartyChainViolation: {
    organisation: (violation: { organisationId: string }, _: unknown, context: SubgraphContext) =>
      loadPartyOrganisation(context, violation.organisationId),
  },
};

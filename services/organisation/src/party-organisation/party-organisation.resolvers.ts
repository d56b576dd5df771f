import { parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadRegion } from '../region/region.service';
import { PartyOrganisation } from './party-organisation.entity';
import { createPartyOrganisationInput } from './party-organisation.rules';
import { createPartyOrganisation, loadChildOrganisations, loadPartyOrganisation } from './party-organisation.service';

export const partyOrganisationResolvers: ResolverGroup = {
  Query: {
    partyOrganisation: (_: unknown, args: { id: string }, context: SubgraphContext) => loadPartyOrganisation(context, args.id),
  },
  Mutation: {
    createPartyOrganisation: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      createPartyOrganisation(context.dataSource, context.identity, parseInput(createPartyOrganisationInput, args.input)),
  },
  PartyOrganisation: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadPartyOrganisation(context, reference.id),
    // A region is always visible when a record in it is: regions are shown to anyone whose scope reaches them.
    region: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) => loadRegion(context, organisation.regionCode),
    parent: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) =>
      organisation.parentId ? loadPartyOrganisation(context, organisation.parentId) : null,
    children: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) => loadChildOrganisations(context, organisation.id),
  },
};

import { loadInRegionSubtree, pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { CollectiveOrganisation } from './collective-organisation.entity';
import { createCollectiveOrganisationInput } from './collective-organisation.rules';
import { createCollectiveOrganisation, listCollectiveOrganisations, loadCollectiveOrganisation } from './collective-organisation.service';

export const collectiveOrganisationResolvers: ResolverGroup = {
  Query: {
    collectiveOrganisation: (_: unknown, args: { id: string }, context: SubgraphContext) => loadCollectiveOrganisation(context, args.id),
    collectiveOrganisations: (_: unknown, args: { regionCode: string; first?: number }, context: SubgraphContext) =>
      listCollectiveOrganisations(context, args.regionCode, pageSize(args.first)),
  },
  Mutation: {
    createCollectiveOrganisation: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      createCollectiveOrganisation(context.dataSource, context.identity, parseInput(createCollectiveOrganisationInput, args.input)),
  },
  CollectiveOrganisation: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadCollectiveOrganisation(context, reference.id),
    // The organisation subgraph resolves the rest of the region from its key.
    region: (organisation: CollectiveOrganisation) => ({ code: organisation.regionCode }),
  },
  Region: {
    // This subgraph keeps no regions: every field it adds is computed from the key.
    __resolveReference: (reference: { code: string }) => reference,
    collectiveOrganisations: (region: { code: string }, args: { first?: number }, context: SubgraphContext) =>
      loadInRegionSubtree(context, CollectiveOrganisation, region.code, { orderBy: 'name', first: pageSize(args.first) }),
  },
};

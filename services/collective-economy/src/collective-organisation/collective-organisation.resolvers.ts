import type { Resolvers } from '../generated/graphql';
import { listCollectiveOrganisations, loadCollectiveOrganisation, regionCollectiveOrganisations } from './collective-organisation.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const collectiveOrganisationResolvers: Resolvers = {
  Query: {
    collectiveOrganisation: (_, args, context) => loadCollectiveOrganisation(context, args.id),
    collectiveOrganisations: (_, args, context) =>
      listCollectiveOrganisations(context, args.regionCode, { first: args.first, after: args.after }),
  },
  CollectiveOrganisation: {
    __resolveReference: (reference, context) => loadCollectiveOrganisation(context, reference.id!),
    // The organisation subgraph resolves the rest of the region from its key.
    region: (organisation) => ({ code: organisation.regionCode }),
    annualIncomeTarget: (organisation) => organisation.annualIncomeTargetFen,
  },
  Region: {
    collectiveOrganisations: (region, args, context) =>
      regionCollectiveOrganisations(context, region.code!, { first: args.first, after: args.after }),
  },
};

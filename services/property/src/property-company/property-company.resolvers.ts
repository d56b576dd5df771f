import { hasRole, maskName, STAFF } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { listPropertyCompanies, loadPropertyCompany, regionPropertyCompanies } from './property-company.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const propertyCompanyResolvers: Resolvers = {
  Query: {
    propertyCompany: (_, args, context) => loadPropertyCompany(context, args.id),
    propertyCompanies: (_, args, context) => listPropertyCompanies(context, args.regionCode, { first: args.first, after: args.after }),
  },
  PropertyCompany: {
    __resolveReference: (reference, context) => loadPropertyCompany(context, reference.id!),
    // The organisation subgraph owns regions; the key is all this subgraph gives.
    region: (company) => ({ code: company.regionCode }),
    // PIPL minimum necessary: the housing bureau scores whether an instructor is assigned, not who
    // it is, so it sees the name masked; staff of the region see it whole.
    partyBuildingInstructor: (company, _, context) =>
      company.partyBuildingInstructor && hasRole(context.identity, 'HOUSING_BUREAU') && !hasRole(context.identity, ...STAFF)
        ? maskName(company.partyBuildingInstructor)
        : company.partyBuildingInstructor,
  },
  Region: {
    propertyCompanies: (region, args, context) => regionPropertyCompanies(context, region.code!, { first: args.first, after: args.after }),
  },
};

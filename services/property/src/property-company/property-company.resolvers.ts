import { maskName } from '@gg/shared';
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
    // The bureau reads companies for credit rating and tendering; the instructor is a person it need not name.
    partyBuildingInstructor: (company, _, context) =>
      company.partyBuildingInstructor !== null && context.identity.roles.includes('HOUSING_BUREAU')
        ? maskName(company.partyBuildingInstructor)
        : company.partyBuildingInstructor,
    partyOrganisation: (company) => (company.partyOrganisationId ? { id: company.partyOrganisationId } : null),
  },
  Region: {
    propertyCompanies: (region, args, context) => regionPropertyCompanies(context, region.code!, { first: args.first, after: args.after }),
  },
};

import { hasRole, STAFF } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadPropertyCompany } from '../property-company/property-company.queries';
import { loadResidentialCompound } from '../residential-compound/residential-compound.queries';
import { companyDisputes, listPropertyDisputes, loadDisputeCounts, loadMediators, loadPropertyDispute } from './property-dispute.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const propertyDisputeResolvers: Resolvers = {
  Query: {
    propertyDispute: (_, args, context) => loadPropertyDispute(context, args.id),
    propertyDisputes: (_, args, context) =>
      listPropertyDisputes(context, args.regionCode, args.status, { first: args.first, after: args.after }),
  },
  PropertyDispute: {
    __resolveReference: (reference, context) => loadPropertyDispute(context, reference.id!),
    compound: (dispute, _, context) => loadResidentialCompound(context, dispute.compoundId),
    company: (dispute, _, context) => (dispute.companyId ? loadPropertyCompany(context, dispute.companyId) : null),
    region: (dispute) => ({ code: dispute.regionCode }),
    summary: (dispute, _, context) => (hasRole(context.identity, ...STAFF) ? dispute.summary : null),
    mediators: (dispute, _, context) => loadMediators(context, dispute.id),
  },
  PropertyCompany: {
    disputes: (company, args, context) => companyDisputes(context, company.id, args.status, { first: args.first, after: args.after }),
    disputeCounts: (company, _, context) => loadDisputeCounts(context, company.id),
  },
};

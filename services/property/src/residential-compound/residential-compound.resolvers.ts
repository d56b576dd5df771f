import { maskName } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadPropertyCompany } from '../property-company/property-company.queries';
import {
  companyCompounds,
  listResidentialCompounds,
  loadManagementHistory,
  loadOwnersCommittee,
  loadResidentialCompound,
  regionResidentialCompounds,
} from './residential-compound.queries';
import { managementOn } from './residential-compound.rules';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const residentialCompoundResolvers: Resolvers = {
  Query: {
    residentialCompound: (_, args, context) => loadResidentialCompound(context, args.id),
    residentialCompounds: (_, args, context) =>
      listResidentialCompounds(context, args.regionCode, args.managementMode, { first: args.first, after: args.after }),
  },
  ResidentialCompound: {
    __resolveReference: (reference, context) => loadResidentialCompound(context, reference.id!),
    region: (compound) => ({ code: compound.regionCode }),
    company: (compound, _, context) => (compound.companyId ? loadPropertyCompany(context, compound.companyId) : null),
    managementHistory: (compound, _, context) => loadManagementHistory(context, compound.id),
    managementOn: async (compound, args, context) => managementOn(await loadManagementHistory(context, compound.id), args.day) ?? null,
    ownersCommittee: (compound, _, context) => loadOwnersCommittee(context, compound.id),
  },
  CompoundManagementPeriod: {
    company: (period, _, context) => (period.companyId ? loadPropertyCompany(context, period.companyId) : null),
  },
  OwnersCommitteeMember: {
    // Members are residents: their names are personal data, shown masked to every reader.
    name: (member) => maskName(member.name),
  },
  PropertyCompany: {
    compounds: (company, args, context) => companyCompounds(context, company.id, { first: args.first, after: args.after }),
  },
  Region: {
    residentialCompounds: (region, args, context) =>
      regionResidentialCompounds(context, region.code!, { first: args.first, after: args.after }),
  },
};

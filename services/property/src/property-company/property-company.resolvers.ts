import { hasRole, loadInRegionSubtree, maskName, pageSize, parseInput, STAFF, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { PropertyCompany } from './property-company.entity';
import { createPropertyCompanyInput } from './property-company.rules';
import { createPropertyCompany, listPropertyCompanies, loadPropertyCompany } from './property-company.service';

export const propertyCompanyResolvers: ResolverGroup = {
  Query: {
    propertyCompany: (_: unknown, args: { id: string }, context: SubgraphContext) => loadPropertyCompany(context, args.id),
    propertyCompanies: (_: unknown, args: { regionCode: string; first?: number }, context: SubgraphContext) =>
      listPropertyCompanies(context, args.regionCode, pageSize(args.first)),
  },
  Mutation: {
    createPropertyCompany: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      createPropertyCompany(context.dataSource, context.identity, parseInput(createPropertyCompanyInput, args.input)),
  },
  PropertyCompany: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadPropertyCompany(context, reference.id),
    // The organisation subgraph owns regions; the key is all this subgraph gives.
    region: (company: PropertyCompany) => ({ code: company.regionCode }),
    // PIPL minimum necessary: the housing bureau scores whether an instructor is assigned, not who
    // it is, so it sees the name masked; staff of the region see it whole.
    partyBuildingInstructor: (company: PropertyCompany, _: unknown, context: SubgraphContext) =>
      company.partyBuildingInstructor && hasRole(context.identity, 'HOUSING_BUREAU') && !hasRole(context.identity, ...STAFF)
        ? maskName(company.partyBuildingInstructor)
        : company.partyBuildingInstructor,
  },
  Region: {
    // Regions are resolved by the organisation subgraph; here only the key is needed to list companies.
    __resolveReference: (reference: { code: string }) => reference,
    propertyCompanies: (region: { code: string }, args: { first?: number }, context: SubgraphContext) =>
      loadInRegionSubtree(context, PropertyCompany, region.code, { orderBy: 'name', first: pageSize(args.first) }),
  },
};

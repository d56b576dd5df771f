import type { QueryResolvers, RegionResolvers } from '../generated/graphql';
import { divisionCodeOf } from './region.rules';
import { listRegions, loadChildren, loadRegion } from './region.queries';

export const regionQueries: QueryResolvers = {
  region: (_, args, context) => loadRegion(context, args.code),
  regions: (_, args, context) => listRegions(context.dataSource, context.identity, args.level ?? undefined),
};

export const regionFields: RegionResolvers = {
  __resolveReference: (reference, context) => loadRegion(context, reference.code!),
  divisionCode: (region) => divisionCodeOf(region.code),
  parent: (region, _, context) => (region.parentCode ? loadRegion(context, region.parentCode) : null),
  children: (region, _, context) => loadChildren(context, region.code),
};

import { loadInRegionSubtree, pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { previousYear, yearInput } from '../cadre-liaison/cadre-liaison.rules';
import { loadPartyStats } from '../party-stats/party-stats.service';
import { PartyOrganisation } from '../party-organisation/party-organisation.entity';
import { Region } from './region.entity';
import { addRegionInput, divisionCodeOf, type RegionLevel } from './region.rules';
import { addRegion, listRegions, loadChildren, loadRegion } from './region.service';

export const regionResolvers: ResolverGroup = {
  Query: {
    region: (_: unknown, args: { code: string }, context: SubgraphContext) => loadRegion(context, args.code),
    regions: (_: unknown, args: { level?: RegionLevel | null }, context: SubgraphContext) =>
      listRegions(context.dataSource, context.identity, args.level ?? undefined),
  },
  Mutation: {
    addRegion: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      addRegion(context.dataSource, context.identity, parseInput(addRegionInput, args.input)),
  },
  Region: {
    __resolveReference: (reference: { code: string }, context: SubgraphContext) => loadRegion(context, reference.code),
    divisionCode: (region: Region) => divisionCodeOf(region.code),
    parent: (region: Region, _: unknown, context: SubgraphContext) => (region.parentCode ? loadRegion(context, region.parentCode) : null),
    children: (region: Region, _: unknown, context: SubgraphContext) => loadChildren(context, region.code),
    partyOrganisations: (region: Region, args: { first?: number }, context: SubgraphContext) =>
      loadInRegionSubtree(context, PartyOrganisation, region.code, { orderBy: 'name', first: pageSize(args.first) }),
    partyStats: (region: Region, args: { year?: number | null }, context: SubgraphContext) =>
      loadPartyStats(context, region.code, args.year == null ? previousYear() : parseInput(yearInput, args.year, 'year')),
  },
};

import { loadInRegionSubtree, pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { VolunteerTeam } from './volunteer-team.entity';
import { createVolunteerTeamInput, type VolunteerTeamCategory } from './volunteer-team.rules';
import { createVolunteerTeam, listVolunteerTeams, loadVolunteerTeam } from './volunteer-team.service';

export const volunteerTeamResolvers: ResolverGroup = {
  Query: {
    volunteerTeam: (_: unknown, args: { id: string }, context: SubgraphContext) => loadVolunteerTeam(context, args.id),
    volunteerTeams: (
      _: unknown,
      args: { regionCode: string; category?: VolunteerTeamCategory | null; first?: number },
      context: SubgraphContext,
    ) => listVolunteerTeams(context, { regionCode: args.regionCode, category: args.category ?? undefined, first: pageSize(args.first) }),
  },
  Mutation: {
    createVolunteerTeam: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      createVolunteerTeam(context.dataSource, context.identity, parseInput(createVolunteerTeamInput, args.input)),
  },
  VolunteerTeam: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadVolunteerTeam(context, reference.id),
    // The organisation subgraph resolves the rest of the region from its key.
    region: (team: VolunteerTeam) => ({ code: team.regionCode }),
  },
  Region: {
    volunteerTeams: (region: { code: string }, args: { first?: number }, context: SubgraphContext) =>
      loadInRegionSubtree(context, VolunteerTeam, region.code, { orderBy: 'name', first: pageSize(args.first) }),
  },
};

import type { Resolvers } from '../generated/graphql';
import { loadTeamCategories } from './volunteer-team.categories';
import { listVolunteerTeams, loadVolunteerTeam, regionVolunteerTeams } from './volunteer-team.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const volunteerTeamResolvers: Resolvers = {
  Query: {
    volunteerTeam: (_, args, context) => loadVolunteerTeam(context, args.id),
    volunteerTeamCategories: (_, args, context) => loadTeamCategories(context, args.countyCode),
    volunteerTeams: (_, args, context) =>
      listVolunteerTeams(context, { regionCode: args.regionCode, category: args.category }, { first: args.first, after: args.after }),
  },
  VolunteerTeam: {
    __resolveReference: (reference, context) => loadVolunteerTeam(context, reference.id!),
    // The organisation subgraph resolves the rest of the region from its key.
    region: (team) => ({ code: team.regionCode }),
    ownerKind: (team) => (team.ownerOrganisationId ? 'PARTY_ORGANISATION' : 'REGION'),
  },
  Region: {
    volunteerTeams: (region, args, context) => regionVolunteerTeams(context, region.code!, { first: args.first, after: args.after }),
  },
};

import { notFound } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadVolunteerTeam } from '../volunteer-team/volunteer-team.queries';
import { teamVolunteers } from './volunteer.queries';

/** Thin: arguments to queries, entities to the SDL's shape. */
export const volunteerResolvers: Resolvers = {
  Query: {
    teamVolunteers: (_, args, context) => teamVolunteers(context, args.teamId, { first: args.first, after: args.after }),
  },
  Volunteer: {
    // A volunteer lives in its team's region, so a caller who sees the volunteer sees the team.
    team: async (volunteer, _, context) =>
      (await loadVolunteerTeam(context, volunteer.teamId)) ?? Promise.reject(notFound(`Volunteer team ${volunteer.teamId}`)),
  },
};

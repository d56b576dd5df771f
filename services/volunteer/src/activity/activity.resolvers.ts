import { notFound } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadTimeBankTransfer } from '../time-bank/time-bank.queries';
import { loadVolunteer } from '../volunteer/volunteer.queries';
import { loadVolunteerTeam } from '../volunteer-team/volunteer-team.queries';
import { activitySignUps, listActivities, loadActivity, takenPlaces, volunteerSignUps } from './activity.queries';

/** A record the parent's scope implies exists; NOT_FOUND when it vanished. */
async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  return (await value) ?? Promise.reject(notFound(what));
}

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const activityResolvers: Resolvers = {
  Query: {
    activity: (_, args, context) => loadActivity(context, args.id),
    activities: (_, args, context) =>
      listActivities(context, { regionCode: args.regionCode, teamId: args.teamId }, { first: args.first, after: args.after }),
  },
  Activity: {
    region: (activity) => ({ code: activity.regionCode }),
    team: (activity, _, context) => (activity.teamId ? loadVolunteerTeam(context, activity.teamId) : null),
    signedUp: (activity, _, context) => takenPlaces(context, activity.id),
    signUps: (activity, args, context) => activitySignUps(context, activity.id, { first: args.first, after: args.after }),
  },
  ActivitySignUp: {
    // A sign-up lives in its activity's region: who sees it sees the activity.
    activity: (signUp, _, context) => required(loadActivity(context, signUp.activityId), `Activity ${signUp.activityId}`),
    // The volunteer may live in a neighbouring community of the street, outside a community reader's scope.
    volunteer: (signUp, _, context) => loadVolunteer(context, signUp.volunteerId),
    timeBankTransfer: (signUp, _, context) => (signUp.transferId ? loadTimeBankTransfer(context, signUp.transferId) : null),
  },
  Volunteer: {
    activitySignUps: (volunteer, args, context) => volunteerSignUps(context, volunteer.id, { first: args.first, after: args.after }),
  },
};

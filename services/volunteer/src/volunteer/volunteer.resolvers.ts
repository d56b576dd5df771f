import { maskName, maskPhone, maskResidentId, notFound, personalValue, type SubgraphContext } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadVolunteerTeam } from '../volunteer-team/volunteer-team.queries';
import type { Volunteer } from './volunteer.entity';
import { mayRevealVolunteer } from './volunteer.rules';
import { loadVolunteer, membershipsOf, myVolunteerRecords, residentIdOfVolunteer, teamMembers, teamVolunteers } from './volunteer.queries';

/** A personal field of a registered volunteer: masked, or whole when asked for and allowed, audited either way. */
function personal(
  context: SubgraphContext,
  volunteer: Volunteer,
  field: string,
  value: string | null,
  reveal: boolean | null | undefined,
  mask: (value: string) => string,
): Promise<string | null> {
  return personalValue(context, { recordType: 'Volunteer', recordId: volunteer.id, regionCode: volunteer.regionCode }, field, value, {
    reveal: reveal ?? false,
    allowed: mayRevealVolunteer(context.identity, volunteer),
    mask,
  });
}

/** A record the parent's scope implies exists; NOT_FOUND when it vanished. */
async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  return (await value) ?? Promise.reject(notFound(what));
}

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const volunteerResolvers: Resolvers = {
  Query: {
    volunteer: (_, args, context) => loadVolunteer(context, args.id),
    teamVolunteers: (_, args, context) => teamVolunteers(context, args.teamId, { first: args.first, after: args.after }),
    myVolunteerRecords: (_, __, context) => myVolunteerRecords(context),
  },
  Volunteer: {
    region: (volunteer) => ({ code: volunteer.regionCode }),
    name: (volunteer, args, context) => personal(context, volunteer, 'name', volunteer.name, args.reveal, maskName),
    phone: (volunteer, args, context) => personal(context, volunteer, 'phone', volunteer.phone, args.reveal, maskPhone),
    // Decrypted to be masked or, once the read is audited, shown whole; the cipher never leaves.
    residentId: (volunteer, args, context) =>
      personal(context, volunteer, 'residentId', residentIdOfVolunteer(volunteer), args.reveal, maskResidentId),
    teams: (volunteer, _, context) => membershipsOf(context, volunteer.id),
  },
  VolunteerTeamMember: {
    // A membership lives in its team's region, so a caller who sees it sees the team.
    team: (member, _, context) => required(loadVolunteerTeam(context, member.teamId), `Volunteer team ${member.teamId}`),
    volunteer: (member, _, context) => required(loadVolunteer(context, member.volunteerId), `Volunteer ${member.volunteerId}`),
  },
  VolunteerTeam: {
    members: (team, args, context) => teamMembers(context, team.id, { first: args.first, after: args.after }),
  },
};

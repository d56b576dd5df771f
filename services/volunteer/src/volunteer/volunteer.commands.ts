import {
  badInput,
  conflict,
  defineCommand,
  forbidden,
  isUniqueViolation,
  protectResidentId,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  WRITERS,
} from '@gg/shared';
import { VolunteerTeam } from '../volunteer-team/volunteer-team.entity';
import { Volunteer, VolunteerTeamMember } from './volunteer.entity';
import { addVolunteerToTeamInput, registerVolunteerInput, updateVolunteerProfileInput } from './volunteer.inputs';
import { isAdminOf, mayJoinTeam } from './volunteer.rules';

/**
 * Registers a volunteer of a community directly (not a Party member reporting in): their name, ID
 * number and phone are kept as personal information; one registration per person and community.
 */
export const registerVolunteer = defineCommand({
  name: 'registerVolunteer',
  input: registerVolunteerInput,
  roles: WRITERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'register a volunteer', 'input.regionCode');
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    if (input.homeGridId) {
      const grid = await requireReference(ctx.manager, 'GRID', input.homeGridId, { field: 'input.homeGridId', identity: ctx.caller });
      if (grid.regionCode !== input.regionCode)
        throw badInput('input.homeGridId', 'the home grid is not a grid of the volunteer’s community');
    }
    const residentId = protectResidentId(input.residentId);
    try {
      return await ctx.manager.save(
        ctx.manager.create(Volunteer, {
          regionCode: input.regionCode,
          source: 'REGISTERED',
          name: input.name,
          phone: input.phone,
          residentIdCipher: residentId.cipher,
          residentIdHash: residentId.hash,
          skills: input.skills,
          availability: input.availability,
          gridId: input.homeGridId,
          accountSubject: input.accountSubject,
          partyMemberId: null,
          doubleReportId: null,
          joinedAt: ctx.now,
        }),
      );
    } catch (error) {
      // The unique key decides, so two concurrent registrations of one person cannot both pass.
      if (isUniqueViolation(error)) throw conflict('This person is already a volunteer of the community', 'input.residentId');
      throw error;
    }
  },
});

/** Puts a volunteer into a team of their community (or its street) with a role; one leader per team. */
export const addVolunteerToTeam = defineCommand({
  name: 'addVolunteerToTeam',
  input: addVolunteerToTeamInput,
  roles: WRITERS,
  async run(input, ctx) {
    const team = await recordForWrite(ctx.manager, VolunteerTeam, input.teamId, {
      identity: ctx.caller,
      field: 'input.teamId',
      label: 'Volunteer team',
    });
    const volunteer = await recordForWrite(ctx.manager, Volunteer, input.volunteerId, {
      identity: ctx.caller,
      field: 'input.volunteerId',
      label: 'Volunteer',
    });
    if (!mayJoinTeam(volunteer.regionCode, team.regionCode))
      throw badInput('input.volunteerId', 'a volunteer joins teams of their own community or its street only');
    try {
      return await ctx.manager.save(
        ctx.manager.create(VolunteerTeamMember, {
          regionCode: team.regionCode,
          teamId: team.id,
          volunteerId: volunteer.id,
          role: input.role,
          joinedAt: ctx.now,
        }),
      );
    } catch (error) {
      // The unique keys decide (the transaction cannot read after the violation): which one says why.
      if (isUniqueViolation(error)) {
        if (constraintOf(error) === 'volunteer_team_member_leader_key') throw conflict('The team already has a leader', 'input.role');
        throw conflict('The volunteer is already in the team', 'input.volunteerId');
      }
      throw error;
    }
  },
});

/**
 * Updates what a volunteer offers (skills, availability, home grid), for a registered volunteer and a
 * Party member alike: by staff of the region, or by the volunteer themselves (their login recorded).
 */
export const updateVolunteerProfile = defineCommand({
  name: 'updateVolunteerProfile',
  input: updateVolunteerProfileInput,
  roles: [...WRITERS, 'VOLUNTEER', 'PARTY_MEMBER'],
  async run(input, ctx) {
    const volunteer = await recordForWrite(ctx.manager, Volunteer, input.volunteerId, {
      identity: ctx.caller,
      field: 'input.volunteerId',
      label: 'Volunteer',
      lock: true,
    });
    const self = volunteer.accountSubject !== null && volunteer.accountSubject === ctx.caller.subject;
    if (!self && !isAdminOf(ctx.caller, volunteer.regionCode))
      throw forbidden('Only the volunteer themselves or an administrator of the region updates the profile', 'input.volunteerId');
    if (input.homeGridId) {
      const grid = await requireReference(ctx.manager, 'GRID', input.homeGridId, { field: 'input.homeGridId', identity: ctx.caller });
      if (grid.regionCode !== volunteer.regionCode)
        throw badInput('input.homeGridId', 'the home grid is not a grid of the volunteer’s community');
    }
    if (input.skills !== undefined) volunteer.skills = input.skills;
    if (input.availability !== undefined) volunteer.availability = input.availability;
    if (input.homeGridId !== undefined) volunteer.gridId = input.homeGridId;
    return ctx.manager.save(volunteer);
  },
});

/** The name of the constraint a database error broke, when it says. */
function constraintOf(error: unknown): string | undefined {
  return (error as { driverError?: { constraint?: string } }).driverError?.constraint;
}

export const volunteerCommands = [registerVolunteer, addVolunteerToTeam, updateVolunteerProfile];

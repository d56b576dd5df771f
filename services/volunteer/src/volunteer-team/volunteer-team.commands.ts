import {
  conflict,
  defineCommand,
  isUniqueViolation,
  requireReference,
  requireWritableRegion,
  VolunteerTeamCreated,
  VolunteerTeamProfiled,
  WRITERS,
} from '@gg/shared';
import { VolunteerTeam } from './volunteer-team.entity';
import { createVolunteerTeamInput } from './volunteer-team.inputs';

/**
 * Registers a volunteer team in a community or street of the caller's scope that the organisation
 * service has announced; its name is unique there. Other services learn of it by VolunteerTeamCreated,
 * and of its category and skills by VolunteerTeamProfiled.
 */
export const createVolunteerTeam = defineCommand({
  name: 'createVolunteerTeam',
  input: createVolunteerTeamInput,
  roles: WRITERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'create a volunteer team', 'input.regionCode');
    // A well-formed code nobody registered would leave the team under a region no one can see.
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    let team: VolunteerTeam;
    try {
      team = await ctx.manager.save(
        ctx.manager.create(VolunteerTeam, {
          name: input.name,
          category: input.category,
          regionCode: input.regionCode,
          skills: input.skills,
          description: input.description,
        }),
      );
    } catch (error) {
      // The unique index decides, not a prior read: two concurrent creates cannot both pass.
      if (isUniqueViolation(error))
        throw conflict(`Region ${input.regionCode} already has a volunteer team named ${input.name}`, 'input.name');
      throw error;
    }
    ctx.publish(VolunteerTeamCreated, { id: team.id, regionCode: team.regionCode }, { type: 'VolunteerTeam', id: team.id });
    // What the team does, so organisation can suggest it to a double-reported member by skill.
    ctx.publish(
      VolunteerTeamProfiled,
      { id: team.id, regionCode: team.regionCode, category: team.category, skills: team.skills },
      { type: 'VolunteerTeam', id: team.id },
    );
    return team;
  },
});

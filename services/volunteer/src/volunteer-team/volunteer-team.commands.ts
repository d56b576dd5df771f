import {
  badInput,
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
import { categoriesOf } from './volunteer-team.categories';
import { createVolunteerTeamInput } from './volunteer-team.inputs';
import { ownerFits } from './volunteer-team.rules';

/**
 * Registers a volunteer team in a community or street of the caller's scope that the organisation
 * service has announced, under a category its county files teams under, owned by the community
 * itself or by a Party organisation of its line; its name is unique there. Other services learn of it by VolunteerTeamCreated,
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
    const allowed = await categoriesOf(ctx.manager, input.regionCode);
    if (!allowed.includes(input.category))
      throw badInput('input.category', `this county files its teams under ${allowed.join(', ')}; ${input.category} is not one of them`);
    if (input.ownerOrganisationId) {
      const owner = await requireReference(ctx.manager, 'PARTY_ORGANISATION', input.ownerOrganisationId, {
        field: 'input.ownerOrganisationId',
        identity: ctx.caller,
      });
      if (!ownerFits(owner.regionCode, input.regionCode))
        throw badInput('input.ownerOrganisationId', 'the owning organisation is not of the team’s community or street, nor above it');
    }
    let team: VolunteerTeam;
    try {
      team = await ctx.manager.save(
        ctx.manager.create(VolunteerTeam, {
          name: input.name,
          category: input.category,
          regionCode: input.regionCode,
          skills: input.skills,
          description: input.description,
          ownerOrganisationId: input.ownerOrganisationId,
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

import {
  badInput,
  CollectiveOrganisationCreated,
  conflict,
  defineCommand,
  isUniqueViolation,
  requireReference,
  requireWritableRegion,
  WRITERS,
} from '@gg/shared';
import { CollectiveOrganisation } from './collective-organisation.entity';
import { createCollectiveOrganisationInput } from './collective-organisation.inputs';
import { requireFoundingSecretary } from './collective-organisation.profile';
import { foundedOnProblem, todayInChina } from './collective-organisation.rules';

/**
 * Registers a collective economy organisation in a community of the caller's scope that the
 * organisation service has announced; its name is unique there. Announced by CollectiveOrganisationCreated.
 */
export const createCollectiveOrganisation = defineCommand({
  name: 'createCollectiveOrganisation',
  input: createCollectiveOrganisationInput,
  roles: WRITERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'register a collective economy organisation', 'input.regionCode');
    const problem = foundedOnProblem(input.foundedOn, todayInChina(ctx.now));
    if (problem) throw badInput('input.foundedOn', problem);
    // A well-formed code nobody registered would leave the organisation under a community no one can see.
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    const foundingPartySecretaryId = input.foundingPartySecretaryId
      ? await requireFoundingSecretary(ctx, input.foundingPartySecretaryId, input.regionCode)
      : null;
    let organisation: CollectiveOrganisation;
    try {
      organisation = await ctx.manager.save(
        ctx.manager.create(CollectiveOrganisation, {
          name: input.name,
          regionCode: input.regionCode,
          foundedOn: input.foundedOn,
          businessLines: input.businessLines,
          registeredCapitalFen: input.registeredCapitalFen,
          foundingPartySecretaryId,
          annualIncomeTargetFen: input.annualIncomeTarget,
        }),
      );
    } catch (error) {
      // The unique index decides, not a prior SELECT: two concurrent registrations cannot both pass.
      if (isUniqueViolation(error))
        throw conflict(`A collective organisation named ${input.name} already exists in community ${input.regionCode}`, 'input.name');
      throw error;
    }
    ctx.publish(
      CollectiveOrganisationCreated,
      { id: organisation.id, regionCode: organisation.regionCode },
      { type: 'CollectiveOrganisation', id: organisation.id },
    );
    return organisation;
  },
});

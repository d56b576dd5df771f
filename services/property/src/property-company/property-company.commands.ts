import {
  conflict,
  defineCommand,
  isUniqueViolation,
  PropertyCompanyRegistered,
  requireReference,
  requireWritableRegion,
  WRITERS,
} from '@gg/shared';
import { PropertyCompany } from './property-company.entity';
import { createPropertyCompanyInput } from './property-company.inputs';

/**
 * Registers a property company in a region of the caller's scope that the organisation service has
 * announced; its credit code must be new to the platform. Announced by PropertyCompanyRegistered.
 */
export const createPropertyCompany = defineCommand({
  name: 'createPropertyCompany',
  input: createPropertyCompanyInput,
  roles: WRITERS,
  async run(input, ctx) {
    requireWritableRegion(ctx.caller, input.regionCode, 'register a property company', 'input.regionCode');
    // A well-formed code nobody registered would leave the company under a region no one can see.
    await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
    let company: PropertyCompany;
    try {
      company = await ctx.manager.save(
        ctx.manager.create(PropertyCompany, {
          name: input.name,
          creditCode: input.creditCode,
          regionCode: input.regionCode,
          hasPartyOrganisation: input.hasPartyOrganisation,
          partyBuildingInstructor: input.partyBuildingInstructor,
        }),
      );
    } catch (error) {
      // The unique index decides, so two concurrent registrations of one code cannot both succeed.
      if (isUniqueViolation(error))
        throw conflict(`A property company with credit code ${input.creditCode} is already registered`, 'input.creditCode');
      throw error;
    }
    ctx.publish(PropertyCompanyRegistered, { id: company.id, regionCode: company.regionCode }, { type: 'PropertyCompany', id: company.id });
    return company;
  },
});

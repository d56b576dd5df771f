import {
  conflict,
  defineCommand,
  isUniqueViolation,
  PropertyCompanyRegistered,
  requireReference,
  requireWritableRegion,
  WRITERS,
  recordForWrite,
} from '@gg/shared';
import { PropertyCompany } from './property-company.entity';
import { createPropertyCompanyInput, linkCompanyPartyOrganisationInput } from './property-company.inputs';

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

/**
 * Links a company with its own Party organisation (物业企业党组织): a current PARTY_ORGANISATION
 * reference in the caller's scope. The company then has a Party organisation; a later link replaces it.
 */
export const linkCompanyPartyOrganisation = defineCommand({
  name: 'linkCompanyPartyOrganisation',
  input: linkCompanyPartyOrganisationInput,
  roles: WRITERS,
  async run(input, ctx) {
    const company = await recordForWrite(ctx.manager, PropertyCompany, input.companyId, {
      identity: ctx.caller,
      field: 'input.companyId',
      label: 'Property company',
      lock: true,
    });
    requireWritableRegion(ctx.caller, company.regionCode, 'link a Party organisation to a property company', 'input.companyId');
    await requireReference(ctx.manager, 'PARTY_ORGANISATION', input.partyOrganisationId, {
      field: 'input.partyOrganisationId',
      identity: ctx.caller,
    });
    const change = { partyOrganisationId: input.partyOrganisationId, hasPartyOrganisation: true };
    await ctx.manager.update(PropertyCompany, { id: company.id }, change);
    return Object.assign(company, change);
  },
});

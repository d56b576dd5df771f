import { optionalText, personNameInput, regionCodeInput, thingNameInput } from '@gg/shared';
import { z } from 'zod';
import { COMPANY_REGION_LEVELS, creditCodeProblem, normaliseCreditCode } from './property-company.rules';

const creditCode = z
  .string()
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const createPropertyCompanyInput = z.object({
  name: thingNameInput(),
  creditCode,
  regionCode: regionCodeInput(COMPANY_REGION_LEVELS, 'a property company'),
  hasPartyOrganisation: z.boolean().default(false),
  partyBuildingInstructor: optionalText(personNameInput({ label: 'an instructor name' })),
});
export type CreatePropertyCompanyInput = z.infer<typeof createPropertyCompanyInput>;

export const linkCompanyPartyOrganisationInput = z.object({
  companyId: z.string(),
  partyOrganisationId: z.string(),
});

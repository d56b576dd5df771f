import { dateInput, FOUNDING_DATE, moneyInput, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import {
  COLLECTIVE_BUSINESS_LINES,
  COLLECTIVE_REGION_LEVELS,
  DEFAULT_ANNUAL_INCOME_TARGET_FEN,
  MAX_BUSINESS_LINES,
} from './collective-organisation.rules';

// Fen fit a Postgres bigint and a JavaScript BigInt; 15 digits (under 10 trillion yuan) is far beyond
// any community's capital and keeps typing mistakes out.
const businessLinesInput = z
  .array(z.enum(COLLECTIVE_BUSINESS_LINES))
  .max(MAX_BUSINESS_LINES, `at most ${MAX_BUSINESS_LINES} business lines`)
  .refine((lines) => new Set(lines).size === lines.length, 'a business line is listed once');

export const annualIncomeTargetInput = moneyInput('non-negative', 'an annual income target');

const fen = z
  .string()
  .regex(/^\d{1,15}$/, 'an amount in fen is 1–15 digits, no sign, point or exponent')
  .transform((digits) => BigInt(digits).toString());

export const createCollectiveOrganisationInput = z.object({
  name: thingNameInput(),
  regionCode: regionCodeInput(COLLECTIVE_REGION_LEVELS, 'a collective organisation'),
  foundedOn: dateInput(FOUNDING_DATE, { label: 'a founding date' }),
  businessLines: businessLinesInput.default([]),
  registeredCapitalFen: fen.default('0'),
  foundingPartySecretaryId: uuidInput('a Party member id').nullish(),
  annualIncomeTarget: annualIncomeTargetInput.nullish().transform((fen) => fen ?? DEFAULT_ANNUAL_INCOME_TARGET_FEN),
});

export const changeCollectiveOrganisationProfileInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  businessLines: businessLinesInput.nullish(),
  foundingPartySecretaryId: uuidInput('a Party member id').nullish(),
  annualIncomeTarget: annualIncomeTargetInput.nullish(),
});
export type CreateCollectiveOrganisationInput = z.infer<typeof createCollectiveOrganisationInput>;

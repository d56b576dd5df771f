import { dateInput, FOUNDING_DATE, thingNameInput, todayInChina } from '@gg/shared';
import { z } from 'zod';

export { todayInChina };

/** Lines of business named in the reports (Tianzhu's 康友家政 and the paths of the three capitals). */
export const COLLECTIVE_BUSINESS_LINES = [
  'HOUSEKEEPING',
  'ESTATE_AGENCY',
  'LABOUR_EXPORT',
  'PROPERTY_MANAGEMENT',
  'LEASING',
  'RETAIL',
  'OTHER',
] as const;
export type CollectiveBusinessLine = (typeof COLLECTIVE_BUSINESS_LINES)[number];

export const MAX_BUSINESS_LINES = 10;

// Fen fit a Postgres bigint and a JavaScript BigInt; 15 digits (under 10 trillion yuan) is far beyond
// any community's capital and keeps typing mistakes out.
const fen = z
  .string()
  .regex(/^\d{1,15}$/, 'an amount in fen is 1–15 digits, no sign, point or exponent')
  .transform((digits) => BigInt(digits).toString());

export const createCollectiveOrganisationInput = z.object({
  name: thingNameInput(),
  regionCode: z.string().regex(/^\d{12}$/, 'a collective organisation belongs to a community: a 12-digit code'),
  foundedOn: dateInput(FOUNDING_DATE, { label: 'a founding date' }),
  businessLines: z
    .array(z.enum(COLLECTIVE_BUSINESS_LINES))
    .max(MAX_BUSINESS_LINES, `at most ${MAX_BUSINESS_LINES} business lines`)
    .refine((lines) => new Set(lines).size === lines.length, 'a business line is listed once')
    .default([]),
  registeredCapitalFen: fen.default('0'),
});
export type CreateCollectiveOrganisationInput = z.infer<typeof createCollectiveOrganisationInput>;

/** Why a founding date is refused, or undefined when it is acceptable: an organisation cannot be founded after today. */
export function foundedOnProblem(foundedOn: string, today: string): string | undefined {
  // Both are YYYY-MM-DD, so string order is date order.
  return foundedOn > today ? `the founding date ${foundedOn} is after today (${today})` : undefined;
}

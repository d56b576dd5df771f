import { z } from 'zod';

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
  name: z.string().trim().min(2, 'a name has at least 2 characters').max(100, 'a name has at most 100 characters'),
  regionCode: z.string().regex(/^\d{12}$/, 'a collective organisation belongs to a community: a 12-digit code'),
  foundedOn: z.iso.date('a date is YYYY-MM-DD'),
  businessLines: z
    .array(z.enum(COLLECTIVE_BUSINESS_LINES))
    .max(MAX_BUSINESS_LINES, `at most ${MAX_BUSINESS_LINES} business lines`)
    .refine((lines) => new Set(lines).size === lines.length, 'a business line is listed once')
    .default([]),
  registeredCapitalFen: fen.default('0'),
});
export type CreateCollectiveOrganisationInput = z.infer<typeof createCollectiveOrganisationInput>;

/**
 * Today's date in China (UTC+8 all year, no daylight saving): the communities' calendar, whatever
 * time zone the server runs in. A founding at 07:00 on 1 March in Tianzhu is 23:00 on 28 February UTC.
 */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Why a founding date is refused, or undefined when it is acceptable: an organisation cannot be founded after today. */
export function foundedOnProblem(foundedOn: string, today: string): string | undefined {
  // Both are YYYY-MM-DD, so string order is date order.
  return foundedOn > today ? `the founding date ${foundedOn} is after today (${today})` : undefined;
}

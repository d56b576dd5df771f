import { z } from 'zod';

export const GRID_KINDS = ['COMPREHENSIVE', 'DEDICATED'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

export const DEDICATED_GRID_TYPES = ['BUSINESS_BUILDING', 'MARKET', 'PARK', 'SCHOOL', 'HOSPITAL', 'ENTERPRISE', 'OTHER'] as const;
export type DedicatedGridType = (typeof DEDICATED_GRID_TYPES)[number];

/** The 5-, 10- and 15-minute service circles (15分钟服务圈). */
export const SERVICE_RADII_MINUTES = [5, 10, 15] as const;

export const MAX_HOUSEHOLDS = 5000;

/**
 * Why a kind and a dedicated type do not go together, or undefined when they do: a dedicated grid
 * (专属网格) exists because of the place it is drawn around, so it must say which; a comprehensive
 * grid covers a residential area and has none.
 */
export function dedicatedTypeProblem(kind: GridKind, dedicatedType: DedicatedGridType | null | undefined): string | undefined {
  if (kind === 'DEDICATED' && !dedicatedType) return 'a DEDICATED grid needs a dedicatedType';
  if (kind === 'COMPREHENSIVE' && dedicatedType) return 'a COMPREHENSIVE grid has no dedicatedType';
  return undefined;
}

/**
 * The county a grid's unified code is unique in: the first six digits of its community code
 * (520201001001 → 520201), the GB/T 2260 county code.
 */
export function countyCodeOf(regionCode: string): string {
  return regionCode.slice(0, 6);
}

export const createGridInput = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]{1,32}$/, "a grid code is 1–32 upper-case letters, digits and '-'"),
    name: z.string().trim().min(2, 'a name has at least 2 characters').max(100, 'a name has at most 100 characters'),
    kind: z.enum(GRID_KINDS),
    dedicatedType: z.enum(DEDICATED_GRID_TYPES).nullish(),
    // A grid always sits in one community, never directly in a street or county.
    regionCode: z.string().regex(/^\d{12}$/, 'a grid belongs to a community: a 12-digit community code'),
    households: z
      .number()
      .int('households is a whole number')
      .min(0, 'households cannot be negative')
      .max(MAX_HOUSEHOLDS, `households is at most ${MAX_HOUSEHOLDS}`)
      .nullish(),
    serviceRadiusMinutes: z
      .number()
      .refine((v) => (SERVICE_RADII_MINUTES as readonly number[]).includes(v), 'a service radius is 5, 10 or 15 minutes')
      .nullish(),
  })
  .superRefine((input, ctx) => {
    const problem = dedicatedTypeProblem(input.kind, input.dedicatedType);
    if (problem) ctx.addIssue({ code: 'custom', path: ['dedicatedType'], message: problem });
  });
export type CreateGridInput = z.infer<typeof createGridInput>;

import { codeInput, freeTextInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';

export const GRID_KINDS = ['COMPREHENSIVE', 'DEDICATED'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

export const DEDICATED_GRID_TYPES = ['BUSINESS_BUILDING', 'MARKET', 'PARK', 'SCHOOL', 'HOSPITAL', 'ENTERPRISE', 'OTHER'] as const;
export type DedicatedGridType = (typeof DEDICATED_GRID_TYPES)[number];

/** The 5-, 10- and 15-minute service circles (15分钟服务圈). */
export const SERVICE_RADII_MINUTES = [5, 10, 15] as const;

export const MAX_HOUSEHOLDS = 5000;

/**
 * A grid's level: 1 is the top. Tongzi draws four (big 大网格, medium 中网格, small 小网格, micro 微网格:
 * 1/4/24/140 in Xiliushui); Jianhu three (street, community, unit). A child sits below its parent.
 */
export const GRID_LEVELS = [1, 2, 3, 4] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

/** ACTIVE, or retired by a merge or a split: the row stays, with links to the grids that replaced it. */
export const GRID_STATUSES = ['ACTIVE', 'MERGED', 'SPLIT'] as const;
export type GridStatus = (typeof GRID_STATUSES)[number];

export const GRID_CHANGES = ['MERGE', 'SPLIT'] as const;
export type GridChange = (typeof GRID_CHANGES)[number];

/** Why a grid cannot sit under a parent, or undefined when it can: same county, active, and one level up or more. */
export function parentProblem(
  child: { level: number; regionCode: string },
  parent: { level: number; regionCode: string; status: GridStatus },
): string | undefined {
  if (parent.status !== 'ACTIVE') return 'the parent grid was retired by a merge or a split';
  if (countyCodeOf(parent.regionCode) !== countyCodeOf(child.regionCode)) return 'a parent grid is in the same county';
  if (parent.level >= child.level) return `a level-${child.level} grid sits under a grid of a higher level (1–${child.level - 1})`;
  return undefined;
}

/** Why grids cannot be merged, or undefined: at least two, all active, in one community and at one level. */
export function mergeProblem(grids: Array<{ code: string; regionCode: string; level: number; status: GridStatus }>): string | undefined {
  if (grids.length < 2) return 'a merge takes at least two grids';
  const retired = grids.find((g) => g.status !== 'ACTIVE');
  if (retired) return `grid ${retired.code} was already retired by a ${retired.status === 'MERGED' ? 'merge' : 'split'}`;
  if (new Set(grids.map((g) => g.regionCode)).size > 1) return 'grids are merged within one community';
  if (new Set(grids.map((g) => g.level)).size > 1) return 'grids are merged at one level';
  return undefined;
}

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

const gridCode = codeInput({
  label: 'a grid code',
  max: 32,
  pattern: /^[A-Z0-9-]+$/,
  patternMessage: "a grid code is 1–32 upper-case letters, digits and '-'",
});
const gridName = thingNameInput();
const uuid = uuidInput;

const reason = freeTextInput({ label: 'a reason', max: 1000 });

export const createGridInput = z
  .object({
    code: gridCode,
    name: gridName,
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
    // Without a level: 1 for a grid without a parent, one below its parent otherwise.
    level: z.number().int('a level is 1–4').min(1, 'a level is 1–4').max(4, 'a level is 1–4').nullish(),
    parentId: uuid('a parent grid id').nullish(),
  })
  .superRefine((input, ctx) => {
    const problem = dedicatedTypeProblem(input.kind, input.dedicatedType);
    if (problem) ctx.addIssue({ code: 'custom', path: ['dedicatedType'], message: problem });
  });
export type CreateGridInput = z.infer<typeof createGridInput>;

export const mergeGridsInput = z
  .object({
    gridIds: z.array(uuid('a grid id')).min(2, 'a merge takes at least two grids').max(20, 'a merge takes at most 20 grids'),
    code: gridCode,
    name: gridName,
    reason,
  })
  .superRefine((input, ctx) => {
    input.gridIds.forEach((id, i) => {
      if (input.gridIds.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['gridIds', i], message: 'a grid is listed twice' });
    });
  });
export type MergeGridsInput = z.infer<typeof mergeGridsInput>;

export const splitGridInput = z
  .object({
    gridId: uuid('a grid id'),
    reason,
    parts: z
      .array(
        z.object({
          code: gridCode,
          name: gridName,
          households: z.number().int().min(0).max(MAX_HOUSEHOLDS).nullish(),
          householdIds: z
            .array(uuid('a household id'))
            .nullish()
            .transform((ids) => ids ?? []),
        }),
      )
      .min(2, 'a split makes at least two grids')
      .max(10, 'a split makes at most 10 grids'),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.parts.forEach((part, p) =>
      part.householdIds.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['parts', p, 'householdIds', i], message: 'a household goes to one part' });
        seen.add(id);
      }),
    );
    const codes = input.parts.map((p) => p.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i) ctx.addIssue({ code: 'custom', path: ['parts', i, 'code'], message: `code ${code} is used twice` });
    });
  });
export type SplitGridInput = z.infer<typeof splitGridInput>;

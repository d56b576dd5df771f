import { codeInput, freeTextInput, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import {
  DEDICATED_GRID_TYPES,
  dedicatedTypeProblem,
  GRID_KINDS,
  GRID_LEVELS,
  GRID_REGION_LEVELS,
  levelListProblem,
  MAX_HOUSEHOLDS,
  SERVICE_RADII_MINUTES,
} from './grid.rules';

/** A grid's unified code (统一赋码), also used by merges and splits. */
export const gridCode = codeInput({
  label: 'a grid code',
  max: 32,
  pattern: /^[A-Z0-9-]+$/,
  patternMessage: "a grid code is 1–32 upper-case letters, digits and '-'",
});
export const gridName = thingNameInput();
const uuid = uuidInput;

/** Why the grid map changes (a merge, a split). */
export const gridChangeReason = freeTextInput({ label: 'a reason', max: 1000 });

export const createGridInput = z
  .object({
    code: gridCode,
    name: gridName,
    kind: z.enum(GRID_KINDS),
    dedicatedType: z.enum(DEDICATED_GRID_TYPES).nullish(),
    // A street or a community; which of them a level may sit at is the county's configuration.
    regionCode: regionCodeInput(['STREET', 'COMMUNITY'], 'a grid'),
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

const gridLevel = z
  .number()
  .int('a level is 1–4')
  .refine((v) => (GRID_LEVELS as readonly number[]).includes(v), 'a level is 1–4');

/** A county's grid levels, top down (also the schema of the stored county setting). */
export const gridLevelsInput = z
  .array(
    z.object({
      level: gridLevel,
      name: thingNameInput({ min: 1, max: 20, label: 'a level name' }),
      regionLevels: z
        .array(z.enum(GRID_REGION_LEVELS))
        .min(1, 'a level sits at a STREET or a COMMUNITY (or both)')
        .refine((l) => new Set(l).size === l.length, 'a region level is listed twice'),
    }),
  )
  .min(1, 'a county has at least one grid level')
  .max(GRID_LEVELS.length, `a county has at most ${GRID_LEVELS.length} grid levels`)
  .superRefine((levels, ctx) => {
    const problem = levelListProblem(levels);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.index, 'level'], message: problem.message });
  });

export const configureGridLevelsInput = z.object({
  countyCode: regionCodeInput(['COUNTY'], 'a county'),
  levels: gridLevelsInput,
});
export type ConfigureGridLevelsInput = z.infer<typeof configureGridLevelsInput>;

import { dateInput, freeTextInput, noteInput, optionalText, PAST_DAY, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';

/** The full chain, top to bottom (Sansui, Liupanshui); shorter county chains use a subset. */
export const PARTY_ORGANISATION_LEVELS = [
  'STREET_WORKING_COMMITTEE',
  'COMMUNITY',
  'GRID_BRANCH',
  'BUILDING_GROUP',
  'CENTRAL_HOUSEHOLD',
] as const;
export type PartyOrganisationLevel = (typeof PARTY_ORGANISATION_LEVELS)[number];

export const PARTY_ORGANISATION_KINDS = ['REGULAR', 'TEMPORARY', 'FUNCTIONAL', 'INDUSTRY', 'TWO_NEW'] as const;
export type PartyOrganisationKind = (typeof PARTY_ORGANISATION_KINDS)[number];

/** Demonstration titles (示范党支部) a branch can hold, highest first. */
export const DEMONSTRATION_LEVELS = ['PROVINCIAL', 'MUNICIPAL', 'DISTRICT'] as const;
export type DemonstrationLevel = (typeof DEMONSTRATION_LEVELS)[number];

/** A central household links 10–30 households (Dafeng); more is refused, fewer is allowed while it fills up. */
export const MAX_CENTRAL_HOUSEHOLD_LINKS = 30;
export const USUAL_CENTRAL_HOUSEHOLD_LINKS = 10;

/** An id of another subgraph's entity: only its format can be checked here (no service reads another's tables). */
export const foreignId = (what: string) => uuidInput(`a ${what} id`);

export const createPartyOrganisationInput = z
  .object({
    name: thingNameInput(),
    level: z.enum(PARTY_ORGANISATION_LEVELS),
    kind: z.enum(PARTY_ORGANISATION_KINDS).default('REGULAR'),
    regionCode: z.string().regex(/^\d{2,12}$/, 'a region code is 2–12 digits'),
    parentId: z.uuid('not a valid id').nullish(),
    gridId: foreignId('grid').nullish(),
    activation: z
      .object({
        reason: freeTextInput({ label: 'a reason', max: 500 }),
        activatedOn: dateInput(PAST_DAY, { label: 'an activation day' }),
      })
      .nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.gridId && input.level !== 'GRID_BRANCH' && input.level !== 'BUILDING_GROUP') {
      ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'only a grid branch or a building group serves a grid' });
    }
    if (input.kind === 'TEMPORARY' && !input.activation) {
      ctx.addIssue({
        code: 'custom',
        path: ['activation'],
        message: 'a temporary branch is activated with a reason and a date (平急转换)',
      });
    }
    if (input.kind !== 'TEMPORARY' && input.activation) {
      ctx.addIssue({ code: 'custom', path: ['activation'], message: 'only a temporary branch is activated' });
    }
  });
export type CreatePartyOrganisationInput = z.infer<typeof createPartyOrganisationInput>;

export const movePartyOrganisationInput = z.object({
  id: z.uuid('not a valid id'),
  parentId: z.uuid('not a valid id'),
});
export type MovePartyOrganisationInput = z.infer<typeof movePartyOrganisationInput>;

export const dissolveTemporaryBranchInput = z.object({
  id: z.uuid('not a valid id'),
  dissolvedOn: dateInput(PAST_DAY, { label: 'a dissolution day' }),
  note: optionalText(noteInput({ max: 500 })),
});
export type DissolveTemporaryBranchInput = z.infer<typeof dissolveTemporaryBranchInput>;

export const linkCentralHouseholdsInput = z.object({
  organisationId: z.uuid('not a valid id'),
  householdIds: z
    .array(foreignId('household'))
    .max(MAX_CENTRAL_HOUSEHOLD_LINKS, `a central household links at most ${MAX_CENTRAL_HOUSEHOLD_LINKS} households`)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.findIndex((other) => other.toLowerCase() === id.toLowerCase()) !== i)
          ctx.addIssue({ code: 'custom', path: [i], message: 'listed twice' });
      });
    }),
});
export type LinkCentralHouseholdsInput = z.infer<typeof linkCentralHouseholdsInput>;

export const assessBranchInput = z
  .object({
    organisationId: z.uuid('not a valid id'),
    year: z.number().int().min(2000, 'a year from 2000').max(2100, 'a year up to 2100'),
    passed: z.boolean(),
    demonstrationLevel: z.enum(DEMONSTRATION_LEVELS).nullish(),
    note: optionalText(noteInput({ max: 500 })),
  })
  .superRefine((input, ctx) => {
    if (input.demonstrationLevel && !input.passed) {
      ctx.addIssue({
        code: 'custom',
        path: ['demonstrationLevel'],
        message: 'a branch that failed standardisation holds no demonstration title',
      });
    }
  });
export type AssessBranchInput = z.infer<typeof assessBranchInput>;

/**
 * Why a temporary branch cannot be dissolved on a date, or undefined when it can: it must be a
 * temporary branch, still active, dissolved no earlier than it was activated, and have no active
 * organisation under it (they would be left hanging from a dissolved branch).
 */
export function dissolutionProblem(
  branch: { kind: PartyOrganisationKind; activatedOn: string | null; dissolvedOn: string | null },
  dissolvedOn: string,
  activeChildren: number,
): { field: string; message: string } | undefined {
  if (branch.kind !== 'TEMPORARY')
    return { field: 'input.id', message: 'only a temporary branch is dissolved; regular organisations stay' };
  if (branch.dissolvedOn) return { field: 'input.id', message: `the branch was already dissolved on ${branch.dissolvedOn}` };
  if (branch.activatedOn && dissolvedOn < branch.activatedOn) {
    return { field: 'input.dissolvedOn', message: `a branch is dissolved on or after its activation (${branch.activatedOn})` };
  }
  if (activeChildren > 0)
    return {
      field: 'input.id',
      message: `${activeChildren} active organisation(s) still sit under the branch; dissolve or move them first`,
    };
  return undefined;
}

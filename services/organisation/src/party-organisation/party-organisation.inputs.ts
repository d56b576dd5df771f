import { dateInput, freeTextInput, noteInput, optionalText, PAST_DAY, regionCodeInput, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import {
  DEMONSTRATION_LEVELS,
  MAX_CENTRAL_HOUSEHOLD_LINKS,
  PARTY_ORGANISATION_KINDS,
  PARTY_ORGANISATION_LEVELS,
} from './party-organisation.rules';

/** An id of another subgraph's record: its format here; whether it exists, in the command (reference table). */
export const foreignId = (what: string) => uuidInput(`a ${what} id`);

export const createPartyOrganisationInput = z
  .object({
    name: thingNameInput(),
    level: z.enum(PARTY_ORGANISATION_LEVELS),
    kind: z.enum(PARTY_ORGANISATION_KINDS).default('REGULAR'),
    regionCode: regionCodeInput(),
    parentId: uuidInput('a Party organisation id').nullish(),
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
  id: uuidInput('a Party organisation id'),
  parentId: uuidInput('a Party organisation id'),
});
export type MovePartyOrganisationInput = z.infer<typeof movePartyOrganisationInput>;

export const dissolveTemporaryBranchInput = z.object({
  id: uuidInput('a Party organisation id'),
  dissolvedOn: dateInput(PAST_DAY, { label: 'a dissolution day' }),
  note: optionalText(noteInput({ max: 500 })),
});
export type DissolveTemporaryBranchInput = z.infer<typeof dissolveTemporaryBranchInput>;

export const linkCentralHouseholdsInput = z.object({
  organisationId: uuidInput('a Party organisation id'),
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
    organisationId: uuidInput('a Party organisation id'),
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

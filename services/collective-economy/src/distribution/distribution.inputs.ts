import { dateInput, PAST_DAY, uuidInput } from '@gg/shared';
import { z } from 'zod';

export const draftDistributionInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  year: z.number().int().min(2000, 'a year from 2000').max(2100, 'a year up to 2100'),
  recordDate: dateInput(PAST_DAY, { label: 'a record date' }),
});

export const distributionStepInput = z.object({ distributionId: uuidInput('a distribution id') });

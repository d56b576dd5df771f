import { uuidInput } from '@gg/shared';
import { z } from 'zod';
import { basisPointsOf } from './share-rate.rules';

export const yearInput = z.number().int().min(2000, 'a year from 2000').max(2100, 'a year up to 2100');

/** A percentage text to basis points, exactly (refused with the rule's reason). */
const rateInput = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const parsed = basisPointsOf(text);
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed.basisPoints;
  });

export const setCommunityShareRateInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  rate: rateInput,
  fromYear: yearInput,
});

import { dateInput, freeTextInput, noteInput, optionalText, thingNameInput, type DateRange } from '@gg/shared';
import { z } from 'zod';
import { DISPUTE_CATEGORIES, DISPUTE_OUTCOMES, MEDIATOR_KINDS, mediatorsProblem } from './property-dispute.rules';

/** A day in a dispute's life: recorded work, so not in the future and not before 2000. */
const DISPUTE_DAY: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { daysFromToday: 0 },
  rule: 'is a day that has come (not after today) and not before 2000-01-01',
};

const id = z.string();

export const filePropertyDisputeInput = z.object({
  compoundId: id,
  category: z.enum(DISPUTE_CATEGORIES),
  summary: freeTextInput({ label: 'the summary of the dispute', max: 2000 }),
  filedOn: dateInput(DISPUTE_DAY, { label: 'the day the dispute was filed' }),
});
export type FilePropertyDisputeInput = z.infer<typeof filePropertyDisputeInput>;

export const startDisputeMediationInput = z.object({
  disputeId: id,
  mediators: z
    .array(z.object({ kind: z.enum(MEDIATOR_KINDS), body: optionalText(thingNameInput({ label: 'the mediating body' })) }))
    .max(12, 'at most 12 mediating bodies')
    .superRefine((mediators, ctx) => {
      const problem = mediatorsProblem(mediators);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type StartDisputeMediationInput = z.infer<typeof startDisputeMediationInput>;

export const closePropertyDisputeInput = z.object({
  disputeId: id,
  outcome: z.enum(DISPUTE_OUTCOMES),
  note: optionalText(noteInput({ label: 'the note on the outcome' })),
  closedOn: dateInput(DISPUTE_DAY, { label: 'the day the dispute closed' }),
});
export type ClosePropertyDisputeInput = z.infer<typeof closePropertyDisputeInput>;

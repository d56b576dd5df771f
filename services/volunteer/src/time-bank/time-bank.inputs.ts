import { freeTextInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { MAX_TRANSFER_MINUTES } from './time-bank.rules';

const reason = freeTextInput({ label: 'a reason', min: 2, max: 200 });
const minutes = z
  .number()
  .int('minutes must be a whole number')
  .min(1, 'at least 1 minute')
  .max(MAX_TRANSFER_MINUTES, `at most ${MAX_TRANSFER_MINUTES} minutes (one day) per posting`);

const HOLDER_FIELDS = ['partyMemberId', 'volunteerId', 'householdId'] as const;

/** Exactly one holder: a Party member, a volunteer or a household leader's household; the refusal names the field. */
export const openTimeBankAccountInput = z
  .object({
    partyMemberId: uuidInput('a Party member id').nullish(),
    volunteerId: uuidInput('a volunteer id').nullish(),
    householdId: uuidInput('a household id').nullish(),
  })
  .superRefine((input, ctx) => {
    const given = HOLDER_FIELDS.filter((field) => input[field]);
    if (given.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['partyMemberId'],
        message: 'give the holder: a Party member (partyMemberId), a volunteer (volunteerId) or a household (householdId)',
      });
    // The first holder given stands; the refusal names the next one, the field to leave out.
    if (given.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: [given[1]!],
        message: 'an account has one holder: give one of partyMemberId, volunteerId, householdId',
      });
  });
export type OpenTimeBankAccountInput = z.infer<typeof openTimeBankAccountInput>;

/** Credit (confirmed service) and debit (a service received) take the same input. */
export const timeBankPostingInput = z.object({ accountId: uuidInput('a time-bank account id'), minutes, reason });
export type TimeBankPostingInput = z.infer<typeof timeBankPostingInput>;

export const reverseTimeBankTransferInput = z.object({ transferId: uuidInput('a time-bank transfer id'), reason });

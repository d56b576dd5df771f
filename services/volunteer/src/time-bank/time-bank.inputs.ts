import { freeTextInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { MAX_TRANSFER_MINUTES } from './time-bank.rules';

const reason = freeTextInput({ label: 'a reason', min: 2, max: 200 });
const minutes = z
  .number()
  .int('minutes must be a whole number')
  .min(1, 'at least 1 minute')
  .max(MAX_TRANSFER_MINUTES, `at most ${MAX_TRANSFER_MINUTES} minutes (one day) per posting`);

export const openTimeBankAccountInput = z.object({ partyMemberId: uuidInput('a Party member id') });

/** Credit (confirmed service) and debit (a service received) take the same input. */
export const timeBankPostingInput = z.object({ accountId: uuidInput('a time-bank account id'), minutes, reason });
export type TimeBankPostingInput = z.infer<typeof timeBankPostingInput>;

export const reverseTimeBankTransferInput = z.object({ transferId: uuidInput('a time-bank transfer id'), reason });

import { dateInput, moneyInput, noteInput, PAST_DAY, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { LEDGER_ACCOUNTS } from './ledger.rules';

/** The most lines one entry holds: a month's takings of every business line and category fit easily. */
export const MAX_LINES = 50;

const ledgerLineInput = z.object({
  account: z.enum(LEDGER_ACCOUNTS),
  debit: moneyInput('non-negative', 'a debit')
    .nullish()
    .transform((fen) => fen ?? 0n),
  credit: moneyInput('non-negative', 'a credit')
    .nullish()
    .transform((fen) => fen ?? 0n),
});

export const postLedgerEntryInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  postedOn: dateInput(PAST_DAY, { label: 'an accounting day' }),
  description: thingNameInput({ max: 200, label: 'a description' }),
  lines: z.array(ledgerLineInput).min(2, 'an entry has at least two lines').max(MAX_LINES, `at most ${MAX_LINES} lines`),
});
export type PostLedgerEntryInput = z.infer<typeof postLedgerEntryInput>;

export const reverseLedgerEntryInput = z.object({
  entryId: uuidInput('a ledger entry id'),
  postedOn: dateInput(PAST_DAY, { label: 'an accounting day' }),
  reason: noteInput({ min: 2, label: 'a reason' }),
});

export const closeLedgerPeriodInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  period: z.string().regex(/^(20\d\d|2100)(-(0[1-9]|1[0-2]))?$/, 'a period is a year (2025) or a month (2025-03), from 2000'),
});

/** A month, YYYY-MM, from 2000 to 2100 (a job's month, a month to raise rent through). */
export const monthInput = z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM, from 2000');

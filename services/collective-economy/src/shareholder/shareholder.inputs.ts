import { dateInput, moneyInput, PAST_DAY, personNameInput, phoneInput, residentIdInput, uuidInput } from '@gg/shared';
import { z } from 'zod';

const sharesInput = z.number().int().min(1, 'at least one share').max(100_000_000, 'at most 100,000,000 shares');

/**
 * The resident's account: the subject (`sub`) of the token their mini-program signs in with, which
 * then sees this shareholder record as its own. Visible ASCII only, as identity providers issue them.
 */
const accountSubjectInput = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, "an account is the subject of the resident's token: 1–200 visible ASCII characters, no spaces");

export const registerShareholderInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  name: personNameInput(),
  residentId: residentIdInput,
  phone: phoneInput.nullish().transform((value) => value ?? null),
  accountSubject: accountSubjectInput.nullish().transform((value) => value ?? null),
  shares: sharesInput,
  capital: moneyInput('non-negative', 'capital contributed'),
  joinedOn: dateInput(PAST_DAY, { label: 'the day the shares were issued' }),
});

/** Absent: unchanged; null (phone, account): removed. Name and resident ID number are corrected, never removed. */
export const updateShareholderInput = z.object({
  shareholderId: uuidInput('a shareholder id'),
  name: personNameInput().optional(),
  residentId: residentIdInput.optional(),
  phone: phoneInput.nullish(),
  accountSubject: accountSubjectInput.nullish(),
});

export const transferSharesInput = z.object({
  fromShareholderId: uuidInput('a shareholder id'),
  toShareholderId: uuidInput('a shareholder id'),
  shares: sharesInput,
  transferredOn: dateInput(PAST_DAY, { label: 'a transfer day' }),
});

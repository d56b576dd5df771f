import { dateInput, moneyInput, PAST_DAY, personNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';

const sharesInput = z.number().int().min(1, 'at least one share').max(100_000_000, 'at most 100,000,000 shares');

export const registerShareholderInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  name: personNameInput(),
  shares: sharesInput,
  capital: moneyInput('non-negative', 'capital contributed'),
  joinedOn: dateInput(PAST_DAY, { label: 'the day the shares were issued' }),
});

export const transferSharesInput = z.object({
  fromShareholderId: uuidInput('a shareholder id'),
  toShareholderId: uuidInput('a shareholder id'),
  shares: sharesInput,
  transferredOn: dateInput(PAST_DAY, { label: 'a transfer day' }),
});

import { dateInput, FOUNDING_DATE, moneyInput, noteInput, optionalText, PAST_DAY, thingNameInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { monthInput } from '../ledger/ledger.inputs';
import { CAPITAL_KINDS } from './capital.rules';

export const registerCapitalInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  kind: z.enum(CAPITAL_KINDS),
  name: thingNameInput({ label: 'a capital name' }),
  location: optionalText(thingNameInput({ max: 200, label: 'a location' })),
  acquiredOn: dateInput(FOUNDING_DATE, { label: 'an acquisition day' }),
  // More than zero: the history's CHECK keeps a zero amount for a disposal alone (a capital of no value is not registered).
  value: moneyInput('positive', 'a value'),
});

export const recordCapitalChangeInput = z.object({
  capitalId: uuidInput('a capital id'),
  kind: z.enum(['INCREASE', 'DECREASE', 'DISPOSED']),
  effectiveOn: dateInput(PAST_DAY, { label: 'the day of the change' }),
  amount: moneyInput('non-negative', 'an amount')
    .nullish()
    .transform((fen) => fen ?? 0n),
  reason: noteInput({ min: 2, label: 'a reason' }),
});

export const postDepreciationInput = z.object({
  collectiveOrganisationId: uuidInput('a collective organisation id'),
  throughMonth: monthInput,
});

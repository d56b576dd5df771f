import { dateInput, freeTextInput, regionCodeInput, uuidInput, type DateRange } from '@gg/shared';
import { z } from 'zod';
import { HALF_PATTERN } from '../evaluation/periods.rules';

export const halfInput = z
  .string()
  .regex(HALF_PATTERN, 'a half year is YYYYH1 or YYYYH2, e.g. 2025H1')
  .refine((h) => h >= '2000H1' && h <= '2100H2', 'a half year is between 2000H1 and 2100H2');

export const publishRedBlackListInput = z.object({
  countyCode: regionCodeInput(['COUNTY'], 'a red-and-black list'),
  half: halfInput,
});

export const correctRedBlackListInput = z.object({
  listId: uuidInput('a list id'),
  reason: freeTextInput({ label: 'a reason', max: 1000 }),
});

/** A violation that happened: not in the future, not before 2000. */
const VIOLATION_DAY: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { daysFromToday: 0 },
  rule: 'is a day that has come (not after today) and not before 2000-01-01',
};

export const recordSeriousViolationInput = z.object({
  companyId: uuidInput('a company id'),
  occurredOn: dateInput(VIOLATION_DAY, { label: 'the day of the violation' }),
  description: freeTextInput({ label: 'a description', min: 5, max: 2000 }),
});

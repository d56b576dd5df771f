import {
  dateInput,
  moneyInput,
  noteInput,
  optionalText,
  PAST_DAY,
  phoneInput,
  thingNameInput,
  uuidInput,
  type DateRange,
} from '@gg/shared';
import { z } from 'zod';
import { monthInput } from '../ledger/ledger.inputs';
import { TENANT_KINDS } from './lease.rules';

/** A lease's first day: from 2000, and at most a year ahead (a lease is recorded when it is signed). */
const LEASE_START: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { daysFromToday: 366 },
  rule: 'is on or after 2000-01-01 and at most a year from today',
};

/** A lease's last day: the term's limit of 20 years is checked against the first day. */
const LEASE_END: DateRange = {
  earliest: { day: '2000-01-01' },
  latest: { day: '2100-12-31' },
  rule: 'is between 2000-01-01 and 2100-12-31',
};

export const createLeaseInput = z.object({
  capitalId: uuidInput('a capital id'),
  tenantKind: z.enum(TENANT_KINDS),
  tenantName: thingNameInput({ max: 100, label: "a tenant's name" }),
  tenantPhone: optionalText(phoneInput),
  startsOn: dateInput(LEASE_START, { label: 'the first day' }),
  endsOn: dateInput(LEASE_END, { label: 'the last day' }),
  monthlyRent: moneyInput('positive', 'a monthly rent'),
  dueDay: z.number().int().min(1, 'a due day is 1–28 (every month has it)').max(28, 'a due day is 1–28 (every month has it)'),
});

export const payRentInput = z.object({
  rentChargeId: uuidInput('a rent charge id'),
  amount: moneyInput('positive', 'a payment'),
  paidOn: dateInput(PAST_DAY, { label: 'the day of payment' }),
});

export const reduceRentChargeInput = z.object({
  rentChargeId: uuidInput('a rent charge id'),
  amount: moneyInput('positive', 'a reduction'),
  reducedOn: dateInput(PAST_DAY, { label: 'the day of the reduction' }),
  reason: noteInput({ min: 2, label: 'a reason' }),
});

export const terminateLeaseInput = z.object({
  leaseId: uuidInput('a lease id'),
  lastDay: dateInput(LEASE_END, { label: 'the last day' }),
  reason: noteInput({ min: 2, label: 'a reason' }),
});

export { monthInput };

export const raiseRentChargesInput = z.object({
  leaseId: uuidInput('a lease id'),
  throughMonth: monthInput,
});

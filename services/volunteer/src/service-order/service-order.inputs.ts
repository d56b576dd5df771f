import { freeTextInput, noteInput, optionalText, regionCodeInput, uuidInput } from '@gg/shared';
import { z } from 'zod';
import { MAX_TRANSFER_MINUTES } from '../time-bank/time-bank.rules';
import { MAX_RATING, MIN_RATING, SERVICE_CATEGORIES, serviceOrderPolicySchema } from './service-order.rules';

const orderId = uuidInput('a service order id');

export const placeServiceOrderInput = z.object({
  category: z.enum(SERVICE_CATEGORIES),
  description: freeTextInput({ label: 'a description', min: 2, max: 500 }),
  regionCode: regionCodeInput(['COMMUNITY'], 'a service order'),
  gridId: uuidInput('a grid id').nullish(),
  // The app generates one per order (a UUID is ideal) and sends it again on every retry.
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, "an idempotency key is 8–100 letters, digits, '-' or '_'")
    .nullish()
    .transform((v) => v ?? null),
});

export type PlaceServiceOrderInput = z.infer<typeof placeServiceOrderInput>;

export const dispatchServiceOrderInput = z.object({
  orderId,
  takerId: uuidInput('a service taker id'),
  note: optionalText(noteInput({ label: 'a note', max: 500 })),
});

/** An accept names the order only: who acts is the caller. */
export const orderStepInput = z.object({ orderId });

/** The taker reports the order done with the minutes they served (credited once the resident rates it). */
export const completeServiceOrderInput = z.object({
  orderId,
  minutesServed: z
    .number()
    .int('whole minutes')
    .min(1, 'at least 1 minute')
    .max(MAX_TRANSFER_MINUTES, `at most ${MAX_TRANSFER_MINUTES} minutes (one day)`),
});

/** A decline and a cancellation say why. */
export const declineServiceOrderInput = z.object({ orderId, reason: freeTextInput({ label: 'a reason', min: 2, max: 500 }) });

export const rateServiceOrderInput = z.object({
  orderId,
  rating: z
    .number()
    .int('a rating is a whole number of stars')
    .min(MIN_RATING, `at least ${MIN_RATING} star`)
    .max(MAX_RATING, `at most ${MAX_RATING} stars`),
  comment: optionalText(freeTextInput({ label: 'a comment', min: 1, max: 500 })),
});

export const setServiceOrderPolicyInput = serviceOrderPolicySchema.extend({ countyCode: regionCodeInput(['COUNTY'], 'a county') });

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Redemption codes (兑换码): what the redeemer shows at the shop. A code is the redemption's id and an
 * HMAC-SHA256 signature of it under a key of the service, so a made-up or altered code is refused
 * before the database is asked; the redemption row then says whose shop it is and whether it was
 * used. Pure: the key is given.
 */

const SIGNATURE_CHARACTERS = 22; // 132 bits of base64url

/** The key for codes, derived from the service's keyed-hash secret (never the secret itself). */
export function redemptionCodeKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('merchant-redemption-code:v1').digest();
}

function signatureOf(redemptionId: string, key: Buffer): string {
  return createHmac('sha256', key).update(`redemption:${redemptionId.toLowerCase()}`).digest('base64url').slice(0, SIGNATURE_CHARACTERS);
}

export function signRedemptionCode(redemptionId: string, key: Buffer): string {
  return `${redemptionId.toLowerCase()}.${signatureOf(redemptionId, key)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The redemption id a code was signed for, or null when the code is malformed or its signature wrong. */
export function redemptionIdOfCode(code: string, key: Buffer): string | null {
  const [id, signature, ...rest] = code.trim().split('.');
  if (!id || !signature || rest.length > 0 || !UUID.test(id)) return null;
  const expected = Buffer.from(signatureOf(id, key));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** A reward's price in time-bank minutes: at least one minute, at most 100 hours. */
export const MAX_PRICE_MINUTES = 6000;
export const MAX_STOCK = 100_000;

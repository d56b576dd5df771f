import type { RegionLevel } from '@gg/shared';

/** A company is registered at a county or lower: a county, a street or a community. */
export const COMPANY_REGION_LEVELS = ['COUNTY', 'STREET', 'COMMUNITY'] as const satisfies readonly RegionLevel[];

// ─── Unified social credit code (统一社会信用代码, GB 32100-2015) ──────────────

/** The 31 characters a credit code may use, in value order: I, O, Z, S and V are left out to avoid misreading. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (3^(i−1) mod 31), fixed by the standard. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authorities of position 1: 1–9 and A–G for the named authorities, Y for "other". */
const REGISTRATION_AUTHORITIES = '123456789ABCDEFGY';

/** Upper case and trimmed: codes are printed in upper case, people type them in either. */
export function normaliseCreditCode(value: string): string {
  return value.trim().toUpperCase();
}

/** The check character (position 18) for the first 17 characters, which must come from the charset. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  // 31 − (sum mod 31) is 1..31; the standard writes 31 as 0.
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * Why a (normalised) code is not a valid unified social credit code, or undefined when it is.
 * The reason names the problem: length, an illegal character (and where), the registration
 * authority, the division code, or the check character (with the expected one).
 */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return `a unified social credit code has 18 characters, not ${code.length}`;
  for (let i = 0; i < code.length; i += 1) {
    if (!CREDIT_CODE_CHARSET.includes(code[i]!)) {
      return `character ${i + 1} ("${code[i]}") is not allowed in a unified social credit code (I, O, Z, S, V and punctuation never appear)`;
    }
  }
  if (!REGISTRATION_AUTHORITIES.includes(code[0]!)) return `character 1 ("${code[0]}") is not a registration authority (1–9, A–G or Y)`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return `characters 3–8 ("${code.slice(2, 8)}") must be the 6-digit administrative division code`;
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `the check character is "${code[17]}" but the first 17 characters require "${expected}"`;
  return undefined;
}

/**
 * The community share rate (集体提留比例) as people write it: a percentage with at most two decimals,
 * 0–100 ("20", "12.5", "12.50"), kept exactly as basis points (2000 = 20%). Pure, bigint only: no
 * floating point touches a rate that decides residents' dividends.
 */

import { BASIS_POINTS } from './distribution.rules';

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** Basis points of a percentage text, or why it is refused. */
export function basisPointsOf(percent: string): { basisPoints: bigint } | { problem: string } {
  const match = PERCENT.exec(percent);
  if (!match)
    return { problem: 'a rate is a percentage from 0 to 100 with at most two decimals, e.g. "20" or "12.5" (no sign, exponent or % sign)' };
  const basisPoints = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (basisPoints > BASIS_POINTS) return { problem: `a rate is at most 100%, not ${percent}%` };
  return { basisPoints };
}

/** A rate in basis points as a percentage with two decimals: 2000n → "20.00". */
export function percentOf(basisPoints: bigint): string {
  const fraction = String(basisPoints % 100n).padStart(2, '0');
  return `${basisPoints / 100n}.${fraction}`;
}

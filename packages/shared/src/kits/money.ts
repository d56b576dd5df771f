import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { ValueTransformer } from 'typeorm';
import { z } from 'zod';
import { ErrorCode } from '../errors';

/**
 * Money, exact: integer fen (分, 1/100 yuan) as a `bigint` everywhere in code and in the database,
 * a decimal string of yuan in the API ("1234.56", "-0.50", "12"). No floating-point number ever
 * holds an amount: 0.1 + 0.2 is not 0.3 in binary floating point, and residents' dividends must
 * add up to the fen. Text is parsed digit by digit; arithmetic is bigint only (a test scans the
 * money code for Number arithmetic).
 *
 * The scalar refuses malformed text ("1,000", "1e3", " 1"), more than two decimals ("1.234"),
 * numbers (JSON numbers are binary floats) and amounts beyond `MAX_MONEY_FEN`; each field then
 * states its sign with `moneyInput` (most amounts may not be negative, some not zero).
 */

/** The largest amount the graph records: 15 digits of fen (under 10 trillion yuan), far inside a Postgres bigint. */
export const MAX_MONEY_FEN = 999_999_999_999_999n;

const MONEY_PATTERN = /^(-)?(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

/** Integer fen of a decimal amount of yuan ("1234.56" → 123456n), or why the text is not one. */
export function parseMoney(text: string): { fen: bigint } | { problem: string } {
  const match = MONEY_PATTERN.exec(text);
  if (!match) {
    if (/^-?\d+\.\d{3,}$/.test(text)) return { problem: `${text} has more than two decimals: money is exact to the fen (0.01)` };
    return { problem: `${text} is not an amount: digits with at most two decimals, e.g. "1234.56" or "-0.50"` };
  }
  const [, sign, yuan, decimals = ''] = match;
  const magnitude = BigInt(yuan!) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (magnitude > MAX_MONEY_FEN) return { problem: `${text} is beyond the largest amount recorded (${formatMoney(MAX_MONEY_FEN)})` };
  return { fen: sign ? -magnitude : magnitude };
}

/** A decimal string of yuan with exactly two decimals (123456n → "1234.56", -5n → "-0.05"). */
export function formatMoney(fen: bigint): string {
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;
  const yuan = magnitude / 100n;
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan.toString()}.${cents}`;
}

const invalid = (message: string, node?: ValueNode) =>
  new GraphQLError(message, { nodes: node, extensions: { code: ErrorCode.BAD_USER_INPUT } });

function parseMoneyValue(value: unknown, node?: ValueNode): bigint {
  // A JSON number is a binary float already: 0.1 arrives as 0.1000000000000000055…; only text is exact.
  if (typeof value !== 'string') throw invalid('Money is written as a string of yuan, e.g. "1234.56"', node);
  const parsed = parseMoney(value);
  if ('problem' in parsed) throw invalid(`Not Money: ${parsed.problem}`, node);
  return parsed.fen;
}

/** The `Money` scalar: "1234.56" in the API, integer fen (`bigint`) in resolvers. */
export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description: 'An exact amount of yuan as a decimal string with at most two decimals, e.g. "1234.56"; answered with two.',
  serialize(value) {
    if (typeof value === 'bigint') return formatMoney(value);
    // The pg driver returns bigint columns as strings of digits: exact, so they are accepted too.
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return formatMoney(BigInt(value));
    throw new TypeError('Money is answered from integer fen (a bigint)');
  },
  parseValue: (value) => parseMoneyValue(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalid('Money is written as a string of yuan, e.g. "1234.56"', ast);
    return parseMoneyValue(ast.value, ast);
  },
});

/** Which amounts a money field accepts. */
export type MoneySign = 'positive' | 'non-negative' | 'any';

/**
 * A `Money` input field (already integer fen from the scalar) with its sign, e.g. a rent
 * `moneyInput('positive', 'a monthly rent')`: a negative or zero amount is refused naming the field.
 */
export function moneyInput(sign: MoneySign, label = 'an amount') {
  return z.bigint().superRefine((fen, context) => {
    if (sign === 'positive' && fen <= 0n)
      context.addIssue({ code: 'custom', message: `${label} is more than zero, not ${formatMoney(fen)}`, input: fen });
    if (sign === 'non-negative' && fen < 0n)
      context.addIssue({ code: 'custom', message: `${label} may not be negative (${formatMoney(fen)})`, input: fen });
  });
}

/** A TypeORM transformer for bigint fen columns: the driver reads digits as a string, code holds a bigint. */
export const FEN_COLUMN: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

/** The sum of amounts in fen (bigint only). */
export function sumFen(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

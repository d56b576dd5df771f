import fc from 'fast-check';
import { execute, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { formatMoney, MAX_MONEY_FEN, moneyInput, MoneyScalar, parseMoney } from '../src/kits/money';

const fenArbitrary = fc.bigInt({ min: -MAX_MONEY_FEN, max: MAX_MONEY_FEN });

describe('Money kit', () => {
  it('reads yuan to integer fen exactly', () => {
    expect(parseMoney('1234.56')).toEqual({ fen: 123456n });
    expect(parseMoney('12')).toEqual({ fen: 1200n });
    expect(parseMoney('0.5')).toEqual({ fen: 50n });
    expect(parseMoney('-0.05')).toEqual({ fen: -5n });
    expect(parseMoney('9999999999999.99')).toEqual({ fen: MAX_MONEY_FEN });
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in fen it is 30.
    const tenth = parseMoney('0.1') as { fen: bigint };
    const fifth = parseMoney('0.2') as { fen: bigint };
    expect(formatMoney(tenth.fen + fifth.fen)).toBe('0.30');
  });

  it.each([
    ['1.234', /more than two decimals/],
    ['0.001', /more than two decimals/],
    ['1e3', /not an amount/],
    ['1,000.00', /not an amount/],
    [' 1.00', /not an amount/],
    ['+1.00', /not an amount/],
    ['01.00', /not an amount/],
    ['1.', /not an amount/],
    ['.5', /not an amount/],
    ['', /not an amount/],
    ['NaN', /not an amount/],
    ['Infinity', /not an amount/],
    ['10000000000000.00', /beyond the largest amount/],
  ])('refuses %j', (text, problem) => {
    const parsed = parseMoney(text);
    expect('problem' in parsed && parsed.problem).toMatch(problem);
  });

  it('formats every amount so that parsing gives it back (round trip, generated)', () => {
    fc.assert(
      fc.property(fenArbitrary, (fen) => {
        const text = formatMoney(fen);
        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        expect(parseMoney(text)).toEqual({ fen });
      }),
    );
  });

  it('is a scalar that refuses numbers and bad text before any resolver runs, and answers with two decimals', async () => {
    let received: unknown;
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          echo: {
            type: MoneyScalar,
            args: { amount: { type: MoneyScalar } },
            resolve: (_, args: { amount: bigint }) => {
              received = args.amount;
              return args.amount;
            },
          },
          stored: { type: MoneyScalar, resolve: () => '-250' },
          name: { type: GraphQLString },
        },
      }),
    });
    const run = (source: string, variableValues?: Record<string, unknown>) => execute({ schema, document: parse(source), variableValues });
    const ok = await run('query ($a: Money) { echo(amount: $a) stored }', { a: '35.5' });
    expect(ok.errors).toBeUndefined();
    expect(received).toBe(3550n);
    expect(ok.data).toEqual({ echo: '35.50', stored: '-2.50' });
    for (const bad of [12.5, '12.345', 'abc', true]) {
      const refused = await run('query ($a: Money) { echo(amount: $a) }', { a: bad });
      expect(refused.errors?.[0]?.message).toMatch(/Money/);
    }
    expect(() => MoneyScalar.parseLiteral({ kind: 'IntValue', value: '12' } as never)).toThrow(/string/);
  });

  it('states the sign a field accepts', () => {
    expect(moneyInput('positive', 'a rent').safeParse(0n).error?.issues[0]?.message).toBe('a rent is more than zero, not 0.00');
    expect(moneyInput('non-negative').safeParse(-1n).error?.issues[0]?.message).toMatch(/may not be negative \(-0.01\)/);
    expect(moneyInput('non-negative').safeParse(0n).success).toBe(true);
    expect(moneyInput('any').safeParse(-1n).success).toBe(true);
    expect(moneyInput('positive').safeParse('12' as never).success).toBe(false);
  });
});

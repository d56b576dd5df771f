import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { QUERY_LIMITS, queryLimitsRule } from '../src/limits';

const schema = buildSchema(`
  type Region { code: ID! parent: Region children: [Region!]! }
  type Query { region(code: ID!): Region }
`);
const check = (query: string) => validate(schema, parse(query), [...specifiedRules, queryLimitsRule]).map((e) => e.extensions?.limit);

describe('query limits', () => {
  it('lets an ordinary query through', () => {
    expect(check('{ region(code: "52") { code children { code children { code } } } }')).toEqual([]);
  });

  it('refuses depth beyond the limit, through fragments too', () => {
    const deep = `{ region(code: "52") { ${'parent { '.repeat(QUERY_LIMITS.maxDepth)}code${' }'.repeat(QUERY_LIMITS.maxDepth)} } }`;
    expect(check(deep)).toContain('maxDepth');
    const viaFragment = `fragment P on Region { ${'parent { '.repeat(QUERY_LIMITS.maxDepth)}code${' }'.repeat(QUERY_LIMITS.maxDepth)} }
      { region(code: "52") { ...P } }`;
    expect(check(viaFragment)).toContain('maxDepth');
  });

  it('refuses too many aliases and too many root fields', () => {
    const aliases = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: code`).join(' ');
    expect(check(`{ region(code: "52") { ${aliases} } }`)).toContain('maxAliases');
    const roots = Array.from({ length: QUERY_LIMITS.maxRootFields + 1 }, (_, i) => `r${i}: region(code: "52") { code }`).join(' ');
    expect(check(`{ ${roots} }`)).toContain('maxRootFields');
  });
});

import { graphqlOutsideWalkthroughs, readWalkthroughs, valuesOf } from './readme-walkthroughs';

/** How the walkthrough test reads the README: what a README writer can rely on. */
describe('reading README walkthroughs', () => {
  const readme = [
    'Tokens: `npm run token -- --role COUNTY_ADMIN --region 520201`.',
    '',
    '<!-- walkthrough: a story -->',
    '```bash',
    'npm run token -- --role RESIDENT --region 520201001001 --sub wang',
    'curl -s http://localhost:4000/graphql \\',
    '  -d x',
    '```',
    '```graphql',
    '# RESIDENT → REPORTED, UNIT, now + 72 h',
    'mutation { reportCase(input: {}) { id } }',
    'mutation { acceptCase(input: { caseId: "…" }) { status } }   # COUNTY_ADMIN → ACCEPTED',
    '{ case(id: "…") { id } }   # RESIDENT (or COUNTY_ADMIN): the history',
    '```',
    '<!-- /walkthrough -->',
    '```graphql',
    '{ outside }',
    '```',
    'Later: `npm run token -- --role RESIDENT --region 52`.',
  ].join('\n');

  it('finds each walkthrough with its steps in order', () => {
    const [story] = readWalkthroughs(readme);
    expect(story!.name).toBe('a story');
    expect(story!.steps.map((s) => s.kind)).toEqual(['command', 'command', 'operation', 'operation', 'operation']);
    expect(story!.steps[1]).toMatchObject({ kind: 'command', makesToken: false, text: 'curl -s http://localhost:4000/graphql -d x' });
  });

  it("takes each operation's role from its comment, the token from the README's latest command for that role, and the expected values after →", () => {
    const operations = readWalkthroughs(readme)[0]!.steps.filter((s) => s.kind === 'operation');
    expect(operations.map((o) => [o.role, o.token?.command, o.expected, o.mutation])).toEqual([
      ['RESIDENT', 'npm run token -- --role RESIDENT --region 520201001001 --sub wang', ['REPORTED', 'UNIT'], true],
      ['COUNTY_ADMIN', 'npm run token -- --role COUNTY_ADMIN --region 520201', ['ACCEPTED'], true],
      ['RESIDENT', 'npm run token -- --role RESIDENT --region 520201001001 --sub wang', [], false],
    ]);
  });

  it('reads a refusal the README shows: its code, and the field it names when given', () => {
    const refusals = [
      '<!-- walkthrough: refusals -->',
      '```graphql',
      'mutation { payRent(input: {}) { id } }  # COUNTY_ADMIN → refused: BAD_USER_INPUT on input.amount (more than is owed)',
      'mutation { approve(input: {}) { id } }  # CITY_ADMIN → refused FORBIDDEN',
      'mutation { payRent(input: {}) { id } }  # COUNTY_ADMIN → PAID',
      '```',
      '<!-- /walkthrough -->',
    ].join('\n');
    const operations = readWalkthroughs(refusals)[0]!.steps.filter((s) => s.kind === 'operation');
    expect(operations.map((o) => [o.refused, o.expected])).toEqual([
      [{ code: 'BAD_USER_INPUT', field: 'input.amount' }, []],
      [{ code: 'FORBIDDEN', field: undefined }, []],
      [undefined, ['PAID']],
    ]);
  });

  it('lists GraphQL examples outside every walkthrough', () => {
    expect(graphqlOutsideWalkthroughs(readme)).toEqual(['{ outside }\n']);
  });

  it('collects every value of an answer', () => {
    expect(valuesOf({ a: { status: 'CLOSED', list: [{ n: 1 }] } })).toEqual(['CLOSED', 1]);
  });
});

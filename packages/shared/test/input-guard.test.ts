import 'reflect-metadata';
import { signGatewayIdentity, subgraphSecretOf } from '../src';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '../src/testing';
import { collectiveEconomyService } from '../../../services/collective-economy/src/service';

/**
 * The platform guard, on a real subgraph: what no zod schema parses (ids, region codes, query
 * arguments) is refused before any resolver runs, and every refusal names the argument and is
 * answered with HTTP 200 so the gateway passes it on instead of turning it into a server error.
 */
describe('the input guard of every subgraph', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(collectiveEconomyService);
  });
  afterAll(() => subgraph.stop());

  const CREATE = 'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }';
  const valid = { name: '守卫测试合作社', regionCode: '520201001001', foundedOn: '2020-01-01' };

  /** Posts as the gateway would and returns the HTTP status with the body. */
  async function post(query: string, variables: Record<string, unknown> = {}) {
    const identity = testIdentity({ regionScopes: ['520201'] });
    const response = await fetch(subgraph.subgraph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gateway-identity': await signGatewayIdentity(identity, 'collective-economy', subgraphSecretOf('collective-economy', {}, 'test')),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    return { status: response.status, body };
  }

  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001B'],
    ['BEL', '\u0007'],
    ['RLO', '\u202E'],
    ['lone surrogate', '\uD800'],
  ])('refuses %s in an id or code no schema parses, naming the argument', async (_name, character) => {
    const inVariable = await post(CREATE, { i: { ...valid, regionCode: `520201001001${character}` } });
    expect(inVariable.status).toBe(200);
    expect(inVariable.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    expect(inVariable.body.data ?? null).toBeNull();

    const inQuery = await post('query ($c: ID!) { collectiveOrganisations(regionCode: $c) { totalCount } }', { c: `5202${character}` });
    expect(inQuery.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });

    const literal = await post(`{ collectiveOrganisation(id: ${JSON.stringify(`x${character}`)}) { id } }`);
    // A GraphQL document cannot even hold a lone surrogate: it fails to parse.
    if (character === '\uD800') expect(literal.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    else expect(literal.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('names the argument inside lists and nested inputs', async () => {
    const result = await post(CREATE, { i: { ...valid, businessLines: ['RETAIL'], name: '合作\u0000社' } });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('lets line feeds and tabs through to the schema of the field (free text holds them)', async () => {
    const result = await post('query ($c: ID!) { collectiveOrganisations(regionCode: $c) { totalCount } }', { c: '5202\n\t' });
    // Refused by the region code rule, not by the guard.
    expect(result.body.errors?.[0]?.message).toMatch(/region code of 2–12 digits/);
  });

  it.each(['2025-13-01', '0000-01-01', '2025-02-30', '+02025-01-01', '2025'])(
    'refuses the impossible date %s as BAD_USER_INPUT naming the field, with HTTP 200',
    async (day) => {
      const inVariable = await post(CREATE, { i: { ...valid, foundedOn: day } });
      expect(inVariable.status).toBe(200);
      expect(inVariable.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.foundedOn' } });

      const literal = await post(
        `mutation { createCollectiveOrganisation(input: { name: "守卫测试", regionCode: "520201001001", foundedOn: "${day}" }) { id } }`,
      );
      expect(literal.status).toBe(200);
      expect(literal.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.foundedOn' });
    },
  );

  it('names the argument of a value of the wrong type', async () => {
    const result = await post(CREATE, { i: { ...valid, businessLines: 'RETAIL', registeredCapitalFen: 12 } });
    expect(result.status).toBe(200);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.registeredCapitalFen' });
  });

  it('names a required argument sent as null or left out', async () => {
    const query = 'query ($c: ID!) { collectiveOrganisations(regionCode: $c) { totalCount } }';
    for (const variables of [{ c: null }, {}]) {
      const result = await post(query, variables);
      expect(result.status).toBe(200);
      expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    }
  });

  it('names the argument of a literal of the wrong type (a validation error)', async () => {
    const result = await post(
      'mutation { createCollectiveOrganisation(input: { name: 5, regionCode: "520201001001", foundedOn: "2020-01-01" }) { id } }',
    );
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'input.name' });
  });

  it('leaves other refusals as they are (a refused write is still answered)', async () => {
    const result = await post(CREATE, { i: { ...valid, regionCode: '123' } });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
  });
});

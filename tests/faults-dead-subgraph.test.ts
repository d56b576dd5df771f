import { startSubgraph, subgraphSecretOf, type RunningSubgraph, type ServiceName } from '@gg/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningPlatform } from '../scripts/platform';
import { SERVICES } from '../scripts/services';
import { gql, randomCreditCode, randomGridCode, seedCommunity, startTestPlatform, testEnv, tokenFor } from './helpers';

/** The README's one query across all five subgraphs, with the demo community's code as a variable. */
function readmeRegionQuery(): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('region(code: "'));
  if (!block) throw new Error('The README has no region query');
  return block.replace(/region\(code: "\d+"\)/, 'region(code: $code)').replace(/^((?:\s*#.*\n)*)\s*\{/, '$1query ($code: ID!) {');
}

/** The Region field each subgraph contributes in the README query. */
const CONTRIBUTED: Array<[ServiceName, string]> = [
  ['grid', 'grids'],
  ['volunteer', 'volunteerTeams'],
  ['property', 'propertyCompanies'],
  ['collective-economy', 'collectiveOrganisations'],
];

/**
 * A dead subgraph costs only the fields it contributes: the other four still answer the README's
 * region query in one request, with an error that names the dead service's field.
 */
describe('a dead subgraph', () => {
  let platform: RunningPlatform;
  let token: string;
  let community: string;
  const query = readmeRegionQuery();
  const restarts: RunningSubgraph[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    ({ community } = await seedCommunity(platform, '520201', '故障测试社区'));
    const creates: Array<[string, Record<string, unknown>]> = [
      [
        'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
        { code: randomGridCode(), name: '故障测试网格', kind: 'COMPREHENSIVE', regionCode: community },
      ],
      [
        'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }',
        { name: '故障测试志愿队', category: 'RED', regionCode: community },
      ],
      [
        'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
        { name: '故障测试物业', creditCode: randomCreditCode(), regionCode: community },
      ],
      [
        'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
        {
          name: '故障测试合作社',
          regionCode: community,
          foundedOn: '2024-03-01',
          businessLines: ['HOUSEKEEPING'],
          registeredCapitalFen: '100',
        },
      ],
    ];
    for (const [mutation, input] of creates) expect((await gql(platform, token, mutation, { i: input })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await platform.stop();
    // The platform's stop list holds the first servers; the restarted ones are closed here.
    for (const restarted of restarts) await restarted.stop();
  });

  it('answers every field while all five are up', async () => {
    const result = await gql<{ region: Record<string, { edges: unknown[] }> }>(platform, token, query, { code: community });
    expect(result.errors).toBeUndefined();
    for (const [, field] of CONTRIBUTED) expect(result.data!.region[field]!.edges).toHaveLength(1);
  });

  it.each(CONTRIBUTED)('answers the rest when %s is stopped', async (service, field) => {
    const running = platform.subgraphs[service];
    await running.stop();
    try {
      const result = await gql<{ region: Record<string, unknown> | null }>(platform, token, query, { code: community });
      expect(result.status).toBe(200);
      const region = result.data!.region!;
      expect(region).toMatchObject({ name: '故障测试社区', level: 'COMMUNITY', parent: { name: '测试街道' } });
      expect(region[field]).toBeNull();
      for (const [other, otherField] of CONTRIBUTED) {
        if (other !== service) expect((region[otherField] as { edges: unknown[] }).edges).toHaveLength(1);
      }
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', service } });
      expect(result.errors![0]!.message).toContain(`The ${service} service is unavailable`);
    } finally {
      // Back on the same port, so the gateway's URL for it is right again for the next case.
      const definition = SERVICES.find((s) => s.name === service)!;
      const restarted = await startSubgraph(
        {
          service,
          typeDefs: definition.typeDefs,
          resolvers: definition.resolvers,
          access: definition.access,
          foreignEntities: definition.foreignEntities,
          dataSource: platform.dataSources[service],
          secret: subgraphSecretOf(service, process.env, testEnv.NODE_ENV),
          redisUrl: testEnv.REDIS_URL,
          production: false,
        },
        running.port,
      );
      platform.subgraphs[service] = restarted;
      restarts.push(restarted);
    }
  });
});

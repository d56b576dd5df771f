import { queryCounterOf } from '@gg/shared';
import type { RunningPlatform } from '../scripts/platform';
import { gql, randomCreditCode, randomGridCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';

/** One graph over five subgraphs: records created through the gateway, read back in one query. */
describe('the federated graph', () => {
  let platform: RunningPlatform;
  let token: string;
  let community: string;
  let street: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    ({ street, community } = await seedCommunity(platform, '520201', '联邦测试社区'));
    const creates: Array<[string, Record<string, unknown>]> = [
      [
        'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
        { name: '联邦测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street },
      ],
      [
        'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
        { code: randomGridCode(), name: '联邦测试第一网格', kind: 'COMPREHENSIVE', regionCode: community },
      ],
      [
        'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }',
        { name: '红色宣讲志愿服务队', category: 'RED', regionCode: community, skills: ['宣讲'] },
      ],
      [
        'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
        { name: '凉都红色物业有限公司', creditCode: randomCreditCode(), regionCode: community },
      ],
      [
        'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
        {
          name: '联邦测试家政合作社',
          regionCode: community,
          foundedOn: '2024-03-01',
          businessLines: ['HOUSEKEEPING'],
          registeredCapitalFen: '35000000',
        },
      ],
    ];
    for (const [mutation, input] of creates) {
      const result = await gql(platform, token, mutation, { i: input });
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(() => platform.stop());

  it('answers one query that touches all five subgraphs', async () => {
    const result = await gql<{ region: Record<string, unknown> }>(
      platform,
      token,
      `query ($code: ID!) { region(code: $code) {
          name level parent { name parent { name } }
          partyOrganisations { edges { node { name } } }
          children { name grids { edges { node { name region { name } } } } volunteerTeams { edges { node { name } } } propertyCompanies { edges { node { name } } } collectiveOrganisations { edges { node { name registeredCapitalFen } } } }
        } }`,
      { code: street },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.region).toEqual({
      name: '测试街道',
      level: 'STREET',
      parent: { name: '钟山区', parent: { name: '六盘水市' } },
      partyOrganisations: { edges: [{ node: { name: '联邦测试街道党工委' } }] },
      children: [
        {
          name: '联邦测试社区',
          grids: { edges: [{ node: { name: '联邦测试第一网格', region: { name: '联邦测试社区' } } }] },
          volunteerTeams: { edges: [{ node: { name: '红色宣讲志愿服务队' } }] },
          propertyCompanies: { edges: [{ node: { name: '凉都红色物业有限公司' } }] },
          collectiveOrganisations: { edges: [{ node: { name: '联邦测试家政合作社', registeredCapitalFen: '35000000' } }] },
        },
      ],
    });
  });

  it('batches region fields: one SQL statement per subgraph for many regions', async () => {
    const more = await Promise.all([1, 2, 3].map(() => seedCommunity(platform, '520201')));
    for (const { community: code } of more) {
      await gql(platform, token, 'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
        i: { code: randomGridCode(), name: '批量测试网格', kind: 'COMPREHENSIVE', regionCode: code },
      });
    }
    // Every service also polls the outboxes it follows in the background: count only the statements on
    // the records the fields read (grids, teams).
    const grid = jest.spyOn(queryCounterOf(platform.dataSources.grid), 'logQuery');
    const volunteer = jest.spyOn(queryCounterOf(platform.dataSources.volunteer), 'logQuery');
    // One list of regions: the gateway sends their representations to each subgraph in one fetch.
    const result = await gql<{ regions: Array<{ code: string; grids: { edges: unknown[] } }> }>(
      platform,
      token,
      '{ regions(level: COMMUNITY) { code grids { edges { node { code } } } volunteerTeams { edges { node { name } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const byCode = new Map(result.data!.regions.map((r) => [r.code, r.grids.edges.length]));
    expect(more.map((m) => byCode.get(m.community))).toEqual([1, 1, 1]);
    expect(result.data!.regions.length).toBeGreaterThanOrEqual(4);
    expect(grid.mock.calls.filter(([sql]) => /"grid"\."grid"\s/.test(sql))).toHaveLength(1);
    expect(volunteer.mock.calls.filter(([sql]) => sql.includes('"volunteer_team"'))).toHaveLength(1);
    grid.mockRestore();
    volunteer.mockRestore();
  });
});

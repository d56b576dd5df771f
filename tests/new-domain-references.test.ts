import { randomRegionCode } from '@gg/shared/src/testing';
import type { RunningPlatform } from '../scripts/platform';
import { gql, randomCreditCode, seedCommunity, startTestPlatform, tokenFor } from './helpers';

/**
 * Through the gateway: a volunteer team, a property company or a collective organisation under a
 * well-formed region code that the organisation service never registered is refused with
 * BAD_USER_INPUT naming the field, while the same write under a registered region succeeds.
 */
describe('region references of volunteer, property and collective economy', () => {
  let platform: RunningPlatform;
  let token: string;
  let community: string;

  const CREATES: Array<[string, string, (regionCode: string) => Record<string, unknown>]> = [
    [
      'createVolunteerTeam',
      'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id region { code name } } }',
      (regionCode) => ({ name: '引用测试志愿服务队', category: 'CARE', regionCode }),
    ],
    [
      'createPropertyCompany',
      'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id region { code name } } }',
      (regionCode) => ({ name: '引用测试物业有限公司', creditCode: randomCreditCode(), regionCode }),
    ],
    [
      'createCollectiveOrganisation',
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id region { code name } } }',
      (regionCode) => ({ name: '引用测试合作社', regionCode, foundedOn: '2022-01-01' }),
    ],
  ];

  beforeAll(async () => {
    platform = await startTestPlatform();
    token = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    ({ community } = await seedCommunity(platform, '520201', '引用测试社区'));
  });
  afterAll(() => platform.stop());

  it.each(CREATES)('%s refuses a community nobody registered, and then accepts a registered one', async (field, mutation, input) => {
    const unknown = randomRegionCode(randomRegionCode('520201', 9), 12);
    const refused = await gql(platform, token, mutation, { i: input(unknown) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
    expect(refused.data).toBeNull();

    const accepted = await gql<Record<string, { region: { code: string; name: string } }>>(platform, token, mutation, {
      i: input(community),
    });
    expect(accepted.errors).toBeUndefined();
    // The region resolves through the organisation subgraph: the code stored is one it knows.
    expect(accepted.data![field]!.region).toEqual({ code: community, name: '引用测试社区' });
  });
});

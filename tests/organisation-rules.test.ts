import type { RunningPlatform } from '../scripts/platform';
import { gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';

/**
 * Issue 11's organisation rules, through the gateway: each chain level belongs to regions of its own
 * level, one street working committee per street (also under concurrency), and the configuration
 * check covers region levels.
 */

const COUNTY = '520201'; // 钟山区
const CREATE = 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id level region { code } } }';

type Created = { createPartyOrganisation: { id: string } };

describe('the Party chain through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let street: string;
  let community: string;
  let committeeId: string;

  const create = (input: Record<string, unknown>) => gql<Created>(platform, admin, CREATE, { i: input });

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    ({ street, community } = await seedCommunity(platform, COUNTY, '链条规则测试社区'));
    const committee = await create({ name: '链条规则测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    expect(committee.errors).toBeUndefined();
    committeeId = committee.data!.createPartyOrganisation.id;
  });
  afterAll(() => platform.stop());

  it('puts each chain level in regions of its own level, naming the rule and the region field', async () => {
    for (const [level, regionCode, parentId] of [
      ['STREET_WORKING_COMMITTEE', () => community, undefined],
      ['STREET_WORKING_COMMITTEE', () => COUNTY, undefined],
      ['COMMUNITY', () => street, () => committeeId],
    ] as const) {
      const refused = await create({ name: '错层党组织', level, regionCode: regionCode(), parentId: parentId?.() });
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode', rule: 'REGION_LEVEL' });
    }
    const communityOrganisation = await create({
      name: '链条规则测试社区党委',
      level: 'COMMUNITY',
      regionCode: community,
      parentId: committeeId,
    });
    expect(communityOrganisation.errors).toBeUndefined();
    // An industry committee the county lets attach loosely hangs off the street, at the street (近湖 in the demo data).
    const industry = await create({
      name: '快递物流行业党委',
      level: 'COMMUNITY',
      kind: 'INDUSTRY',
      regionCode: street,
      parentId: committeeId,
    });
    expect(industry.errors).toBeUndefined();
  });

  it('keeps one street working committee per street, even for two creates at once', async () => {
    const second = await create({ name: '第二个街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.regionCode' });

    const fresh = await seedCommunity(platform, COUNTY, '并发测试社区');
    const answers = await Promise.all(
      ['并发街道党工委甲', '并发街道党工委乙'].map((name) => create({ name, level: 'STREET_WORKING_COMMITTEE', regionCode: fresh.street })),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.find((a) => a.errors)!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.regionCode' });
    const listed = await gql<{ region: { partyOrganisations: { totalCount: number } } }>(
      platform,
      admin,
      'query ($c: ID!) { region(code: $c) { partyOrganisations { totalCount } } }',
      { c: fresh.street },
    );
    expect(listed.data!.region.partyOrganisations.totalCount).toBe(1);
  });

  it('shows the region levels of the chain and checks a configuration change against them', async () => {
    const shown = await gql<{ partyChainConfiguration: { links: Array<{ level: string; regionLevels: string[] }> } }>(
      platform,
      admin,
      'query ($c: ID!) { partyChainConfiguration(countyCode: $c) { links { level regionLevels } } }',
      { c: COUNTY },
    );
    expect(shown.data!.partyChainConfiguration.links.slice(0, 2)).toEqual([
      { level: 'STREET_WORKING_COMMITTEE', regionLevels: ['STREET'] },
      { level: 'COMMUNITY', regionLevels: ['COMMUNITY'] },
    ]);
    const countyCommittees = {
      countyCode: COUNTY,
      links: [
        { level: 'STREET_WORKING_COMMITTEE', parentLevels: [], regionLevels: ['COUNTY'] },
        { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
        { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
        { level: 'BUILDING_GROUP', parentLevels: ['GRID_BRANCH'] },
        { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['BUILDING_GROUP'] },
      ],
    };
    const CONFIGURE =
      'mutation ($i: ConfigurePartyChainInput!) { configurePartyChain(input: $i) { applied violations { organisation { id } rule } } }';
    const dryRun = await gql<{
      configurePartyChain: { applied: boolean; violations: Array<{ organisation: { id: string }; rule: string }> };
    }>(platform, admin, CONFIGURE, { i: { ...countyCommittees, dryRun: true } });
    expect(dryRun.errors).toBeUndefined();
    expect(dryRun.data!.configurePartyChain.violations).toContainEqual({ organisation: { id: committeeId }, rule: 'REGION_LEVEL' });
    const applied = await gql(platform, admin, CONFIGURE, { i: countyCommittees });
    expect(applied.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.links' });
    const after = await gql<{ partyChainConfiguration: { links: Array<{ level: string; regionLevels: string[] }> } }>(
      platform,
      admin,
      'query ($c: ID!) { partyChainConfiguration(countyCode: $c) { links { level regionLevels } } }',
      { c: COUNTY },
    );
    expect(after.data!.partyChainConfiguration.links[0]).toEqual({ level: 'STREET_WORKING_COMMITTEE', regionLevels: ['STREET'] });
  });
});

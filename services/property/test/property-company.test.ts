import { createDataSource, queryCounterOf } from '@gg/shared';
import {
  claimTestStreet,
  randomRegionCode,
  startTestSubgraph,
  testIdentity,
  pendingSchemaChanges,
  TEST_DATABASE_URL,
  type TestSubgraph,
} from '@gg/shared/src/testing';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PropertyCompany } from '../src/property-company/property-company.entity';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../src/property-company/property-company.rules';
import { propertyService } from '../src/service';

const COMPANY_FIELDS = 'id name creditCode hasPartyOrganisation partyBuildingInstructor region { code } createdAt';

const CREATE = `mutation ($input: CreatePropertyCompanyInput!) {
  createPropertyCompany(input: $input) { ${COMPANY_FIELDS} }
}`;
const BY_ID = `query ($id: ID!) { propertyCompany(id: $id) { ${COMPANY_FIELDS} } }`;
const LIST = `query ($regionCode: ID!, $first: Int, $after: String) {
  propertyCompanies(regionCode: $regionCode, first: $first, after: $after) {
    edges { cursor node { id name } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;
// Without totalCount: a page is one statement; the count is a second one, run only when asked for.
const REGION_FIELD = `query ($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on Region { code propertyCompanies(first: $first, after: $after) {
    edges { node { id name } } pageInfo { hasNextPage endCursor }
  } } }
}`;

interface Page {
  edges: Array<{ node: { id: string; name: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}
type RegionPages = { _entities: Array<{ code: string; propertyCompanies: Page }> };
const nodes = (page: Page) => page.edges.map((e) => e.node);
const COMPANY_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on PropertyCompany { id name region { code } } } }`;

interface Company {
  id: string;
  name: string;
  creditCode: string;
  hasPartyOrganisation: boolean;
  partyBuildingInstructor: string | null;
  region: { code: string };
  createdAt: string;
}

/** A fresh valid credit code in a county, so tests never collide on the platform-wide unique code. */
function randomCreditCode(county = '520201'): string {
  let organisation = '';
  for (let i = 0; i < 9; i += 1) organisation += CREDIT_CODE_CHARSET[randomInt(0, 31)];
  const body = `91${county}${organisation}`;
  return body + creditCodeCheckCharacter(body);
}

describe('property subgraph: property companies', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;
  let community: string;

  /** A new community in a new street, registered as the organisation service does, and known here once caught up. */
  async function registerCommunity(county = '520201'): Promise<string> {
    const { communities } = await claimTestStreet(organisation, county);
    await sg.catchUp();
    return communities[0]!;
  }

  const create = (input: Record<string, unknown>, identity = testIdentity()) =>
    sg.query<{ createPropertyCompany: Company }>(CREATE, { input }, identity);
  const countIn = (regionCode: string) => sg.dataSource.getRepository(PropertyCompany).countBy({ regionCode });

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    // The organisation service's schema, as claimTestStreet needs it (regions and their RegionAdded events).
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
    community = await registerCommunity();
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('shows the housing bureau the instructor masked (minimum necessary), staff whole', async () => {
    const created = await create({
      name: '遮蔽测试物业有限公司',
      creditCode: randomCreditCode(),
      regionCode: community,
      partyBuildingInstructor: '王红梅',
    });
    const id = created.data!.createPropertyCompany.id;
    const bureau = testIdentity({ roles: ['HOUSING_BUREAU'], regionScopes: ['5202'], clientKind: 'MACHINE' });
    const asBureau = await sg.query<{ propertyCompany: Company }>(BY_ID, { id }, bureau);
    expect(asBureau.errors).toBeUndefined();
    expect(asBureau.data!.propertyCompany.partyBuildingInstructor).toBe('王**');
    const asStaff = await sg.query<{ propertyCompany: Company }>(BY_ID, { id });
    expect(asStaff.data!.propertyCompany.partyBuildingInstructor).toBe('王红梅');
  });

  it('creates a company and reads it back by id, in the list and through the Region field', async () => {
    // Its own community, so the Region field holds this company alone whatever else the tests create.
    const own = await registerCommunity();
    const creditCode = randomCreditCode();
    const created = await create({
      name: '测试红色物业服务有限公司',
      creditCode: creditCode.toLowerCase(),
      regionCode: own,
      hasPartyOrganisation: true,
      partyBuildingInstructor: '王红梅',
    });
    expect(created.errors).toBeUndefined();
    const company = created.data!.createPropertyCompany;
    expect(company).toMatchObject({
      name: '测试红色物业服务有限公司',
      creditCode,
      hasPartyOrganisation: true,
      partyBuildingInstructor: '王红梅',
      region: { code: own },
    });
    expect(Number.isNaN(Date.parse(company.createdAt))).toBe(false);

    const byId = await sg.query<{ propertyCompany: Company }>(BY_ID, { id: company.id });
    expect(byId.data!.propertyCompany).toEqual(company);

    const list = await sg.query<{ propertyCompanies: Page }>(LIST, { regionCode: own.slice(0, 9) });
    expect(nodes(list.data!.propertyCompanies).map((c) => c.id)).toEqual([company.id]);
    expect(list.data!.propertyCompanies.totalCount).toBe(1);

    const region = await sg.query<RegionPages>(REGION_FIELD, { r: [{ __typename: 'Region', code: own }] });
    expect(region.errors).toBeUndefined();
    expect(nodes(region.data!._entities[0]!.propertyCompanies).map((c) => c.id)).toEqual([company.id]);
  });

  it('defaults the Party fields and orders lists and the Region field by name', async () => {
    const region = await registerCommunity();
    for (const name of ['丙物业有限公司', '甲物业有限公司', '乙物业有限公司']) {
      const result = await create({ name, creditCode: randomCreditCode(), regionCode: region });
      expect(result.errors).toBeUndefined();
      expect(result.data!.createPropertyCompany).toMatchObject({ hasPartyOrganisation: false, partyBuildingInstructor: null });
    }
    const byName = ['丙物业有限公司', '甲物业有限公司', '乙物业有限公司'].sort();
    const list = await sg.query<{ propertyCompanies: Page }>(LIST, { regionCode: region });
    expect(nodes(list.data!.propertyCompanies).map((c) => c.name)).toEqual(byName);
    const limited = await sg.query<{ propertyCompanies: Page }>(LIST, { regionCode: region, first: 2 });
    expect(nodes(limited.data!.propertyCompanies).map((c) => c.name)).toEqual(byName.slice(0, 2));
    expect(limited.data!.propertyCompanies).toMatchObject({ pageInfo: { hasNextPage: true }, totalCount: 3 });
    const field = await sg.query<RegionPages>(REGION_FIELD, { r: [{ __typename: 'Region', code: region }], first: 2 });
    expect(nodes(field.data!._entities[0]!.propertyCompanies).map((c) => c.name)).toEqual(byName.slice(0, 2));
    const rest = await sg.query<RegionPages>(REGION_FIELD, {
      r: [{ __typename: 'Region', code: region }],
      first: 2,
      after: field.data!._entities[0]!.propertyCompanies.pageInfo.endCursor,
    });
    expect(nodes(rest.data!._entities[0]!.propertyCompanies).map((c) => c.name)).toEqual(byName.slice(2));
    expect(rest.data!._entities[0]!.propertyCompanies.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses invalid input with the field named and writes nothing', async () => {
    const valid = { name: '无效输入物业有限公司', creditCode: randomCreditCode(), regionCode: community };
    const tooShort = valid.creditCode.slice(0, 17);
    const illegal = `${valid.creditCode.slice(0, 10)}O${valid.creditCode.slice(11)}`;
    const wrongCheck = valid.creditCode.slice(0, 17) + (valid.creditCode[17] === '0' ? '1' : '0');
    const before = await countIn(community);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ ...valid, name: '物' }, 'input.name', /at least 2/],
      [{ ...valid, creditCode: tooShort }, 'input.creditCode', /18 characters, not 17/],
      [{ ...valid, creditCode: illegal }, 'input.creditCode', /character 11 \("O"\) is not allowed/],
      [{ ...valid, creditCode: wrongCheck }, 'input.creditCode', /check character/],
      [{ ...valid, regionCode: '5202' }, 'input.regionCode', /county/],
      [{ ...valid, partyBuildingInstructor: '王'.repeat(51) }, 'input.partyBuildingInstructor', /at most 50/],
    ];
    for (const [input, field, reason] of cases) {
      const result = await create(input);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(reason);
    }
    expect(await countIn(community)).toBe(before);
  });

  it('refuses bad list arguments', async () => {
    const badRegion = await sg.query(LIST, { regionCode: '52%' });
    expect(badRegion.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const badFirst = await sg.query(LIST, { regionCode: '5202', first: 0 });
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await sg.query(LIST, { regionCode: '5202', after: 'bm90LWEtY3Vyc29y' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a credit code already registered anywhere on the platform', async () => {
    const creditCode = randomCreditCode();
    expect((await create({ name: '先登记物业有限公司', creditCode, regionCode: community })).errors).toBeUndefined();
    const before = await countIn(community);

    const again = await create({ name: '重复登记物业有限公司', creditCode: creditCode.toLowerCase(), regionCode: community });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.creditCode' });

    // Another county's administrator cannot register it either, though they cannot see the first record.
    const elsewhere = await create(
      { name: '桐梓重复物业有限公司', creditCode, regionCode: await registerCommunity('520322') },
      testIdentity({ regionScopes: ['520322'] }),
    );
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.creditCode' });
    expect(await countIn(community)).toBe(before);
  });

  it('refuses a write outside the caller scope and a role that may not write', async () => {
    const outsideRegion = randomRegionCode('520322001', 12);
    const outside = await create({ name: '桐梓越权物业有限公司', creditCode: randomCreditCode('520322'), regionCode: outsideRegion });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countIn(outsideRegion)).toBe(0);

    const before = await countIn(community);
    const beforeCounty = await countIn('520201');
    const resident = await create(
      { name: '居民登记物业有限公司', creditCode: randomCreditCode(), regionCode: community },
      testIdentity({ roles: ['RESIDENT'] }),
    );
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const streetStaff = await create(
      { name: '街道登记区级物业有限公司', creditCode: randomCreditCode(), regionCode: '520201' },
      testIdentity({ roles: ['STREET_STAFF'], regionScopes: [community.slice(0, 9)] }),
    );
    expect(streetStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countIn(community)).toBe(before);
    expect(await countIn('520201')).toBe(beforeCounty);
  });

  it('hides a company from a caller scoped to another county', async () => {
    const created = await create({ name: '钟山可见物业有限公司', creditCode: randomCreditCode(), regionCode: community });
    const id = created.data!.createPropertyCompany.id;
    const tongzi = testIdentity({ regionScopes: ['520322'] });

    const byId = await sg.query<{ propertyCompany: Company | null }>(BY_ID, { id }, tongzi);
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.propertyCompany).toBeNull();

    const list = await sg.query<{ propertyCompanies: Page }>(LIST, { regionCode: '52', first: 500 }, tongzi);
    expect(list.errors).toBeUndefined();
    expect(nodes(list.data!.propertyCompanies).map((c) => c.id)).not.toContain(id);

    const entities = await sg.query<{ _entities: Array<{ id: string } | null> }>(
      COMPANY_ENTITIES,
      { r: [{ __typename: 'PropertyCompany', id }] },
      tongzi,
    );
    expect(entities.data!._entities).toEqual([null]);

    const field = await sg.query<RegionPages>(REGION_FIELD, { r: [{ __typename: 'Region', code: community }] }, tongzi);
    expect(field.data!._entities[0]!.propertyCompanies.edges).toEqual([]);

    // The same caller scoped to Zhongshan does see it, so the checks above are about scope.
    const own = await sg.query<{ _entities: Array<{ id: string } | null> }>(COMPANY_ENTITIES, {
      r: [{ __typename: 'PropertyCompany', id }],
    });
    expect(own.data!._entities).toEqual([{ id, name: '钟山可见物业有限公司', region: { code: community } }]);
  });

  it('resolves references and Region fields in one statement per batch', async () => {
    const region = await registerCommunity();
    const ids: string[] = [];
    for (const name of ['批量一物业有限公司', '批量二物业有限公司', '批量三物业有限公司']) {
      const result = await create({ name, creditCode: randomCreditCode(), regionCode: region });
      ids.push(result.data!.createPropertyCompany.id);
    }
    const counter = queryCounterOf(sg.dataSource);

    let before = counter.count;
    const representations = [...ids, '00000000-0000-4000-8000-00000000ffff', 'not-a-uuid'].map((id) => ({
      __typename: 'PropertyCompany',
      id,
    }));
    const entities = await sg.query<{ _entities: Array<{ id: string } | null> }>(COMPANY_ENTITIES, { r: representations });
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities.map((e) => e?.id ?? null)).toEqual([...ids, null, null]);
    expect(counter.count - before).toBe(1);

    before = counter.count;
    const field = await sg.query<RegionPages>(REGION_FIELD, {
      r: [region, region.slice(0, 9), community].map((code) => ({ __typename: 'Region', code })),
    });
    expect(field.errors).toBeUndefined();
    expect(field.data!._entities[0]!.propertyCompanies.edges).toHaveLength(3);
    expect(field.data!._entities[1]!.propertyCompanies.edges).toHaveLength(3);
    expect(counter.count - before).toBe(1);
  });
});

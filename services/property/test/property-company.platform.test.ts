import { createDataSource, OutboxMessage } from '@gg/shared';
import {
  claimTestStreet,
  randomRegionCode,
  startTestSubgraph,
  testIdentity,
  TEST_DATABASE_URL,
  type TestSubgraph,
} from '@gg/shared/src/testing';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AnnouncePropertyCompanies1764500000400 } from '../src/migrations/1764500000400-AnnouncePropertyCompanies';
import { PropertyCompany } from '../src/property-company/property-company.entity';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../src/property-company/property-company.rules';
import { propertyService } from '../src/service';

const COMPANY_FIELDS = 'id name creditCode hasPartyOrganisation partyBuildingInstructor region { code } createdAt';

const CREATE = `mutation ($input: CreatePropertyCompanyInput!) {
  createPropertyCompany(input: $input) { ${COMPANY_FIELDS} }
}`;
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

describe('property companies on the platform: region references, events, pages', () => {
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

  it('pages through every company exactly once while companies are added between pages, in the query and the Region field', async () => {
    const region = await registerCommunity();
    const original: string[] = [];
    for (const letter of ['B', 'D', 'F', 'H', 'J']) {
      const result = await create({ name: `分页${letter}物业有限公司`, creditCode: randomCreditCode(), regionCode: region });
      original.push(result.data!.createPropertyCompany.id);
    }
    async function walk(page: (after: string | null) => Promise<Page>, round: string): Promise<string[]> {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; ; i++) {
        const current = await page(after);
        seen.push(...nodes(current).map((c) => c.id));
        if (!current.pageInfo.hasNextPage) return seen;
        after = current.pageInfo.endCursor;
        // One before the cursor (never to be shown) and one after it (shown once, later).
        for (const mark of ['A', 'Z'])
          expect(
            (await create({ name: `分页${round}${mark}${i}物业有限公司`, creditCode: randomCreditCode(), regionCode: region })).errors,
          ).toBeUndefined();
      }
    }
    const viaQuery = await walk(
      async (after) => (await sg.query<{ propertyCompanies: Page }>(LIST, { regionCode: region, first: 2, after })).data!.propertyCompanies,
      '1',
    );
    const viaRegion = await walk(
      async (after) =>
        (await sg.query<RegionPages>(REGION_FIELD, { r: [{ __typename: 'Region', code: region }], first: 2, after })).data!._entities[0]!
          .propertyCompanies,
      '2',
    );
    for (const seen of [viaQuery, viaRegion]) {
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(original));
    }
  });

  it('refuses a well-formed region code nobody registered, naming the field, and writes nothing', async () => {
    const unknown = [randomRegionCode('520201', 9), `${community.slice(0, 9)}999`];
    for (const regionCode of unknown) {
      const result = await create({ name: '无名地区物业有限公司', creditCode: randomCreditCode(), regionCode });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
      expect(await countIn(regionCode)).toBe(0);
    }
  });

  it('announces a registered company with PropertyCompanyRegistered, and backfills companies registered before the outbox', async () => {
    const created = await create({ name: '事件测试物业有限公司', creditCode: randomCreditCode(), regionCode: community });
    const id = created.data!.createPropertyCompany.id;
    const eventsOf = (companyId: string) =>
      sg.dataSource.getRepository(OutboxMessage).findBy({ name: 'PropertyCompanyRegistered', aggregateId: companyId });
    expect((await eventsOf(id)).map((e) => e.payload)).toEqual([{ id, regionCode: community }]);

    const old = await sg.dataSource
      .getRepository(PropertyCompany)
      .save({ name: '老物业有限公司', creditCode: randomCreditCode(), regionCode: community });
    expect(await eventsOf(old.id)).toEqual([]);
    for (let run = 0; run < 2; run++) {
      const runner = sg.dataSource.createQueryRunner();
      await runner.startTransaction();
      await new AnnouncePropertyCompanies1764500000400().up(runner);
      await runner.commitTransaction();
      await runner.release();
    }
    expect((await eventsOf(old.id)).map((e) => e.payload)).toEqual([{ id: old.id, regionCode: community }]);
    expect(await eventsOf(id)).toHaveLength(1);
  });
});

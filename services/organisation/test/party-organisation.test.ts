import { claimTestStreet, startTestSubgraph, testIdentity, pendingSchemaChanges, type TestSubgraph } from '@gg/shared/src/testing';
import { PartyOrganisation } from '../src/party-organisation/party-organisation.entity';
import { organisationService } from '../src/service';

const CREATE = `mutation ($input: CreatePartyOrganisationInput!) {
  createPartyOrganisation(input: $input) { id name level kind region { code name } parent { id } }
}`;

describe('organisation subgraph', () => {
  let sg: TestSubgraph;
  let street: string;
  let community: string;

  beforeAll(async () => {
    sg = await startTestSubgraph(organisationService);
    const claimed = await claimTestStreet(sg.dataSource, '520201');
    street = claimed.street;
    community = claimed.communities[0]!;
  });
  afterAll(() => sg.stop());

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('creates a chain and reads it back with its region', async () => {
    const top = await sg.query<{ createPartyOrganisation: { id: string } }>(CREATE, {
      input: { name: '测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street },
    });
    expect(top.errors).toBeUndefined();
    const child = await sg.query<{ createPartyOrganisation: { id: string; region: { name: string }; parent: { id: string } } }>(CREATE, {
      input: { name: '测试社区党委', level: 'COMMUNITY', regionCode: community, parentId: top.data!.createPartyOrganisation.id },
    });
    expect(child.errors).toBeUndefined();
    expect(child.data!.createPartyOrganisation.region.name).toBe('测试社区');
    expect(child.data!.createPartyOrganisation.parent.id).toBe(top.data!.createPartyOrganisation.id);
  });

  it('refuses invalid input with the field named and writes nothing', async () => {
    const before = await sg.dataSource.getRepository(PartyOrganisation).countBy({ regionCode: community });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: 'x', level: 'COMMUNITY', regionCode: community }, 'BAD_USER_INPUT', 'input.name'],
      [{ name: '无上级社区党委', level: 'COMMUNITY', regionCode: community }, 'BAD_USER_INPUT', 'input.parentId'],
      [{ name: '不存在的社区党委', level: 'COMMUNITY', regionCode: `${street}999` }, 'BAD_USER_INPUT', 'input.regionCode'],
      [{ name: '坏代码党委', level: 'STREET_WORKING_COMMITTEE', regionCode: '52x' }, 'BAD_USER_INPUT', 'input.regionCode'],
    ];
    for (const [input, code, field] of cases) {
      const result = await sg.query(CREATE, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    expect(await sg.dataSource.getRepository(PartyOrganisation).countBy({ regionCode: community })).toBe(before);
  });

  it('refuses a write outside the caller scope and a role that may not write', async () => {
    const outside = await sg.query(CREATE, { input: { name: '桐梓测试党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: '520322' } });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const resident = await sg.query(
      CREATE,
      { input: { name: '居民建的党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street } },
      testIdentity({ roles: ['RESIDENT'] }),
    );
    expect(resident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('resolves references in one statement per batch', async () => {
    const { queryCounterOf } = await import('@gg/shared');
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{ _entities: Array<{ code: string; name: string } | null> }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code name } } }`,
      { r: [street, community, '520201', '5202'].map((code) => ({ __typename: 'Region', code })) },
    );
    expect(result.data!._entities.map((e) => e?.name)).toEqual(['测试街道', '测试社区', '钟山区', '六盘水市']);
    expect(counter.count - before).toBe(1);
  });
});

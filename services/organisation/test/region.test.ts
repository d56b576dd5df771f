import { claimTestStreet, randomRegionCode, startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { Region } from '../src/region/region.entity';
import { organisationService } from '../src/service';

const ADD = 'mutation ($input: AddRegionInput!) { addRegion(input: $input) { code name level divisionCode parent { code } } }';

describe('adding streets and communities', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(organisationService);
  });
  afterAll(() => sg.stop());

  it('adds a community under an existing street, and refuses a code already taken', async () => {
    const { street } = await claimTestStreet(sg.dataSource, '520201', []);
    const code = `${street}777`;
    const added = await sg.query<{ addRegion: Record<string, unknown> }>(ADD, { input: { code, name: '新建社区' } });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addRegion).toEqual({ code, name: '新建社区', level: 'COMMUNITY', divisionCode: code, parent: { code: street } });
    const again = await sg.query(ADD, { input: { code, name: '重复社区' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    expect((await sg.dataSource.getRepository(Region).findOneByOrFail({ code })).name).toBe('新建社区');
  });

  it('refuses bad codes, a missing parent, a caller outside the scope, and roles that may not', async () => {
    const missingStreet = randomRegionCode('520201', 9);
    await sg.dataSource
      .getRepository(Region)
      .delete({ code: missingStreet })
      .catch(() => undefined);
    const orphan = `${missingStreet}001`;
    const cases: Array<[Record<string, unknown>, ReturnType<typeof testIdentity> | undefined, string, string | undefined]> = [
      [{ code: '5202010', name: '坏代码' }, undefined, 'BAD_USER_INPUT', 'input.code'],
      [{ code: `${missingStreet}002`, name: 'x' }, undefined, 'BAD_USER_INPUT', 'input.name'],
      [
        { code: orphan, name: '无上级社区' },
        testIdentity({ roles: ['CITY_ADMIN'], regionScopes: ['5202'] }),
        'BAD_USER_INPUT',
        'input.code',
      ],
      [{ code: '520322999', name: '桐梓新街道' }, undefined, 'FORBIDDEN', undefined],
      [
        { code: `${missingStreet.slice(0, 6)}998`, name: '社区干部建的街道' },
        testIdentity({ roles: ['COMMUNITY_STAFF'], regionScopes: ['520299'] }),
        'FORBIDDEN',
        undefined,
      ],
    ];
    for (const [input, identity, code, field] of cases) {
      const result = await sg.query(ADD, { input }, identity);
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
      if (field) expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(await sg.dataSource.getRepository(Region).countBy({ code: orphan })).toBe(0);
  });
});

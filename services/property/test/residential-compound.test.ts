import { createDataSource, OutboxMessage } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../src/property-company/property-company.rules';
import { CompoundManagementPeriod, OwnersCommittee, ResidentialCompound } from '../src/residential-compound/residential-compound.entity';
import { propertyService } from '../src/service';

const FIELDS = `id name gridId managementMode managedSince company { id } region { code }
  managementHistory { sequence managementMode company { id } since until }
  ownersCommittee { termStart termEnd members { name role } }`;
const REGISTER = `mutation ($input: RegisterResidentialCompoundInput!) { registerResidentialCompound(input: $input) { ${FIELDS} } }`;
const CHANGE = `mutation ($input: ChangeCompoundManagementInput!) { changeCompoundManagement(input: $input) { ${FIELDS} } }`;
const ELECT = `mutation ($input: ElectOwnersCommitteeInput!) { electOwnersCommittee(input: $input) { ${FIELDS} } }`;
const ON_DAY = `query ($id: ID!, $day: Date!) { residentialCompound(id: $id) { managementOn(day: $day) { managementMode company { id } } } }`;
const LIST = `query ($c: ID!, $m: ManagementMode) { residentialCompounds(regionCode: $c, managementMode: $m) { edges { node { id } } totalCount } }`;
const STATS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { propertyStats {
  propertyCompanies residentialCompounds compoundsByManagementMode { managementMode count } compoundsWithSittingOwnersCommittee } } } }`;
const COMPANY_COMPOUNDS = `query ($id: ID!) { propertyCompany(id: $id) { compounds { edges { node { id } } totalCount } } }`;

interface Compound {
  id: string;
  managementMode: string;
  managedSince: string;
  company: { id: string } | null;
  managementHistory: Array<{
    sequence: number;
    managementMode: string;
    company: { id: string } | null;
    since: string;
    until: string | null;
  }>;
  ownersCommittee: { termStart: string; termEnd: string; members: Array<{ name: string; role: string }> } | null;
}

function randomCreditCode(county = '520201'): string {
  let organisation = '';
  for (let i = 0; i < 9; i += 1) organisation += CREDIT_CODE_CHARSET[randomInt(0, 31)];
  const body = `91${county}${organisation}`;
  return body + creditCodeCheckCharacter(body);
}

describe('residential compounds: community and grid references, management history, owners committees, stats', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;

  /** A new community known here, with a grid the grid service announced in it, and a company registered in it. */
  async function place(county = '520201'): Promise<{ community: string; gridId: string; companyId: string }> {
    const { communities } = await claimTestStreet(organisation, county);
    const community = communities[0]!;
    const gridId = randomUUID();
    await sg.dataSource.query(
      `INSERT INTO grid.outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', 'GridCreated', 1, $1)`,
      [{ id: gridId, regionCode: community }],
    );
    await sg.catchUp();
    const identity = testIdentity({ regionScopes: [county] });
    const company = await sg.query<{ createPropertyCompany: { id: string } }>(
      'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
      { i: { name: '小区测试物业有限公司', creditCode: randomCreditCode(county), regionCode: community } },
      identity,
    );
    return { community, gridId, companyId: company.data!.createPropertyCompany.id };
  }

  const register = (input: Record<string, unknown>, identity = testIdentity()) =>
    sg.query<{ registerResidentialCompound: Compound }>(REGISTER, { input }, identity);
  const countIn = (regionCode: string) => sg.dataSource.getRepository(ResidentialCompound).countBy({ regionCode });

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  it('registers a professionally managed compound with its first management period, and announces it', async () => {
    const { community, gridId, companyId } = await place();
    const result = await register({
      name: '明湖小区',
      regionCode: community,
      gridId,
      managementMode: 'PROFESSIONAL',
      companyId,
      managedSince: '2023-04-01',
    });
    expect(result.errors).toBeUndefined();
    const compound = result.data!.registerResidentialCompound;
    expect(compound).toMatchObject({ managementMode: 'PROFESSIONAL', company: { id: companyId }, managedSince: '2023-04-01' });
    expect(compound.managementHistory).toEqual([
      { sequence: 1, managementMode: 'PROFESSIONAL', company: { id: companyId }, since: '2023-04-01', until: null },
    ]);
    const events = await sg.dataSource
      .getRepository(OutboxMessage)
      .findBy({ name: 'ResidentialCompoundRegistered', aggregateId: compound.id });
    expect(events.map((e) => e.payload)).toEqual([
      { id: compound.id, regionCode: community, gridId, managementMode: 'PROFESSIONAL', companyId },
    ]);
    const byCompany = await sg.query<{ propertyCompany: { compounds: { totalCount: number } } }>(COMPANY_COMPOUNDS, { id: companyId });
    expect(byCompany.data!.propertyCompany.compounds.totalCount).toBe(1);
  });

  it('refuses unknown, retired, foreign-community and out-of-scope grids and companies, naming the field, writing nothing', async () => {
    const here = await place();
    const elsewhere = await place();
    const tongzi = await place('520322');
    const retired = randomUUID();
    await sg.dataSource.query(
      `INSERT INTO grid.outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', 'GridCreated', 1, $1)`,
      [{ id: retired, regionCode: here.community }],
    );
    await sg.dataSource.query(
      `INSERT INTO grid.outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', 'GridRetired', 1, $1)`,
      [{ id: retired, regionCode: here.community, successorIds: [] }],
    );
    await sg.catchUp();
    const base = {
      name: '拒绝小区',
      regionCode: here.community,
      gridId: here.gridId,
      managementMode: 'PROFESSIONAL',
      companyId: here.companyId,
      managedSince: '2024-01-01',
    };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ gridId: randomUUID() }, 'input.gridId', 'BAD_USER_INPUT'],
      [{ gridId: retired }, 'input.gridId', 'BAD_USER_INPUT'],
      [{ gridId: elsewhere.gridId }, 'input.gridId', 'BAD_USER_INPUT'],
      [{ companyId: randomUUID() }, 'input.companyId', 'NOT_FOUND'],
      [{ companyId: tongzi.companyId }, 'input.companyId', 'NOT_FOUND'],
      [{ companyId: null }, 'input.companyId', 'BAD_USER_INPUT'],
      [{ managementMode: 'OWNER_SELF_MANAGED' }, 'input.companyId', 'BAD_USER_INPUT'],
      [{ regionCode: `${here.community.slice(0, 9)}999` }, 'input.regionCode', 'BAD_USER_INPUT'],
      [{ managedSince: '2999-01-01' }, 'input.managedSince', 'BAD_USER_INPUT'],
    ];
    for (const [change, field, code] of cases) {
      const result = await register({ ...base, ...change });
      expect([change, result.errors?.[0]?.extensions]).toEqual([change, expect.objectContaining({ code, field })]);
    }
    expect(await countIn(here.community)).toBe(0);
  });

  it('keeps who managed the compound when: a change closes the open period, and a past day finds its manager', async () => {
    const { community, gridId, companyId } = await place();
    const created = await register({
      name: '凉都小区',
      regionCode: community,
      gridId,
      managementMode: 'COMMUNITY_MANAGED',
      managedSince: '2022-01-01',
    });
    const id = created.data!.registerResidentialCompound.id;
    const first = await sg.query<{ changeCompoundManagement: Compound }>(CHANGE, {
      input: { compoundId: id, managementMode: 'PROFESSIONAL', companyId, since: '2024-07-01' },
    });
    expect(first.errors).toBeUndefined();
    const second = await sg.query<{ changeCompoundManagement: Compound }>(CHANGE, {
      input: { compoundId: id, managementMode: 'STATE_OWNED_FALLBACK', since: '2025-01-01' },
    });
    expect(second.data!.changeCompoundManagement.managementHistory).toEqual([
      { sequence: 1, managementMode: 'COMMUNITY_MANAGED', company: null, since: '2022-01-01', until: '2024-07-01' },
      { sequence: 2, managementMode: 'PROFESSIONAL', company: { id: companyId }, since: '2024-07-01', until: '2025-01-01' },
      { sequence: 3, managementMode: 'STATE_OWNED_FALLBACK', company: null, since: '2025-01-01', until: null },
    ]);
    const onDay = async (day: string) =>
      (await sg.query<{ residentialCompound: { managementOn: { managementMode: string } | null } }>(ON_DAY, { id, day })).data!
        .residentialCompound.managementOn;
    expect(await onDay('2024-09-30')).toEqual({ managementMode: 'PROFESSIONAL', company: { id: companyId } });
    expect(await onDay('2023-06-30')).toEqual({ managementMode: 'COMMUNITY_MANAGED', company: null });
    expect(await onDay('2021-12-31')).toBeNull();

    // Never before the current management began, and nothing written when refused.
    const early = await sg.query(CHANGE, { input: { compoundId: id, managementMode: 'COMMUNITY_MANAGED', since: '2024-12-31' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.since' });
    expect(await sg.dataSource.getRepository(CompoundManagementPeriod).countBy({ compoundId: id })).toBe(3);
    // Another county's administrator does not learn that the compound exists.
    const foreign = await sg.query(
      CHANGE,
      { input: { compoundId: id, managementMode: 'COMMUNITY_MANAGED', since: '2025-02-01' } },
      testIdentity({ regionScopes: ['520322'] }),
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.compoundId' });
  });

  it('records owners committees with masked member names, keeps earlier ones, and refuses impossible ones', async () => {
    const { community, gridId } = await place();
    const created = await register({
      name: '近湖小区',
      regionCode: community,
      gridId,
      managementMode: 'OWNER_SELF_MANAGED',
      managedSince: '2020-05-01',
    });
    const id = created.data!.registerResidentialCompound.id;
    const members = [
      { name: '王建华', role: 'DIRECTOR' },
      { name: '李秀英', role: 'DEPUTY_DIRECTOR' },
      { name: '张伟', role: 'MEMBER' },
    ];
    await sg.query(ELECT, { input: { compoundId: id, termStart: '2019-05-01', termEnd: '2022-04-30', members } });
    const current = await sg.query<{ electOwnersCommittee: Compound }>(ELECT, {
      input: { compoundId: id, termStart: '2022-05-01', termEnd: '2027-04-30', members },
    });
    expect(current.errors).toBeUndefined();
    expect(current.data!.electOwnersCommittee.ownersCommittee).toEqual({
      termStart: '2022-05-01',
      termEnd: '2027-04-30',
      members: [
        { name: '王**', role: 'DIRECTOR' },
        { name: '李**', role: 'DEPUTY_DIRECTOR' },
        { name: '张*', role: 'MEMBER' },
      ],
    });
    const refused: Array<[Record<string, unknown>, string]> = [
      [{ termEnd: '2032-05-02' }, 'input.termEnd'],
      [{ members: members.map((m) => ({ ...m, role: 'MEMBER' })) }, 'input.members'],
      [{ members: members.slice(0, 2) }, 'input.members'],
    ];
    for (const [change, field] of refused) {
      const result = await sg.query(ELECT, {
        input: { compoundId: id, termStart: '2027-05-01', termEnd: '2030-04-30', members, ...change },
      });
      expect([change, result.errors?.[0]?.extensions]).toEqual([change, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    expect(await sg.dataSource.getRepository(OwnersCommittee).countBy({ compoundId: id })).toBe(2);
  });

  it('counts companies and compounds by management mode in a region, within the caller’s scope', async () => {
    const { community, gridId, companyId } = await place();
    const register2 = (mode: string, company?: string) =>
      register({
        name: `统计${mode}小区`,
        regionCode: community,
        gridId,
        managementMode: mode,
        companyId: company,
        managedSince: '2024-01-01',
      });
    await register2('PROFESSIONAL', companyId);
    await register2('PROFESSIONAL', companyId);
    await register2('OWNER_SELF_MANAGED');
    const committee = await register2('STATE_OWNED_FALLBACK');
    const today = new Date().toISOString().slice(0, 10);
    await sg.query(ELECT, {
      input: {
        compoundId: committee.data!.registerResidentialCompound.id,
        termStart: '2024-01-01',
        termEnd: `${Number(today.slice(0, 4)) + 1}-12-31`,
        members: [
          { name: '赵一', role: 'DIRECTOR' },
          { name: '钱二', role: 'MEMBER' },
          { name: '孙三', role: 'MEMBER' },
        ],
      },
    });
    const stats = async (identity = testIdentity()) =>
      (
        await sg.query<{ _entities: Array<{ propertyStats: Record<string, unknown> }> }>(
          STATS,
          { r: [{ __typename: 'Region', code: community }] },
          identity,
        )
      ).data!._entities[0]!.propertyStats;
    expect(await stats()).toEqual({
      propertyCompanies: 1,
      residentialCompounds: 4,
      compoundsByManagementMode: [
        { managementMode: 'PROFESSIONAL', count: 2 },
        { managementMode: 'COMMUNITY_MANAGED', count: 0 },
        { managementMode: 'OWNER_SELF_MANAGED', count: 1 },
        { managementMode: 'STATE_OWNED_FALLBACK', count: 1 },
      ],
      compoundsWithSittingOwnersCommittee: 1,
    });
    const outside = await stats(testIdentity({ roles: ['DASHBOARD'], regionScopes: ['520322'] }));
    expect(outside).toMatchObject({ propertyCompanies: 0, residentialCompounds: 0 });
    const list = await sg.query<{ residentialCompounds: { totalCount: number } }>(LIST, { c: community, m: 'PROFESSIONAL' });
    expect(list.data!.residentialCompounds.totalCount).toBe(2);
  });
});

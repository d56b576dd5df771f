import {
  maskAddress,
  maskName,
  maskPhone,
  maskResidentId,
  PersonalDataAccess,
  queryCounterOf,
  residentIdCheckCharacter,
  signGatewayIdentity,
  subgraphSecretOf,
  type Identity,
} from '@gg/shared';
import { pendingSchemaChanges, startTestSubgraph, testIdentity, type GraphQLResult, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { seedGridDemo } from '../src/demo';
import { HouseholdMember } from '../src/household/household-member.entity';
import { Household } from '../src/household/household.entity';
import { residentIdOf } from '../src/household/household.queries';
import { gridService } from '../src/service';
import { nodes, registerCommunities, type Page } from './fixtures';

// ─── Operations ───────────────────────────────────────────────────────────────

const CREATE_GRID = `mutation ($input: CreateGridInput!) { createGrid(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id grid { id } specialGroups createdAt } }`;
const MASKED = `query ($id: ID!) { household(id: $id) {
  id address specialGroups lastVisitedAt createdAt grid { id }
  members { id name phone residentId relation household { id } }
} }`;
const REVEAL = `query RevealHousehold($id: ID!) { household(id: $id) {
  address(reveal: true)
  members { id name(reveal: true) phone(reveal: true) residentId(reveal: true) }
} }`;
const REVEAL_ADDRESS = `query RevealAddress($id: ID!) { household(id: $id) { address(reveal: true) } }`;
const LIST = `query ($gridId: ID!, $first: Int, $after: String) {
  households(gridId: $gridId, first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount }
}`;
const BY_RESIDENT_ID = `query ($residentId: String!) { householdMemberByResidentId(residentId: $residentId) {
  id name residentId relation household { id }
} }`;
const HOUSEHOLD_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id specialGroups } } }`;
const GRID_HOUSEHOLDS = `query ($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Grid { id households(first: $first) { edges { node { id } } } } } }`;
const AUDIT = `query ($regionCode: ID!, $since: DateTime, $until: DateTime, $first: Int) {
  gridPersonalDataAccesses(regionCode: $regionCode, since: $since, until: $until, first: $first) {
    edges { node { id accessedAt subject subjectName roles regionCode recordType recordId field operationName outcome reason } }
  }
}`;

interface MemberResult {
  id: string;
  name: string;
  phone: string | null;
  residentId: string;
  relation: string;
  household: { id: string };
}
interface HouseholdResult {
  id: string;
  address: string;
  specialGroups: string[];
  lastVisitedAt: string | null;
  createdAt: string;
  grid: { id: string };
  members: MemberResult[];
}
interface AuditResult {
  subject: string;
  subjectName: string;
  roles: string[];
  regionCode: string;
  recordType: string;
  recordId: string;
  field: string;
  operationName: string | null;
  outcome: string;
  reason: string | null;
}

// ─── Factories ────────────────────────────────────────────────────────────────

/** A fresh valid resident ID number of Zhongshan; random birth date and sequence so runs never collide. */
function freshResidentId(): string {
  const born = `${randomInt(1940, 2016)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;
  const first17 = `520201${born}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

interface MemberInput {
  name: string;
  phone?: string | null;
  residentId: string;
  relation: string;
}

function household(gridId: string, overrides: Record<string, unknown> = {}) {
  const members: MemberInput[] = [
    { name: '张三丰', phone: '13812341234', residentId: freshResidentId(), relation: 'HEAD' },
    { name: '欧阳娜娜', phone: '0858-8221234', residentId: freshResidentId(), relation: 'SPOUSE' },
    { name: '张小明', phone: null, residentId: freshResidentId(), relation: 'CHILD' },
  ];
  return { gridId, address: '钟山区荷城街道明湖路18号3栋2单元501', specialGroups: ['ELDERLY_ALONE'], members, ...overrides };
}

describe('household ledger', () => {
  let sg: TestSubgraph;
  let street: string;
  let community: string;
  let gridA: string;
  let gridB: string;
  let admin: Identity;
  let gridworkerA: Identity;
  let gridworkerB: Identity;
  let communityStaff: Identity;
  let streetStaff: Identity;
  let cityAdmin: Identity;
  let tongzi: Identity;
  let auditor: Identity;

  // Rows under this file's street (plus any extra regions a test aims at): other test files write
  // households elsewhere at the same time, so a whole-table count would not be this test's.
  const countUnder = (entity: typeof Household | typeof HouseholdMember, extra: string[]) =>
    sg.dataSource
      .getRepository(entity)
      .createQueryBuilder('r')
      .where('r.region_code LIKE :street OR r.region_code = ANY(:extra)', { street: `${street}%`, extra })
      .getCount();
  const households = (extra: string[] = []) => countUnder(Household, extra);
  const members = (extra: string[] = []) => countUnder(HouseholdMember, extra);
  const audits = (recordIds: string[]) =>
    sg.dataSource
      .getRepository(PersonalDataAccess)
      .createQueryBuilder('a')
      .where('a.record_id IN (:...recordIds)', { recordIds })
      .orderBy('a.field')
      .getMany();

  /** Sends an operation with its name in the request, as clients do (the audit records it). */
  async function named<T>(
    operationName: string,
    query: string,
    variables: Record<string, unknown>,
    identity: Identity,
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(sg.subgraph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gateway-identity': await signGatewayIdentity(identity, 'grid', subgraphSecretOf('grid', {}, 'test')),
      },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return (await response.json()) as GraphQLResult<T>;
  }

  async function createGrid(regionCode: string, identity = testIdentity()): Promise<string> {
    const code = `HH-${randomUUID().slice(0, 8).toUpperCase()}`;
    const result = await sg.query<{ createGrid: { id: string } }>(
      CREATE_GRID,
      { input: { code, name: '台账测试网格', kind: 'COMPREHENSIVE', regionCode } },
      identity,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createGrid.id;
  }

  async function register(input: ReturnType<typeof household>, identity: Identity = gridworkerA): Promise<string> {
    const result = await sg.query<{ registerHousehold: { id: string } }>(REGISTER, { input }, identity);
    expect(result.errors).toBeUndefined();
    return result.data!.registerHousehold.id;
  }

  async function read(id: string, identity: Identity): Promise<HouseholdResult | null> {
    const result = await sg.query<{ household: HouseholdResult | null }>(MASKED, { id }, identity);
    expect(result.errors).toBeUndefined();
    return result.data!.household;
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    ({
      street,
      communities: [community],
    } = (await registerCommunities(sg, '520201', 1)) as { street: string; communities: [string] });
    gridA = await createGrid(community);
    gridB = await createGrid(community);
    admin = testIdentity({ name: '县管理员' });
    gridworkerA = testIdentity({ roles: ['GRIDWORKER'], name: '李网格', regionScopes: [community], gridIds: [gridA] });
    gridworkerB = testIdentity({ roles: ['GRIDWORKER'], name: '王网格', regionScopes: [community], gridIds: [gridB] });
    communityStaff = testIdentity({ roles: ['COMMUNITY_STAFF'], name: '社区干部', regionScopes: [community] });
    streetStaff = testIdentity({ roles: ['STREET_STAFF'], regionScopes: [street] });
    cityAdmin = testIdentity({ roles: ['CITY_ADMIN'], regionScopes: ['5202'] });
    tongzi = testIdentity({ regionScopes: ['520322'] });
    auditor = testIdentity({ roles: ['AUDITOR'], regionScopes: [community] });
  });
  afterAll(() => sg.stop());

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(sg.dataSource)).toEqual([]);
  });

  it('registers a household and shows every role its personal fields masked by default', async () => {
    const input = household(gridA);
    const id = await register(input);
    const expected = {
      id,
      address: maskAddress(input.address),
      specialGroups: ['ELDERLY_ALONE'],
      lastVisitedAt: null,
      grid: { id: gridA },
      members: input.members.map((m) => ({
        name: maskName(m.name),
        phone: m.phone ? maskPhone(m.phone) : null,
        residentId: maskResidentId(m.residentId),
        relation: m.relation,
        household: { id },
      })),
    };
    // The masks the front-end teams are promised.
    expect(expected.members[0]).toMatchObject({ name: '张**', phone: '138****1234' });
    expect(expected.members[0]!.residentId).toMatch(/^520201\*{10}[\dX]{2}$/);

    for (const identity of [gridworkerA, communityStaff, streetStaff, admin, cityAdmin]) {
      const seen = await read(id, identity);
      expect({ roles: identity.roles, seen }).toMatchObject({ roles: identity.roles, seen: expected });
    }
    const memberIds = (await read(id, admin))!.members.map((m) => m.id);
    expect(await audits([id, ...memberIds])).toEqual([]);
  });

  it('lists members head first, then by relation', async () => {
    const input = household(gridA);
    const [head, spouse, child] = input.members;
    const id = await register({ ...input, members: [child!, { ...spouse!, relation: 'PARENT' }, head!] });
    const seen = await read(id, gridworkerA);
    expect(seen!.members.map((m) => m.relation)).toEqual(['HEAD', 'CHILD', 'PARENT']);
  });

  it('reveals everything whole to the gridworker of the grid and audits each field', async () => {
    const input = household(gridA);
    const id = await register(input);
    const result = await named<{ household: HouseholdResult }>('RevealHousehold', REVEAL, { id }, gridworkerA);
    expect(result.errors).toBeUndefined();
    const revealed = result.data!.household;
    expect(revealed.address).toBe(input.address);
    expect(revealed.members.map((m) => [m.name, m.phone, m.residentId])).toEqual(input.members.map((m) => [m.name, m.phone, m.residentId]));

    const rows = await audits([id, ...revealed.members.map((m) => m.id)]);
    // Three members × name and residentId, two phones (a missing phone reveals nothing), one address.
    expect(rows).toHaveLength(3 * 2 + 2 + 1);
    for (const row of rows) {
      expect(row).toMatchObject({
        subject: gridworkerA.subject,
        subjectName: '李网格',
        roles: ['GRIDWORKER'],
        regionCode: community,
        operationName: 'RevealHousehold',
        outcome: 'SUCCESS',
        reason: null,
      });
    }
    expect(rows.filter((r) => r.recordType === 'Household').map((r) => [r.recordId, r.field])).toEqual([[id, 'address']]);
    const head = revealed.members[0]!;
    expect(
      rows
        .filter((r) => r.recordId === head.id)
        .map((r) => [r.recordType, r.field])
        .sort(),
    ).toEqual([
      ['HouseholdMember', 'name'],
      ['HouseholdMember', 'phone'],
      ['HouseholdMember', 'residentId'],
    ]);
  });

  it('reveals whole to community staff of the community', async () => {
    const input = household(gridB);
    const id = await register(input, gridworkerB);
    const result = await named<{ household: HouseholdResult }>('RevealHousehold', REVEAL, { id }, communityStaff);
    expect(result.errors).toBeUndefined();
    expect(result.data!.household.address).toBe(input.address);
    expect(result.data!.household.members.map((m) => m.residentId)).toEqual(input.members.map((m) => m.residentId));
    const rows = await audits([id]);
    expect(rows.map((r) => [r.field, r.outcome, r.subject])).toEqual([['address', 'SUCCESS', communityStaff.subject]]);
  });

  it('answers FORBIDDEN to a county admin, street staff and a gridworker of another grid who ask for a whole value, and audits the refusal', async () => {
    const input = household(gridA);
    const id = await register(input);
    // A gridworker of grid B who is also street staff sees the household (masked) through the
    // staff role, but being a gridworker of another grid does not let them reveal it.
    const gridworkerBAndStreet = testIdentity({ roles: ['GRIDWORKER', 'STREET_STAFF'], regionScopes: [street], gridIds: [gridB] });
    for (const identity of [admin, streetStaff, cityAdmin, gridworkerBAndStreet]) {
      const result = await named<{ household: { address: string } | null }>('RevealAddress', REVEAL_ADDRESS, { id }, identity);
      expect({ roles: identity.roles, code: result.errors?.[0]?.extensions?.code }).toEqual({ roles: identity.roles, code: 'FORBIDDEN' });
      expect(result.data?.household ?? null).toBeNull();
      expect(JSON.stringify(result)).not.toContain(input.address);
    }
    const rows = await audits([id]);
    expect(rows.map((r) => [r.subject, r.field, r.outcome, r.operationName])).toEqual(
      expect.arrayContaining(
        [admin, streetStaff, cityAdmin, gridworkerBAndStreet].map((i) => [i.subject, 'address', 'FAILURE', 'RevealAddress']),
      ),
    );
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.reason !== null && r.recordType === 'Household' && r.regionCode === community)).toBe(true);

    // The same for a member's resident ID: FORBIDDEN, audited, the number nowhere in the answer.
    const memberId = (await read(id, admin))!.members[0]!.id;
    const refused = await named(
      'RevealId',
      `query RevealId($id: ID!) { household(id: $id) { members { residentId(reveal: true) } } }`,
      { id },
      admin,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused)).not.toContain(input.members[0]!.residentId);
    expect((await audits([memberId])).map((r) => [r.field, r.outcome])).toEqual([['residentId', 'FAILURE']]);
  });

  it('keeps a gridworker to the households of their own grids: another grid of the same community shows nothing', async () => {
    const input = household(gridA);
    const id = await register(input);
    const memberIds = (await read(id, admin))!.members.map((m) => m.id);

    expect(await read(id, gridworkerB)).toBeNull();
    const list = await sg.query<{ households: Page<{ id: string }> }>(LIST, { gridId: gridA }, gridworkerB);
    expect(list.errors).toBeUndefined();
    expect(nodes(list.data!.households)).toEqual([]);
    const byResidentId = await sg.query<{ householdMemberByResidentId: unknown }>(
      BY_RESIDENT_ID,
      { residentId: input.members[0]!.residentId },
      gridworkerB,
    );
    expect(byResidentId.data!.householdMemberByResidentId).toBeNull();
    const entities = await sg.query<{ _entities: unknown[] }>(HOUSEHOLD_ENTITIES, { r: [{ __typename: 'Household', id }] }, gridworkerB);
    expect(entities.data!._entities).toEqual([null]);
    const viaGrid = await sg.query<{ _entities: Array<{ households: Page<{ id: string }> }> }>(
      GRID_HOUSEHOLDS,
      { r: [{ __typename: 'Grid', id: gridA }] },
      gridworkerB,
    );
    expect(nodes(viaGrid.data!._entities[0]!.households)).toEqual([]);
    // Asking for the whole address of a household they cannot see discloses nothing, so nothing is audited.
    const reveal = await named<{ household: unknown }>('RevealAddress', REVEAL_ADDRESS, { id }, gridworkerB);
    expect(reveal).toEqual({ data: { household: null } });
    expect(await audits([id, ...memberIds])).toEqual([]);

    // A gridworker with no grids in the token sees no household at all.
    const noGrids = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [] });
    expect(await read(id, noGrids)).toBeNull();

    // The household's own gridworker sees it in every way, so the nulls above come from the grid.
    expect((await read(id, gridworkerA))!.id).toBe(id);
    const own = await sg.query<{ households: Page<{ id: string }> }>(LIST, { gridId: gridA }, gridworkerA);
    expect(nodes(own.data!.households).map((h) => h.id)).toContain(id);
  });

  it('hides everything from a caller scoped to another county', async () => {
    const input = household(gridA);
    const id = await register(input);

    expect(await read(id, tongzi)).toBeNull();
    const list = await sg.query<{ households: Page<unknown> }>(LIST, { gridId: gridA }, tongzi);
    expect(list.errors).toBeUndefined();
    expect(nodes(list.data!.households)).toEqual([]);
    const byResidentId = await sg.query<{ householdMemberByResidentId: unknown }>(
      BY_RESIDENT_ID,
      { residentId: input.members[1]!.residentId },
      tongzi,
    );
    expect(byResidentId.errors).toBeUndefined();
    expect(byResidentId.data!.householdMemberByResidentId).toBeNull();
    const entities = await sg.query<{ _entities: unknown[] }>(HOUSEHOLD_ENTITIES, { r: [{ __typename: 'Household', id }] }, tongzi);
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([null]);

    // Visible to its own county, so the nulls come from the scope.
    const own = await sg.query<{ _entities: Array<{ id: string } | null> }>(
      HOUSEHOLD_ENTITIES,
      { r: [{ __typename: 'Household', id }] },
      admin,
    );
    expect(own.data!._entities).toEqual([{ id, specialGroups: ['ELDERLY_ALONE'] }]);
  });

  it('stores the resident ID number encrypted, finds it by its hash, and never in clear', async () => {
    const input = household(gridA);
    const withX = input.members[1]!.residentId;
    const id = await register(input);
    const rows: Array<Record<string, unknown>> = await sg.dataSource.query(`SELECT * FROM grid.household_member WHERE household_id = $1`, [
      id,
    ]);
    expect(rows).toHaveLength(3);
    for (const member of input.members) {
      // No column of any member row holds the number, or its first 17 digits.
      expect(JSON.stringify(rows)).not.toContain(member.residentId.slice(0, 17));
    }
    for (const row of rows) {
      expect(row.resident_id_cipher).toMatch(/^v1:/);
      expect(row.resident_id_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(row).filter((k) => k.includes('resident'))).toEqual(['resident_id_cipher', 'resident_id_hash']);
    }
    // The cipher decrypts to the number (that is how it is revealed).
    const stored = await sg.dataSource.getRepository(HouseholdMember).findBy({ householdId: id });
    expect(stored.map(residentIdOf).sort()).toEqual(input.members.map((m) => m.residentId).sort());

    for (const asked of [withX, withX.toLowerCase()]) {
      const found = await sg.query<{ householdMemberByResidentId: MemberResult | null }>(
        BY_RESIDENT_ID,
        { residentId: asked },
        gridworkerA,
      );
      expect(found.errors).toBeUndefined();
      expect(found.data!.householdMemberByResidentId).toMatchObject({
        name: maskName(input.members[1]!.name),
        residentId: maskResidentId(withX),
        relation: 'SPOUSE',
        household: { id },
      });
    }
    const nobody = await sg.query<{ householdMemberByResidentId: unknown }>(BY_RESIDENT_ID, { residentId: freshResidentId() }, admin);
    expect(nobody.data!.householdMemberByResidentId).toBeNull();
  });

  it('refuses a malformed resident ID to look up, without repeating it', async () => {
    const valid = freshResidentId();
    const wrong = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    for (const residentId of [wrong, valid.slice(0, 17), 'not an id']) {
      const result = await sg.query(BY_RESIDENT_ID, { residentId }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
      expect(result.errors?.[0]?.message).not.toContain(residentId);
    }
  });

  it('refuses invalid input with the field named, never echoing a resident ID, and writes nothing', async () => {
    const base = household(gridA);
    const [head, spouse, child] = base.members as [MemberInput, MemberInput, MemberInput];
    const wrongCheck = `${spouse.residentId.slice(0, 17)}${spouse.residentId[17] === '0' ? '1' : '0'}`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, gridId: 'grid-1' }, 'input.gridId'],
      [{ ...base, address: '路' }, 'input.address'],
      [{ ...base, address: '路'.repeat(201) }, 'input.address'],
      [{ ...base, specialGroups: ['DISABLED', 'DISABLED'] }, 'input.specialGroups.1'],
      [{ ...base, members: [] }, 'input.members'],
      [
        {
          ...base,
          members: Array.from({ length: 21 }, (_, i) => ({ ...child, residentId: freshResidentId(), relation: i ? 'CHILD' : 'HEAD' })),
        },
        'input.members',
      ],
      [{ ...base, members: [spouse, child] }, 'input.members'],
      [{ ...base, members: [head, { ...spouse, relation: 'HEAD' }] }, 'input.members'],
      [{ ...base, members: [head, { ...spouse, name: '' }] }, 'input.members.1.name'],
      [{ ...base, members: [head, { ...spouse, name: '名'.repeat(51) }] }, 'input.members.1.name'],
      [{ ...base, members: [head, { ...spouse, phone: '12345' }] }, 'input.members.1.phone'],
      [{ ...base, members: [head, { ...spouse, residentId: wrongCheck }] }, 'input.members.1.residentId'],
      [{ ...base, members: [head, child, { ...spouse, residentId: spouse.residentId.slice(0, 17) }] }, 'input.members.2.residentId'],
      [{ ...base, members: [head, spouse, { ...child, residentId: spouse.residentId }] }, 'input.members.2.residentId'],
    ];
    const before = [await households(), await members()];
    for (const [input, field] of cases) {
      const result = await sg.query(REGISTER, { input }, gridworkerA);
      expect({ field, extensions: result.errors?.[0]?.extensions }).toMatchObject({ field, extensions: { code: 'BAD_USER_INPUT', field } });
      const answer = JSON.stringify(result);
      for (const id of [head.residentId, spouse.residentId, wrongCheck, child.residentId]) expect(answer).not.toContain(id.slice(0, 17));
    }
    expect([await households(), await members()]).toEqual(before);
  });

  it('refuses a resident ID already in the ledger with CONFLICT on that member, naming no number, and writes nothing', async () => {
    const first = household(gridA);
    await register(first);
    const second = household(gridB);
    second.members[2] = { ...second.members[2]!, residentId: first.members[1]!.residentId.toLowerCase() };
    const before = [await households(), await members()];
    const result = await sg.query(REGISTER, { input: second }, communityStaff);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.members.2.residentId' });
    expect(JSON.stringify(result)).not.toContain(first.members[1]!.residentId.slice(0, 17));
    expect([await households(), await members()]).toEqual(before);
  });

  it('registers only in a grid of the caller: NOT_FOUND for a missing grid or one outside the scope, FORBIDDEN for another gridworker', async () => {
    const [tongziCommunity] = (await registerCommunities(sg, '520322', 1)).communities as [string];
    const tongziGrid = await createGrid(tongziCommunity, testIdentity({ regionScopes: ['520322'] }));
    const before = [await households([tongziCommunity]), await members([tongziCommunity])];

    const missing = await sg.query(REGISTER, { input: household(randomUUID()) }, admin);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.gridId' });
    // The grid exists, but outside the caller's scope: NOT_FOUND like a missing one, so a write
    // does not even confirm that it exists, let alone where it is.
    const outside = await sg.query(REGISTER, { input: household(tongziGrid) }, admin);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.gridId' });
    expect(outside.errors?.[0]?.message).not.toContain(tongziCommunity);
    const otherGrid = await sg.query(REGISTER, { input: household(gridA) }, gridworkerB);
    expect(otherGrid.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect([await households([tongziCommunity]), await members([tongziCommunity])]).toEqual(before);
    // Community staff register in any grid of their community.
    await register(household(gridB), communityStaff);
  });

  it('refuses the ledger to roles that are not staff', async () => {
    const id = await register(household(gridA));
    const reads: Array<[string, Record<string, unknown>]> = [
      [MASKED, { id }],
      [LIST, { gridId: gridA }],
      [BY_RESIDENT_ID, { residentId: freshResidentId() }],
      [HOUSEHOLD_ENTITIES, { r: [{ __typename: 'Household', id }] }],
      [GRID_HOUSEHOLDS, { r: [{ __typename: 'Grid', id: gridA }] }],
      [REGISTER, { input: household(gridA) }],
    ];
    const before = [await households(), await members()];
    for (const role of ['RESIDENT', 'HOUSING_BUREAU', 'DASHBOARD', 'AUDITOR', 'PARTY_MEMBER', 'VOLUNTEER'] as const) {
      const identity = testIdentity({ roles: [role], regionScopes: [community], gridIds: [gridA] });
      for (const [query, variables] of reads) {
        const result = await sg.query(query, variables, identity);
        expect({ role, query, code: result.errors?.[0]?.extensions?.code }).toEqual({ role, query, code: 'FORBIDDEN' });
      }
    }
    expect([await households(), await members()]).toEqual(before);
  });

  it('shows the households of a grid in registration order, up to first, through the Grid entity and the query', async () => {
    const grid = await createGrid(community);
    const worker = testIdentity({ roles: ['GRIDWORKER'], regionScopes: [community], gridIds: [grid] });
    const ids = [];
    for (let n = 0; n < 3; n += 1) ids.push(await register(household(grid), worker));
    const list = await sg.query<{ households: Page<{ id: string }> }>(LIST, { gridId: grid }, worker);
    expect(nodes(list.data!.households).map((h) => h.id)).toEqual(ids);
    const two = await sg.query<{ households: Page<{ id: string }> }>(LIST, { gridId: grid, first: 2 }, admin);
    expect(nodes(two.data!.households).map((h) => h.id)).toEqual(ids.slice(0, 2));

    const counter = queryCounterOf(sg.dataSource);
    const start = counter.count;
    const viaGrid = await sg.query<{ _entities: Array<{ id: string; households: Page<{ id: string }> }> }>(
      GRID_HOUSEHOLDS,
      { r: [grid, gridB].map((id) => ({ __typename: 'Grid', id })), first: 2 },
      communityStaff,
    );
    expect(viaGrid.errors).toBeUndefined();
    expect(nodes(viaGrid.data!._entities[0]!.households).map((h) => h.id)).toEqual(ids.slice(0, 2));
    expect(viaGrid.data!._entities[1]!.households.edges.length).toBeGreaterThan(0);
    // One statement for the grids, one for the households of both.
    expect(counter.count - start).toBe(2);
  });

  it('refuses bad list arguments with the argument named', async () => {
    const badGrid = await sg.query(LIST, { gridId: 'grid-1' }, admin);
    expect(badGrid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridId' });
    const badFirst = await sg.query(LIST, { gridId: gridA, first: 501 }, admin);
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('resolves household references in one statement per batch', async () => {
    const ids = [];
    for (let n = 0; n < 3; n += 1) ids.push(await register(household(gridA)));
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{ _entities: Array<{ id: string } | null> }>(HOUSEHOLD_ENTITIES, {
      r: [...ids, randomUUID(), 'not-a-uuid'].map((id) => ({ __typename: 'Household', id })),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([...ids.map((id) => ({ id, specialGroups: ['ELDERLY_ALONE'] })), null, null]);
    expect(counter.count - before).toBe(1);
  });

  it('loads the members of several households in one statement', async () => {
    const ids = [];
    for (let n = 0; n < 3; n += 1) ids.push(await register(household(gridA)));
    const counter = queryCounterOf(sg.dataSource);
    const before = counter.count;
    const result = await sg.query<{ _entities: Array<{ members: unknown[] }> }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Household { members { name residentId } } } }`,
      { r: ids.map((id) => ({ __typename: 'Household', id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((h) => h.members.length)).toEqual([3, 3, 3]);
    expect(counter.count - before).toBe(2);
  });

  it('lets only an auditor read the audit log, and only within their scope', async () => {
    const id = await register(household(gridA));
    const from = new Date(Date.now() - 1000).toISOString();
    await named('RevealAddress', REVEAL_ADDRESS, { id }, gridworkerA);
    await named('RevealAddress', REVEAL_ADDRESS, { id }, admin);

    const log = await sg.query<{ gridPersonalDataAccesses: Page<AuditResult> }>(AUDIT, { regionCode: community, since: from }, auditor);
    expect(log.errors).toBeUndefined();
    const ours = nodes(log.data!.gridPersonalDataAccesses).filter((a) => a.recordId === id);
    // Newest first.
    expect(ours.map((a) => [a.subject, a.outcome, a.field, a.recordType, a.operationName])).toEqual([
      [admin.subject, 'FAILURE', 'address', 'Household', 'RevealAddress'],
      [gridworkerA.subject, 'SUCCESS', 'address', 'Household', 'RevealAddress'],
    ]);
    expect(ours[1]).toMatchObject({ subjectName: '李网格', roles: ['GRIDWORKER'], regionCode: community, reason: null });

    const until = await sg.query<{ gridPersonalDataAccesses: Page<AuditResult> }>(AUDIT, { regionCode: community, until: from }, auditor);
    expect(nodes(until.data!.gridPersonalDataAccesses).filter((a) => a.recordId === id)).toEqual([]);
    const one = await sg.query<{ gridPersonalDataAccesses: Page<AuditResult> }>(AUDIT, { regionCode: community, first: 1 }, auditor);
    expect(nodes(one.data!.gridPersonalDataAccesses)).toHaveLength(1);

    const elsewhere = testIdentity({ roles: ['AUDITOR'], regionScopes: ['520322'] });
    const outside = await sg.query<{ gridPersonalDataAccesses: Page<AuditResult> }>(AUDIT, { regionCode: '520201' }, elsewhere);
    expect(outside.errors).toBeUndefined();
    expect(nodes(outside.data!.gridPersonalDataAccesses)).toEqual([]);

    for (const identity of [admin, communityStaff, gridworkerA, testIdentity({ roles: ['DASHBOARD'] })]) {
      const refused = await sg.query(AUDIT, { regionCode: community }, identity);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const badCode = await sg.query(AUDIT, { regionCode: '52x' }, auditor);
    expect(badCode.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const badFirst = await sg.query(AUDIT, { regionCode: community, first: 0 }, auditor);
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('seeds the demo ledger idempotently, encrypted, with the special groups', async () => {
    await seedGridDemo(sg.dataSource);
    await seedGridDemo(sg.dataSource);
    const demo = await sg.dataSource.getRepository(Household).findBy({ regionCode: '520201001001' });
    const demoIds = demo.map((h) => h.id).filter((id) => id.startsWith('00000000-0000-4000-8000-0000000022'));
    expect(demoIds).toHaveLength(4);
    expect(demo.flatMap((h) => h.specialGroups)).toEqual(expect.arrayContaining(['ELDERLY_ALONE', 'LEFT_BEHIND_CHILD']));
    const demoMembers = await sg.dataSource.getRepository(HouseholdMember).findBy({ regionCode: '520201001001' });
    expect(demoMembers.length).toBeGreaterThanOrEqual(4);
    for (const member of demoMembers) {
      const residentId = residentIdOf(member);
      expect(residentId).toMatch(/^520201\d{11}[\dX]$/);
      expect(residentIdCheckCharacter(residentId.slice(0, 17))).toBe(residentId[17]);
    }
    const worker = testIdentity({
      roles: ['GRIDWORKER'],
      regionScopes: ['520201001001'],
      gridIds: ['00000000-0000-4000-8000-000000000201'],
    });
    const list = await sg.query<{ households: Page<{ id: string }> }>(LIST, { gridId: '00000000-0000-4000-8000-000000000201' }, worker);
    const ofFirstGrid = demo.filter((h) => h.gridId === '00000000-0000-4000-8000-000000000201' && demoIds.includes(h.id)).map((h) => h.id);
    expect(ofFirstGrid).toHaveLength(3);
    expect(nodes(list.data!.households).map((h) => h.id)).toEqual(expect.arrayContaining(ofFirstGrid));
  });
});

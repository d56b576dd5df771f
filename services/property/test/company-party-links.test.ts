import { createDataSource } from '@gg/shared';
import { claimTestStreet, startTestSubgraph, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CrossAppointment } from '../src/cross-appointment/cross-appointment.entity';
import { PropertyCompany } from '../src/property-company/property-company.entity';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../src/property-company/property-company.rules';
import { propertyService } from '../src/service';

const COMPANY = `id hasPartyOrganisation partyBuildingInstructor partyOrganisation { id } crossAppointments { id kind partyMemberId since until }`;
const LINK = `mutation ($input: LinkCompanyPartyOrganisationInput!) { linkCompanyPartyOrganisation(input: $input) { ${COMPANY} } }`;
const APPOINT = `mutation ($input: AppointCrossRoleInput!) { appointCrossRole(input: $input) { ${COMPANY} } }`;
const END = `mutation ($input: EndCrossAppointmentInput!) { endCrossAppointment(input: $input) { ${COMPANY} } }`;
const BY_ID = `query ($id: ID!) { propertyCompany(id: $id) { ${COMPANY} } }`;

interface Company {
  id: string;
  hasPartyOrganisation: boolean;
  partyBuildingInstructor: string | null;
  partyOrganisation: { id: string } | null;
  crossAppointments: Array<{ id: string; kind: string; partyMemberId: string; since: string; until: string | null }>;
}

function randomCreditCode(county = '520201'): string {
  let organisation = '';
  for (let i = 0; i < 9; i += 1) organisation += CREDIT_CODE_CHARSET[randomInt(0, 31)];
  const body = `91${county}${organisation}`;
  return body + creditCodeCheckCharacter(body);
}

describe('a property company’s Party organisation, instructor and cross appointments (双向进入、交叉任职)', () => {
  let sg: TestSubgraph;
  let organisation: DataSource;

  /** Announces an organisation-service event as its owner would, and lets this service catch up. */
  async function announce(name: string, payload: Record<string, unknown>): Promise<void> {
    await organisation.query(
      `INSERT INTO organisation.outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', $1, 1, $2)`,
      [name, payload],
    );
    await sg.catchUp();
  }

  /** A company in a new community, a Party organisation and a Party member there, known to this service. */
  async function place(county = '520201') {
    const { communities } = await claimTestStreet(organisation, county);
    const community = communities[0]!;
    await sg.catchUp();
    const created = await sg.query<{ createPropertyCompany: { id: string } }>(
      'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
      {
        i: { name: '党建测试物业有限公司', creditCode: randomCreditCode(county), regionCode: community, partyBuildingInstructor: '王红梅' },
      },
      testIdentity({ regionScopes: [county] }),
    );
    const partyOrganisationId = randomUUID();
    const partyMemberId = randomUUID();
    await announce('PartyOrganisationCreated', { id: partyOrganisationId, regionCode: community, level: 'GRID_BRANCH', kind: 'REGULAR' });
    await announce('PartyMemberRegistered', { id: partyMemberId, regionCode: community, organisationId: partyOrganisationId });
    return { community, companyId: created.data!.createPropertyCompany.id, partyOrganisationId, partyMemberId };
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(propertyService);
    organisation = createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
    await organisation.initialize();
  });
  afterAll(async () => {
    await organisation.destroy();
    await sg.stop();
  });

  it('links the company’s own Party organisation, checked against the references, naming the field when refused', async () => {
    const here = await place();
    const tongzi = await place('520322');
    const dissolved = randomUUID();
    await announce('PartyOrganisationCreated', { id: dissolved, regionCode: here.community, level: 'GRID_BRANCH', kind: 'TEMPORARY' });
    await announce('PartyOrganisationDissolved', { id: dissolved, regionCode: here.community });
    const refused: Array<[string, string, string]> = [
      [randomUUID(), 'BAD_USER_INPUT', 'an unknown organisation'],
      [dissolved, 'BAD_USER_INPUT', 'a dissolved one'],
      [tongzi.partyOrganisationId, 'NOT_FOUND', 'one outside the caller’s scope'],
    ];
    for (const [partyOrganisationId, code, what] of refused) {
      const result = await sg.query(LINK, { input: { companyId: here.companyId, partyOrganisationId } });
      expect([what, result.errors?.[0]?.extensions]).toEqual([what, expect.objectContaining({ code, field: 'input.partyOrganisationId' })]);
    }
    expect(await sg.dataSource.getRepository(PropertyCompany).findOneByOrFail({ id: here.companyId })).toMatchObject({
      partyOrganisationId: null,
      hasPartyOrganisation: false,
    });
    const linked = await sg.query<{ linkCompanyPartyOrganisation: Company }>(LINK, {
      input: { companyId: here.companyId, partyOrganisationId: here.partyOrganisationId },
    });
    expect(linked.data!.linkCompanyPartyOrganisation).toMatchObject({
      hasPartyOrganisation: true,
      partyOrganisation: { id: here.partyOrganisationId },
    });
    const foreign = await sg.query(
      LINK,
      { input: { companyId: here.companyId, partyOrganisationId: tongzi.partyOrganisationId } },
      testIdentity({ regionScopes: ['520322'] }),
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.companyId' });
  });

  it('shows the instructor to staff and masks it for the housing bureau', async () => {
    const { companyId } = await place();
    const read = async (roles: string[]) =>
      (
        await sg.query<{ propertyCompany: Company }>(
          BY_ID,
          { id: companyId },
          testIdentity({ roles: roles as never, clientKind: roles[0] === 'HOUSING_BUREAU' ? 'MACHINE' : 'PERSON' }),
        )
      ).data!.propertyCompany.partyBuildingInstructor;
    expect(await read(['COUNTY_ADMIN'])).toBe('王红梅');
    expect(await read(['HOUSING_BUREAU'])).toBe('王**');
  });

  it('records both directions of cross appointment with dates, ends one keeping it, and refuses the impossible', async () => {
    const here = await place();
    const tongzi = await place('520322');
    const appoint = (input: Record<string, unknown>) => sg.query<{ appointCrossRole: Company }>(APPOINT, { input });
    const adviser = await appoint({
      companyId: here.companyId,
      partyMemberId: here.partyMemberId,
      kind: 'COMMUNITY_PROPERTY_ADVISER',
      since: '2024-03-01',
    });
    expect(adviser.errors).toBeUndefined();
    await appoint({
      companyId: here.companyId,
      partyMemberId: here.partyMemberId,
      kind: 'PART_TIME_COMMUNITY_PARTY_MEMBER',
      since: '2024-06-01',
    });
    const twice = await appoint({
      companyId: here.companyId,
      partyMemberId: here.partyMemberId,
      kind: 'COMMUNITY_PROPERTY_ADVISER',
      since: '2024-07-01',
    });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.partyMemberId' });
    for (const [partyMemberId, code] of [
      [randomUUID(), 'BAD_USER_INPUT'],
      [tongzi.partyMemberId, 'NOT_FOUND'],
    ] as const) {
      const result = await appoint({ companyId: here.companyId, partyMemberId, kind: 'COMMUNITY_PROPERTY_ADVISER', since: '2024-03-01' });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field: 'input.partyMemberId' });
    }
    expect(await sg.dataSource.getRepository(CrossAppointment).countBy({ companyId: here.companyId })).toBe(2);

    const current = (await sg.query<{ propertyCompany: Company }>(BY_ID, { id: here.companyId })).data!.propertyCompany.crossAppointments;
    expect(current.map((a) => [a.kind, a.since, a.until])).toEqual([
      ['COMMUNITY_PROPERTY_ADVISER', '2024-03-01', null],
      ['PART_TIME_COMMUNITY_PARTY_MEMBER', '2024-06-01', null],
    ]);
    const early = await sg.query(END, { input: { appointmentId: current[0]!.id, until: '2024-02-28' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.until' });
    const ended = await sg.query<{ endCrossAppointment: Company }>(END, { input: { appointmentId: current[0]!.id, until: '2025-02-28' } });
    expect(ended.data!.endCrossAppointment.crossAppointments.map((a) => a.until)).toEqual(['2025-02-28', null]);
    const again = await sg.query(END, { input: { appointmentId: current[0]!.id, until: '2025-03-01' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.appointmentId' });
    // Ended, the post may be held again.
    const reappointed = await appoint({
      companyId: here.companyId,
      partyMemberId: here.partyMemberId,
      kind: 'COMMUNITY_PROPERTY_ADVISER',
      since: '2025-03-01',
    });
    expect(reappointed.errors).toBeUndefined();
  });
});

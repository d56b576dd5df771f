import { eventSubscriberFor } from '@gg/shared';
import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../../../scripts/platform';
import { gql, seedCommunity, startTestPlatform, tokenFor } from '../../../tests/helpers';
import { organisationService } from '../src/service';
import { randomResidentId } from './helpers';

type Errors = Array<{ extensions?: { code?: string; field?: string } }> | undefined;

/**
 * References that hold, through the gateway (issue 8's defects and issue 9's cross-county double
 * report): organisation stores ids of grids, households and volunteer teams only when their owners
 * announced them, in the caller's scope, not retired; and a dangling one never nulls its parent.
 */
describe('references of the organisation subgraph, through the gateway', () => {
  let platform: RunningPlatform;
  let admin: string;
  let street: string;
  let community: string;

  /** Another service's record as its owner announces it (an event in its outbox), then caught up here. */
  async function announce(owner: 'grid' | 'volunteer', name: string, payload: Record<string, unknown>): Promise<void> {
    await platform.dataSources[owner].query(
      `INSERT INTO "${owner}".outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', $1, 1, $2)`,
      [name, payload],
    );
    await eventSubscriberFor(organisationService, platform.dataSources.organisation).catchUp();
  }

  async function must<T>(query: string, variables: Record<string, unknown>, token = admin): Promise<T> {
    const result = await gql<T>(platform, token, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  const firstError = (errors: Errors) => errors?.[0]?.extensions;

  /** The street's one street working committee, created by the first test that needs it. */
  let committee: Promise<{ createPartyOrganisation: { id: string } }> | undefined;
  const streetCommittee = () =>
    (committee ??= must<{ createPartyOrganisation: { id: string } }>(
      'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      { i: { name: '引用测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street } },
    ));

  /** A street committee, a community organisation and a confirmed double report of a new member. */
  async function confirmedReport(): Promise<string> {
    const top = await streetCommittee();
    const member = await must<{ registerPartyMember: { id: string } }>(
      'mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }',
      { i: { organisationId: top.createPartyOrganisation.id, name: '赵引用', residentId: randomResidentId('520201') } },
    );
    const report = await must<{ requestDoubleReport: { id: string } }>(
      'mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }',
      {
        i: {
          memberId: member.registerPartyMember.id,
          communityCode: community,
          workUnit: '区住建局',
          certificateNo: 'FWZ-R1',
          letterNo: 'BDH-R1',
        },
      },
    );
    await must('mutation ($id: ID!) { confirmDoubleReport(id: $id) { status } }', { id: report.requestDoubleReport.id });
    return report.requestDoubleReport.id;
  }

  const ASSIGN = 'mutation ($i: AssignDoubleReportInput!) { assignDoubleReport(input: $i) { status grid { id } volunteerTeam { id } } }';

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520201'] });
    ({ street, community } = await seedCommunity(platform, '520201', '引用测试社区'));
    await eventSubscriberFor(organisationService, platform.dataSources.organisation).catchUp();
  }, 60_000);
  afterAll(() => platform.stop());

  it('refuses assignDoubleReport to a grid and a team that exist nowhere, naming each field, and writes nothing', async () => {
    const id = await confirmedReport();
    const grid = randomUUID();
    await announce('grid', 'GridCreated', { id: grid, regionCode: community });
    const unknownGrid = await gql(platform, admin, ASSIGN, { i: { id, gridId: randomUUID() } });
    expect(firstError(unknownGrid.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridId' });
    const unknownTeam = await gql(platform, admin, ASSIGN, { i: { id, gridId: grid, volunteerTeamId: randomUUID() } });
    expect(firstError(unknownTeam.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.volunteerTeamId' });
    const [{ status }] = await platform.dataSources.organisation.query('SELECT status FROM organisation.double_report WHERE id = $1', [id]);
    expect(status).toBe('CONFIRMED');

    const team = randomUUID();
    await announce('volunteer', 'VolunteerTeamCreated', { id: team, regionCode: community });
    const assigned = await must<{ assignDoubleReport: unknown }>(ASSIGN, { i: { id, gridId: grid, volunteerTeamId: team } });
    expect(assigned.assignDoubleReport).toEqual({ status: 'ASSIGNED', grid: { id: grid }, volunteerTeam: { id: team } });
    // Announced to other services, from the same transaction.
    const events = await platform.dataSources.organisation.query(
      `SELECT payload FROM organisation.outbox WHERE name = 'DoubleReportAssigned' AND payload->>'doubleReportId' = $1`,
      [id],
    );
    expect(events).toEqual([{ payload: expect.objectContaining({ gridId: grid, volunteerTeamId: team }) }]);
  });

  it('refuses a retired grid for a double report', async () => {
    const id = await confirmedReport();
    const grid = randomUUID();
    await announce('grid', 'GridCreated', { id: grid, regionCode: community });
    await announce('grid', 'GridRetired', { id: grid, regionCode: community, successorIds: [] });
    const result = await gql(platform, admin, ASSIGN, { i: { id, gridId: grid } });
    expect(firstError(result.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridId' });
  });

  it('checks the grid of a grid branch or building group', async () => {
    const CREATE = 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id grid { id } } }';
    const top = await streetCommittee();
    const comm = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      i: { name: '网格引用社区党委', level: 'COMMUNITY', regionCode: community, parentId: top.createPartyOrganisation.id },
    });
    const branch = { name: '网格引用支部', level: 'GRID_BRANCH', regionCode: community, parentId: comm.createPartyOrganisation.id };
    const unknown = await gql(platform, admin, CREATE, { i: { ...branch, gridId: randomUUID() } });
    expect(firstError(unknown.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gridId' });
    const grid = randomUUID();
    await announce('grid', 'GridCreated', { id: grid, regionCode: community });
    const created = await must<{ createPartyOrganisation: { grid: { id: string } } }>(CREATE, { i: { ...branch, gridId: grid } });
    expect(created.createPartyOrganisation.grid).toEqual({ id: grid });
  });

  it('refuses linkCentralHouseholds with an unknown household, and a dangling household never nulls the organisation', async () => {
    const CREATE = 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }';
    const grid = randomUUID();
    await announce('grid', 'GridCreated', { id: grid, regionCode: community });
    const top = await streetCommittee();
    const comm = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      i: { name: '中心户引用社区党委', level: 'COMMUNITY', regionCode: community, parentId: top.createPartyOrganisation.id },
    });
    const branch = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      i: { name: '中心户引用支部', level: 'GRID_BRANCH', regionCode: community, parentId: comm.createPartyOrganisation.id, gridId: grid },
    });
    // Zhongshan's four-level chain: the central household sits under the grid branch.
    const central = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      i: { name: '党员中心户（引用）', level: 'CENTRAL_HOUSEHOLD', regionCode: community, parentId: branch.createPartyOrganisation.id },
    });
    const organisationId = central.createPartyOrganisation.id;
    const LINK = 'mutation ($i: LinkCentralHouseholdsInput!) { linkCentralHouseholds(input: $i) { id } }';
    const unknown = await gql(platform, admin, LINK, { i: { organisationId, householdIds: [randomUUID()] } });
    expect(firstError(unknown.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.householdIds.0' });

    // A household the grid subgraph announced but cannot show (no ledger row behind it here): the link
    // stays, the organisation still answers, only that entry is null.
    const household = randomUUID();
    await announce('grid', 'HouseholdRegistered', { id: household, regionCode: community, gridId: grid });
    await must(LINK, { i: { organisationId, householdIds: [household] } });
    const read = await gql<{ partyOrganisation: { id: string; households: unknown[] } | null }>(
      platform,
      admin,
      'query ($id: ID!) { partyOrganisation(id: $id) { id households { id address } } }',
      { id: organisationId },
    );
    expect(read.data?.partyOrganisation).toMatchObject({ id: organisationId, households: [null] });
  });

  it('answers NOT_FOUND naming the field when a token of one county requests a double report for a member of another', async () => {
    const top = await streetCommittee();
    const member = await must<{ registerPartyMember: { id: string } }>(
      'mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }',
      { i: { organisationId: top.createPartyOrganisation.id, name: '钱跨县', residentId: randomResidentId('520201') } },
    );
    const tongzi = await seedCommunity(platform, '520322', '跨县测试社区');
    const other = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    const result = await gql(platform, other, 'mutation ($i: RequestDoubleReportInput!) { requestDoubleReport(input: $i) { id } }', {
      i: {
        memberId: member.registerPartyMember.id,
        communityCode: tongzi.community,
        workUnit: '县住建局',
        certificateNo: 'FWZ-X',
        letterNo: 'BDH-X',
      },
    });
    expect(firstError(result.errors)).toMatchObject({ code: 'NOT_FOUND', field: 'input.memberId' });
    const reports = await platform.dataSources.organisation.query(
      'SELECT count(*)::int AS n FROM organisation.double_report WHERE member_id = $1',
      [member.registerPartyMember.id],
    );
    // Nothing written: the member may still report in their own county.
    expect(reports).toEqual([{ n: 0 }]);
  });

  it('answers NOT_FOUND naming the field for a parent organisation of another county, and writes nothing', async () => {
    const CREATE = 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }';
    const top = await streetCommittee();
    const tongzi = await seedCommunity(platform, '520322', '跨县父级测试社区');
    const other = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    const parent = await gql(platform, other, CREATE, {
      i: { name: '跨县社区党委', level: 'COMMUNITY', regionCode: tongzi.community, parentId: top.createPartyOrganisation.id },
    });
    expect(firstError(parent.errors)).toMatchObject({ code: 'NOT_FOUND', field: 'input.parentId' });
    const count = await platform.dataSources.organisation.query(
      'SELECT count(*)::int AS n FROM organisation.party_organisation WHERE region_code = $1',
      [tongzi.community],
    );
    expect(count).toEqual([{ n: 0 }]);
  });
});

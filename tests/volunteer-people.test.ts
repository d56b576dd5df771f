import type { RunningPlatform } from '../scripts/platform';
import { catchUpEvents, gql, seedCommunity, startTestPlatform, tokenFor } from './helpers';
import { randomResidentId } from './matrix/grid';

/**
 * Volunteers and teams through the gateway: a registered volunteer's personal fields masked and
 * their whole reads audited, the volunteer's own view, team members with roles, a team owned by a
 * Party organisation of its line, and the county's team categories.
 */

const COUNTY = '522627'; // 天柱县: Tianzhu files its teams under its own five service lines
const REGISTER = `mutation ($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) {
  id source name residentId phone skills availability gridId region { code }
} }`;
const VOLUNTEER = `query ($id: ID!, $reveal: Boolean) { volunteer(id: $id) {
  id name(reveal: $reveal) residentId(reveal: $reveal) phone(reveal: $reveal) teams { role team { id name } }
} }`;
const CREATE_TEAM = `mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id ownerKind ownerOrganisationId } }`;
const ADD = `mutation ($i: AddVolunteerToTeamInput!) { addVolunteerToTeam(input: $i) { id role volunteer { id } team { id } } }`;

describe('volunteers and teams through the gateway', () => {
  let platform: RunningPlatform;
  let community: string;
  let street: string;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ community, street } = await seedCommunity(platform, COUNTY, '志愿者测试社区'));
    admin = await tokenFor({ sub: 'county-admin', roles: ['COUNTY_ADMIN'], regions: [COUNTY] });
    staff = await tokenFor({ sub: 'community-staff', roles: ['COMMUNITY_STAFF'], regions: [community] });
  }, 60_000);
  afterAll(() => platform.stop());

  const register = async (input: Record<string, unknown>) =>
    gql<{ registerVolunteer: Record<string, unknown> & { id: string } }>(platform, admin, REGISTER, {
      i: { regionCode: community, name: '王小明', residentId: randomResidentId(COUNTY), ...input },
    });

  it('registers a volunteer with masked personal fields; staff reveal them, audited; a second registration of the person is a CONFLICT', async () => {
    const residentId = randomResidentId(COUNTY);
    const created = await register({
      residentId,
      phone: '13812341234',
      skills: ['急救', '心理疏导'],
      availability: ['WEEKEND_DAYTIME', 'WEEKDAY_EVENING'],
    });
    expect(created.errors).toBeUndefined();
    const volunteer = created.data!.registerVolunteer;
    expect(volunteer).toMatchObject({
      source: 'REGISTERED',
      name: '王**',
      phone: '138****1234',
      skills: ['急救', '心理疏导'],
      availability: ['WEEKEND_DAYTIME', 'WEEKDAY_EVENING'],
      region: { code: community },
    });
    expect(volunteer.residentId).not.toBe(residentId);
    expect(JSON.stringify(created)).not.toContain(residentId);

    const revealed = await gql<{ volunteer: Record<string, string> }>(platform, staff, VOLUNTEER, { id: volunteer.id, reveal: true });
    expect(revealed.errors).toBeUndefined();
    expect(revealed.data!.volunteer).toMatchObject({ name: '王小明', residentId, phone: '13812341234' });
    // The county administrator sees it masked and is refused the whole value (and the refusal is audited too).
    const refused = await gql(platform, admin, VOLUNTEER, { id: volunteer.id, reveal: true });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const auditor = await tokenFor({ roles: ['AUDITOR'], regions: [community] });
    const log = await gql<{ volunteerPersonalDataAccesses: { edges: Array<{ node: Record<string, string> }> } }>(
      platform,
      auditor,
      `query ($c: ID!) { volunteerPersonalDataAccesses(regionCode: $c) { edges { node { subject recordType recordId field outcome } } } }`,
      { c: community },
    );
    const reads = log.data!.volunteerPersonalDataAccesses.edges.map((e) => e.node).filter((n) => n.recordId === volunteer.id);
    expect(
      reads
        .filter((r) => r.outcome === 'SUCCESS')
        .map((r) => r.field)
        .sort(),
    ).toEqual(['name', 'phone', 'residentId']);
    expect(reads.every((r) => r.recordType === 'Volunteer')).toBe(true);
    expect(reads.some((r) => r.outcome === 'FAILURE' && r.subject === 'county-admin')).toBe(true);

    const again = await register({ residentId, name: '王小明' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.residentId' });
  });

  it('checks the home grid and shows a volunteer their own record (their login recorded at registration), and no one else’s', async () => {
    const unknownGrid = await register({ homeGridId: '00000000-0000-4000-8000-00000000dead' });
    expect(unknownGrid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.homeGridId' });
    const mine = (await register({ accountSubject: 'volunteer-li', name: '李四' })).data!.registerVolunteer;
    await register({ accountSubject: 'volunteer-zhang', name: '张三' });
    const self = await tokenFor({ sub: 'volunteer-li', roles: ['VOLUNTEER'], regions: [community] });
    const records = await gql<{ myVolunteerRecords: Array<{ id: string; name: string }> }>(
      platform,
      self,
      '{ myVolunteerRecords { id name(reveal: true) } }',
    );
    expect(records.errors).toBeUndefined();
    expect(records.data!.myVolunteerRecords).toEqual([{ id: mine.id, name: '李四' }]);
    const stranger = await tokenFor({ sub: 'volunteer-wang', roles: ['VOLUNTEER'], regions: [community] });
    expect(
      (await gql<{ myVolunteerRecords: unknown[] }>(platform, stranger, '{ myVolunteerRecords { id } }')).data!.myVolunteerRecords,
    ).toEqual([]);
    const peek = await gql(platform, stranger, VOLUNTEER, { id: mine.id, reveal: true });
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The volunteer updates what they offer; someone else may not; a field left out stays.
    const UPDATE = `mutation ($i: UpdateVolunteerProfileInput!) { updateVolunteerProfile(input: $i) { skills availability gridId } }`;
    const updated = await gql<{ updateVolunteerProfile: Record<string, unknown> }>(platform, self, UPDATE, {
      i: { volunteerId: mine.id, skills: ['书法', '剪纸'], availability: ['WEEKEND_DAYTIME'] },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateVolunteerProfile).toEqual({ skills: ['书法', '剪纸'], availability: ['WEEKEND_DAYTIME'], gridId: null });
    const kept = await gql<{ updateVolunteerProfile: Record<string, unknown> }>(platform, admin, UPDATE, {
      i: { volunteerId: mine.id, availability: [] },
    });
    expect(kept.data!.updateVolunteerProfile).toEqual({ skills: ['书法', '剪纸'], availability: [], gridId: null });
    const byStranger = await gql(platform, stranger, UPDATE, { i: { volunteerId: mine.id, skills: [] } });
    expect(byStranger.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.volunteerId' });
    const twice = await gql(platform, admin, UPDATE, { i: { volunteerId: mine.id, skills: ['书法', ' 书法 '] } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skills.1' });
  });

  it('files teams under the county’s categories, owned by a Party organisation of their line, with members in roles (one leader)', async () => {
    const set = await gql<{ setVolunteerTeamCategories: { categories: string[] } }>(
      platform,
      admin,
      'mutation ($i: SetVolunteerTeamCategoriesInput!) { setVolunteerTeamCategories(input: $i) { categories } }',
      { i: { countyCode: COUNTY, categories: ['ENVIRONMENT', 'EMPLOYMENT', 'CARE', 'SAFETY_FIRE', 'CULTURE'] } },
    );
    expect(set.errors).toBeUndefined();
    const red = await gql(platform, admin, CREATE_TEAM, { i: { name: '红色宣讲队', category: 'RED', regionCode: community } });
    expect(red.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.category' });

    const organisation = async (input: Record<string, unknown>) => {
      const result = await gql<{ createPartyOrganisation: { id: string } }>(
        platform,
        admin,
        'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
        { i: input },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.createPartyOrganisation.id;
    };
    const streetCommittee = await organisation({ name: '志愿者测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street });
    const committee = await organisation({
      name: '志愿者测试社区党委',
      level: 'COMMUNITY',
      regionCode: community,
      parentId: streetCommittee,
    });
    await catchUpEvents(platform);
    const team = await gql<{ createVolunteerTeam: { id: string; ownerKind: string; ownerOrganisationId: string } }>(
      platform,
      admin,
      CREATE_TEAM,
      { i: { name: '侗乡文化志愿服务队', category: 'CULTURE', regionCode: community, ownerOrganisationId: committee } },
    );
    expect(team.errors).toBeUndefined();
    expect(team.data!.createVolunteerTeam).toMatchObject({ ownerKind: 'PARTY_ORGANISATION', ownerOrganisationId: committee });
    const teamId = team.data!.createVolunteerTeam.id;
    const unknownOwner = await gql(platform, admin, CREATE_TEAM, {
      i: {
        name: '环保志愿服务队',
        category: 'ENVIRONMENT',
        regionCode: community,
        ownerOrganisationId: '00000000-0000-4000-8000-00000000beef',
      },
    });
    expect(unknownOwner.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ownerOrganisationId' });

    const leader = (await register({ name: '杨队长' })).data!.registerVolunteer.id;
    const member = (await register({ name: '吴队员' })).data!.registerVolunteer.id;
    const added = await gql(platform, admin, ADD, { i: { teamId, volunteerId: leader, role: 'LEADER' } });
    expect(added.errors).toBeUndefined();
    expect(added.data).toMatchObject({ addVolunteerToTeam: { role: 'LEADER', volunteer: { id: leader }, team: { id: teamId } } });
    const second = await gql(platform, admin, ADD, { i: { teamId, volunteerId: member, role: 'LEADER' } });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.role' });
    expect((await gql(platform, admin, ADD, { i: { teamId, volunteerId: member } })).errors).toBeUndefined();
    const twice = await gql(platform, admin, ADD, { i: { teamId, volunteerId: member } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.volunteerId' });

    const members = await gql<{ volunteerTeam: { members: { totalCount: number; edges: Array<{ node: { role: string } }> } } }>(
      platform,
      admin,
      'query ($id: ID!) { volunteerTeam(id: $id) { members { totalCount edges { node { role volunteer { id } } } } } }',
      { id: teamId },
    );
    expect(members.data!.volunteerTeam.members.totalCount).toBe(2);
    expect(members.data!.volunteerTeam.members.edges.map((e) => e.node.role)).toEqual(['LEADER', 'MEMBER']);
    const seen = await gql<{ volunteer: { teams: Array<{ role: string; team: { id: string } }> } }>(platform, staff, VOLUNTEER, {
      id: leader,
    });
    expect(seen.data!.volunteer.teams).toEqual([{ role: 'LEADER', team: { id: teamId, name: '侗乡文化志愿服务队' } }]);

    // Another county sees none of it.
    const outsider = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: ['520322'] });
    expect((await gql<{ volunteer: null }>(platform, outsider, VOLUNTEER, { id: leader })).data!.volunteer).toBeNull();
    const foreign = await gql(platform, outsider, ADD, { i: { teamId, volunteerId: member } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const categories = await gql<{ volunteerTeamCategories: null }>(
      platform,
      outsider,
      'query ($c: ID!) { volunteerTeamCategories(countyCode: $c) { categories } }',
      { c: COUNTY },
    );
    expect(categories.data!.volunteerTeamCategories).toBeNull();
  });
});

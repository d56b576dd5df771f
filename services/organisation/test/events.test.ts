import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { organisationService } from '../src/service';
import { randomResidentId, seedStreet } from './helpers';

/**
 * What organisation tells the other services: every region, organisation and member, announced from
 * the command's own transaction (and, for what existed before the outbox, by the backfill migration).
 */
describe('events organisation publishes', () => {
  let sg: TestSubgraph;
  let street: string;
  let community: string;
  const admin = testIdentity({ roles: ['COUNTY_ADMIN'], regionScopes: ['520201'] });

  async function must<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await sg.query<T>(query, variables, admin);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  /** The payloads of one event about one aggregate. */
  async function published(name: string, aggregateId: string): Promise<unknown[]> {
    const rows: Array<{ payload: unknown }> = await sg.dataSource.query(
      `SELECT payload FROM organisation.outbox WHERE kind = 'EVENT' AND name = $1 AND aggregate_id = $2 ORDER BY position`,
      [name, aggregateId],
    );
    return rows.map((r) => r.payload);
  }

  beforeAll(async () => {
    sg = await startTestSubgraph(organisationService);
    ({ street, community } = await seedStreet(sg, '520201'));
  });
  afterAll(() => sg.stop());

  it('backfilled a RegionAdded for every region of the code load, parents before children', async () => {
    // The provinces, cities and counties of the code load (migration 1763800000100).
    const codeLoad = ['52', '5203', '520303', '520322', '520323', '5202', '520201', '5226', '522624', '522627', '522628'];
    const more = ['32', '3209', '320904', '320924', '320925'];
    const announced: Array<{ code: string }> = await sg.dataSource.query(
      `SELECT DISTINCT payload->>'code' AS code FROM organisation.outbox WHERE name = 'RegionAdded' AND payload->>'code' = ANY($1)`,
      [[...codeLoad, ...more]],
    );
    expect(announced.map((r) => r.code).sort()).toEqual([...codeLoad, ...more].sort());
    const [zhongshan] = await published('RegionAdded', '520201');
    expect(zhongshan).toEqual({ code: '520201', level: 'COUNTY', parentCode: '5202' });
    const [{ city, county }] = await sg.dataSource.query(
      `SELECT min(position) FILTER (WHERE payload->>'code' = '5202') AS city, min(position) FILTER (WHERE payload->>'code' = '520201') AS county
       FROM organisation.outbox WHERE name = 'RegionAdded'`,
    );
    expect(Number(city)).toBeLessThan(Number(county));
  });

  it('announces addRegion, a new organisation, its dissolution and a new member, and nothing for a refused write', async () => {
    const code = `${street}9${String(Math.floor(Math.random() * 90) + 10)}`;
    await must('mutation ($i: AddRegionInput!) { addRegion(input: $i) { code } }', { i: { code, name: '事件测试社区' } });
    expect(await published('RegionAdded', code)).toEqual([{ code, level: 'COMMUNITY', parentCode: street }]);
    const again = await sg.query(
      'mutation ($i: AddRegionInput!) { addRegion(input: $i) { code } }',
      { i: { code, name: '重复社区' } },
      admin,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    expect(await published('RegionAdded', code)).toHaveLength(1);

    const CREATE = 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }';
    const top = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      i: { name: '事件测试街道党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: street },
    });
    const topId = top.createPartyOrganisation.id;
    expect(await published('PartyOrganisationCreated', topId)).toEqual([
      { id: topId, regionCode: street, level: 'STREET_WORKING_COMMITTEE', kind: 'REGULAR' },
    ]);
    const branch = await must<{ createPartyOrganisation: { id: string } }>(CREATE, {
      i: {
        name: '事件测试临时党支部',
        level: 'COMMUNITY',
        kind: 'TEMPORARY',
        regionCode: community,
        parentId: topId,
        activation: { reason: '防汛抢险', activatedOn: '2025-06-01' },
      },
    });
    const branchId = branch.createPartyOrganisation.id;
    await must('mutation ($i: DissolveTemporaryBranchInput!) { dissolveTemporaryBranch(input: $i) { id } }', {
      i: { id: branchId, dissolvedOn: '2025-09-01' },
    });
    expect(await published('PartyOrganisationDissolved', branchId)).toEqual([{ id: branchId, regionCode: community }]);

    const member = await must<{ registerPartyMember: { id: string } }>(
      'mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }',
      { i: { organisationId: topId, name: '孙事件', residentId: randomResidentId('520201') } },
    );
    const memberId = member.registerPartyMember.id;
    // Ids and codes only: never the member's name or resident ID number.
    expect(await published('PartyMemberRegistered', memberId)).toEqual([{ id: memberId, regionCode: street, organisationId: topId }]);
  });
});

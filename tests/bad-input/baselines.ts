import type { RunningPlatform } from '../../scripts/platform';
import { gql, tokenFor } from '../helpers';
import { randomResidentId } from '../matrix/grid';
import type { Case, Records } from '../matrix/types';
import { baselineArguments } from './schema';

/**
 * The access matrix's writes only need to reach the access check; the bad-input test needs writes
 * that would succeed, so a bad leaf is the only thing wrong with them. Where the matrix's write is
 * not one (a dissolution of a regular organisation, a double report for a member who has one), or
 * leaves out an optional input object whose leaves must be tried too (a temporary branch's
 * activation), the write is completed here, with a few more records seeded in county A.
 */

/** Records the completed writes need beyond the matrix's seed, created in county A. */
export async function seedMore(platform: RunningPlatform, a: Records): Promise<Records> {
  const admin = await tokenFor({ roles: ['COUNTY_ADMIN'], regions: [a.county!] });
  const run = async (query: string, variables: Record<string, unknown>) => {
    const result = await gql<Record<string, { id: string }>>(platform, admin, query, variables);
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return Object.values(result.data!)[0]!.id;
  };
  const organisation = (input: Record<string, unknown>) =>
    run('mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }', { i: input });
  const gridBranchId = await organisation({
    name: '坏输入测试网格党支部',
    level: 'GRID_BRANCH',
    regionCode: a.community,
    parentId: a.communityOrganisationId,
    gridId: a.gridId,
  });
  const temporaryBranchId = await organisation({
    name: '坏输入测试临时党支部',
    level: 'GRID_BRANCH',
    kind: 'TEMPORARY',
    regionCode: a.community,
    parentId: a.communityOrganisationId,
    activation: { reason: '防汛抢险', activatedOn: '2025-06-20' },
  });
  // The default chain has five levels: a central household sits under a building group.
  const buildingGroupId = await organisation({
    name: '坏输入测试楼栋党小组',
    level: 'BUILDING_GROUP',
    regionCode: a.community,
    parentId: gridBranchId,
  });
  const centralHouseholdId = await organisation({
    name: '坏输入测试中心户',
    level: 'CENTRAL_HOUSEHOLD',
    regionCode: a.community,
    parentId: buildingGroupId,
  });
  const spareMemberId = await run('mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }', {
    i: { organisationId: a.communityOrganisationId, name: '赵坏输', residentId: randomResidentId(a.county!) },
  });
  // A confirmed report, so an assignment is a valid write.
  await run('mutation ($id: ID!) { confirmDoubleReport(id: $id) { id } }', { id: a.doubleReportId });
  return { gridBranchId, temporaryBranchId, centralHouseholdId, spareMemberId };
}

type Completion = (a: Records) => Record<string, unknown>;

/** Per mutation, the input fields that make the matrix's write a valid one (merged into `input`). */
const COMPLETIONS: Record<string, Completion> = {
  createPartyOrganisation: (a) => ({
    level: 'GRID_BRANCH',
    kind: 'TEMPORARY',
    regionCode: a.community,
    parentId: a.communityOrganisationId,
    gridId: a.gridId,
    activation: { reason: '防汛抢险', activatedOn: '2025-06-20' },
  }),
  dissolveTemporaryBranch: (a) => ({ id: a.temporaryBranchId, dissolvedOn: '2025-07-01', note: '汛期结束' }),
  linkCentralHouseholds: (a) => ({ organisationId: a.centralHouseholdId, householdIds: [a.householdId] }),
  requestDoubleReport: (a) => ({ memberId: a.spareMemberId, skills: ['理论宣讲'], wish: '参与社区宣讲' }),
  assignDoubleReport: (a) => ({ gridId: a.gridId, volunteerTeamId: a.volunteerTeamId }),
  registerTwoNewEntity: (a) => ({ partyOrganisationId: a.communityOrganisationId }),
};

/** A valid write of the mutation in county A: the matrix's, completed where it needs to be. */
export function validArguments(mutation: string, matrixCase: Case, a: Records): Record<string, unknown> {
  const args = baselineArguments(matrixCase, a);
  const completion = COMPLETIONS[mutation];
  if (!completion) return args;
  return { ...args, input: { ...(args.input as Record<string, unknown>), ...completion(a) } };
}

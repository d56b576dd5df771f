import { maskName, maskPhone, maskResidentId, personalValue, type SubgraphContext } from '@gg/shared';
import type { DoubleReportResolvers, PartyMemberResolvers, PartyOrganisationResolvers, QueryResolvers } from '../generated/graphql';
import { loadPartyOrganisation } from '../party-organisation/party-organisation.queries';
import { loadRegion } from '../region/region.queries';
import type { PartyMember } from './party-member.entity';
import {
  doubleReportsConnection,
  findPartyMemberByResidentId,
  loadDoubleReportsOfMember,
  loadPartyMember,
  membersConnection,
  residentIdOf,
} from './party-member.queries';
import { mayRevealMember } from './party-member.rules';

/** A personal field of a member: masked, or whole when asked for and allowed, audited either way. */
function personal(
  context: SubgraphContext,
  member: PartyMember,
  field: string,
  value: string | null,
  reveal: boolean | null | undefined,
  mask: (value: string) => string,
) {
  return personalValue(context, { recordType: 'PartyMember', recordId: member.id, regionCode: member.regionCode }, field, value, {
    reveal: reveal ?? false,
    allowed: mayRevealMember(context.identity, member),
    mask,
  });
}

export const partyMemberQueries: QueryResolvers = {
  partyMember: (_, args, context) => loadPartyMember(context, args.id),
  partyMemberByResidentId: (_, args, context) => findPartyMemberByResidentId(context, args.residentId),
  doubleReports: (_, args, context) => doubleReportsConnection(context, args),
};

export const partyMemberFields: PartyMemberResolvers = {
  organisation: (member, _, context) => loadPartyOrganisation(context, member.organisationId),
  name: async (member, args, context) => (await personal(context, member, 'name', member.name, args.reveal, maskName))!,
  phone: (member, args, context) => personal(context, member, 'phone', member.phone, args.reveal, maskPhone),
  // Decrypted to be masked or, once the read is audited, shown whole; the cipher never leaves.
  residentId: async (member, args, context) =>
    (await personal(context, member, 'residentId', residentIdOf(member), args.reveal, maskResidentId))!,
  temporaryBranch: (member, _, context) => (member.temporaryBranchId ? loadPartyOrganisation(context, member.temporaryBranchId) : null),
  doubleReports: (member, _, context) => loadDoubleReportsOfMember(context, member.id),
};

export const doubleReportFields: DoubleReportResolvers = {
  member: (report, _, context) => loadPartyMember(context, report.memberId),
  community: async (report, _, context) => (await loadRegion(context, report.regionCode))!,
  grid: (report) => (report.gridId ? { id: report.gridId } : null),
  volunteerTeam: (report) => (report.volunteerTeamId ? { id: report.volunteerTeamId } : null),
};

export const organisationMemberFields: PartyOrganisationResolvers = {
  members: (organisation, args, context) => membersConnection(context, organisation, args),
};

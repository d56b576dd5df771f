import {
  maskName,
  maskPhone,
  maskResidentId,
  pageSize,
  parseInput,
  personalValue,
  type ResolverGroup,
  type SubgraphContext,
} from '@gg/shared';
import { z } from 'zod';
import { loadPartyOrganisation } from '../party-organisation/party-organisation.service';
import { loadRegion } from '../region/region.service';
import { DoubleReport, PartyMember } from './party-member.entity';
import {
  assignDoubleReportInput,
  assignTemporaryBranchInput,
  claimPioneerPostsInput,
  mayRevealMember,
  registerPartyMemberInput,
  requestDoubleReportInput,
  withdrawDoubleReportInput,
  type DoubleReportStatus,
} from './party-member.rules';
import {
  assignDoubleReport,
  assignTemporaryBranch,
  claimPioneerPosts,
  confirmDoubleReport,
  findPartyMemberByResidentId,
  listDoubleReports,
  listOrganisationPersonalDataAccesses,
  loadDoubleReportsOfMember,
  loadPartyMember,
  registerPartyMember,
  requestDoubleReport,
  residentIdOf,
  withdrawDoubleReport,
} from './party-member.service';

type RevealArgs = { reveal?: boolean | null };
type Input = { input: unknown };

/** A personal field of a member: masked, or whole when asked for and allowed, audited either way. */
function personal(
  context: SubgraphContext,
  member: PartyMember,
  field: string,
  value: string | null,
  args: RevealArgs,
  mask: (value: string) => string,
) {
  return personalValue(context, { recordType: 'PartyMember', recordId: member.id, regionCode: member.regionCode }, field, value, {
    reveal: args.reveal ?? false,
    allowed: mayRevealMember(context.identity, member),
    mask,
  });
}

export const partyMemberResolvers: ResolverGroup = {
  Query: {
    partyMember: (_: unknown, args: { id: string }, context: SubgraphContext) => loadPartyMember(context, args.id),
    partyMemberByResidentId: (_: unknown, args: { residentId: string }, context: SubgraphContext) =>
      findPartyMemberByResidentId(context, args.residentId),
    doubleReports: (
      _: unknown,
      args: { regionCode: string; status?: DoubleReportStatus | null; first?: number },
      context: SubgraphContext,
    ) => listDoubleReports(context, { regionCode: args.regionCode, status: args.status ?? undefined, first: pageSize(args.first) }),
    organisationPersonalDataAccesses: (
      _: unknown,
      args: { regionCode: string; since?: Date | null; until?: Date | null; first?: number },
      context: SubgraphContext,
    ) =>
      listOrganisationPersonalDataAccesses(context, {
        regionCode: args.regionCode,
        since: args.since ?? undefined,
        until: args.until ?? undefined,
        first: pageSize(args.first),
      }),
  },
  Mutation: {
    registerPartyMember: (_: unknown, args: Input, context: SubgraphContext) =>
      registerPartyMember(context, parseInput(registerPartyMemberInput, args.input)),
    claimPioneerPosts: (_: unknown, args: Input, context: SubgraphContext) =>
      claimPioneerPosts(context, parseInput(claimPioneerPostsInput, args.input)),
    assignTemporaryBranch: (_: unknown, args: Input, context: SubgraphContext) =>
      assignTemporaryBranch(context, parseInput(assignTemporaryBranchInput, args.input)),
    requestDoubleReport: (_: unknown, args: Input, context: SubgraphContext) =>
      requestDoubleReport(context, parseInput(requestDoubleReportInput, args.input)),
    confirmDoubleReport: (_: unknown, args: { id: string }, context: SubgraphContext) =>
      confirmDoubleReport(context, parseInput(z.uuid('not a valid id'), args.id, 'id')),
    assignDoubleReport: (_: unknown, args: Input, context: SubgraphContext) =>
      assignDoubleReport(context, parseInput(assignDoubleReportInput, args.input)),
    withdrawDoubleReport: (_: unknown, args: Input, context: SubgraphContext) =>
      withdrawDoubleReport(context, parseInput(withdrawDoubleReportInput, args.input)),
  },
  PartyMember: {
    organisation: (member: PartyMember, _: unknown, context: SubgraphContext) => loadPartyOrganisation(context, member.organisationId),
    name: (member: PartyMember, args: RevealArgs, context: SubgraphContext) =>
      personal(context, member, 'name', member.name, args, maskName),
    phone: (member: PartyMember, args: RevealArgs, context: SubgraphContext) =>
      personal(context, member, 'phone', member.phone, args, maskPhone),
    // Decrypted to be masked or, once the read is audited, shown whole; the cipher never leaves.
    residentId: (member: PartyMember, args: RevealArgs, context: SubgraphContext) =>
      personal(context, member, 'residentId', residentIdOf(member), args, maskResidentId),
    temporaryBranch: (member: PartyMember, _: unknown, context: SubgraphContext) =>
      member.temporaryBranchId ? loadPartyOrganisation(context, member.temporaryBranchId) : null,
    doubleReports: (member: PartyMember, _: unknown, context: SubgraphContext) => loadDoubleReportsOfMember(context, member.id),
  },
  DoubleReport: {
    member: (report: DoubleReport, _: unknown, context: SubgraphContext) => loadPartyMember(context, report.memberId),
    community: (report: DoubleReport, _: unknown, context: SubgraphContext) => loadRegion(context, report.regionCode),
    grid: (report: DoubleReport) => (report.gridId ? { id: report.gridId } : null),
    volunteerTeam: (report: DoubleReport) => (report.volunteerTeamId ? { id: report.volunteerTeamId } : null),
  },
};

import { pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadMembersOf } from '../party-member/party-member.service';
import { loadRegion } from '../region/region.service';
import { PartyOrganisation } from './party-organisation.entity';
import {
  assessBranchInput,
  createPartyOrganisationInput,
  dissolveTemporaryBranchInput,
  linkCentralHouseholdsInput,
  movePartyOrganisationInput,
} from './party-organisation.rules';
import {
  assessBranch,
  createPartyOrganisation,
  dissolveTemporaryBranch,
  linkCentralHouseholds,
  loadAssessments,
  loadChildOrganisations,
  loadDescendants,
  loadLinkedHouseholds,
  loadPartyOrganisation,
  loadSubtreeCounts,
  movePartyOrganisation,
} from './party-organisation.service';

type Input = { input: unknown };

export const partyOrganisationResolvers: ResolverGroup = {
  Query: {
    partyOrganisation: (_: unknown, args: { id: string }, context: SubgraphContext) => loadPartyOrganisation(context, args.id),
  },
  Mutation: {
    createPartyOrganisation: (_: unknown, args: Input, context: SubgraphContext) =>
      createPartyOrganisation(context, parseInput(createPartyOrganisationInput, args.input)),
    movePartyOrganisation: (_: unknown, args: Input, context: SubgraphContext) =>
      movePartyOrganisation(context, parseInput(movePartyOrganisationInput, args.input)),
    dissolveTemporaryBranch: (_: unknown, args: Input, context: SubgraphContext) =>
      dissolveTemporaryBranch(context, parseInput(dissolveTemporaryBranchInput, args.input)),
    linkCentralHouseholds: (_: unknown, args: Input, context: SubgraphContext) =>
      linkCentralHouseholds(context, parseInput(linkCentralHouseholdsInput, args.input)),
    assessBranch: (_: unknown, args: Input, context: SubgraphContext) => assessBranch(context, parseInput(assessBranchInput, args.input)),
  },
  PartyOrganisation: {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) => loadPartyOrganisation(context, reference.id),
    // A region is always visible when a record in it is: regions are shown to anyone whose scope reaches them.
    region: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) => loadRegion(context, organisation.regionCode),
    parent: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) =>
      organisation.parentId ? loadPartyOrganisation(context, organisation.parentId) : null,
    children: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) => loadChildOrganisations(context, organisation.id),
    descendants: (organisation: PartyOrganisation, args: { first?: number }, context: SubgraphContext) =>
      loadDescendants(context, organisation, pageSize(args.first)),
    subtreeCounts: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) => loadSubtreeCounts(context, organisation),
    grid: (organisation: PartyOrganisation) => (organisation.gridId ? { id: organisation.gridId } : null),
    temporary: (organisation: PartyOrganisation) =>
      organisation.kind === 'TEMPORARY' && organisation.activatedOn
        ? {
            reason: organisation.activationReason,
            activatedOn: organisation.activatedOn,
            dissolvedOn: organisation.dissolvedOn,
            dissolutionNote: organisation.dissolutionNote,
            active: organisation.dissolvedOn === null,
          }
        : null,
    households: async (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) =>
      organisation.level === 'CENTRAL_HOUSEHOLD'
        ? (await loadLinkedHouseholds(context, organisation.id)).map((l) => ({ id: l.householdId }))
        : [],
    assessments: (organisation: PartyOrganisation, _: unknown, context: SubgraphContext) => loadAssessments(context, organisation.id),
    members: (organisation: PartyOrganisation, args: { first?: number; subtree?: boolean | null }, context: SubgraphContext) =>
      loadMembersOf(context, organisation, pageSize(args.first), args.subtree ?? false),
  },
};

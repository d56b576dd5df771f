import type { PartyChainViolationResolvers, PartyOrganisationResolvers, QueryResolvers, RegionResolvers } from '../generated/graphql';
import { loadRegion } from '../region/region.queries';
import {
  descendantsConnection,
  loadAssessments,
  loadChildOrganisations,
  loadLinkedHouseholds,
  loadPartyOrganisation,
  loadSubtreeCounts,
  regionOrganisationsConnection,
} from './party-organisation.queries';

export const partyOrganisationQueries: QueryResolvers = {
  partyOrganisation: (_, args, context) => loadPartyOrganisation(context, args.id),
};

export const partyOrganisationFields: PartyOrganisationResolvers = {
  __resolveReference: (reference, context) => loadPartyOrganisation(context, reference.id!),
  // A region is always visible when a record in it is: regions are shown to anyone whose scope reaches them.
  region: async (organisation, _, context) => (await loadRegion(context, organisation.regionCode))!,
  parent: (organisation, _, context) => (organisation.parentId ? loadPartyOrganisation(context, organisation.parentId) : null),
  children: (organisation, _, context) => loadChildOrganisations(context, organisation.id),
  descendants: (organisation, args, context) => descendantsConnection(context, organisation, args),
  subtreeCounts: (organisation, _, context) => loadSubtreeCounts(context, organisation),
  grid: (organisation) => (organisation.gridId ? { id: organisation.gridId } : null),
  temporary: (organisation) =>
    organisation.kind === 'TEMPORARY' && organisation.activatedOn
      ? {
          reason: organisation.activationReason!,
          activatedOn: organisation.activatedOn,
          dissolvedOn: organisation.dissolvedOn,
          dissolutionNote: organisation.dissolutionNote,
          active: organisation.dissolvedOn === null,
        }
      : null,
  households: async (organisation, _, context) =>
    organisation.level === 'CENTRAL_HOUSEHOLD'
      ? (await loadLinkedHouseholds(context, organisation.id)).map((l) => ({ id: l.householdId }))
      : [],
  assessments: (organisation, _, context) => loadAssessments(context, organisation.id),
};

export const regionOrganisationFields: RegionResolvers = {
  partyOrganisations: (region, args, context) => regionOrganisationsConnection(context, region.code, args),
};

/** The organisation a chain configuration would leave invalid (the chain aggregate only names it). */
export const partyChainViolationFields: PartyChainViolationResolvers = {
  organisation: (violation, _, context) => loadPartyOrganisation(context, violation.organisationId),
};

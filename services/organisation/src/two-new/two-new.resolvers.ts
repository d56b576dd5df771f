import type { QueryResolvers, TwoNewEntityResolvers } from '../generated/graphql';
import { loadPartyOrganisation } from '../party-organisation/party-organisation.queries';
import { loadRegion } from '../region/region.queries';
import { twoNewEntitiesConnection } from './two-new.queries';

export const twoNewQueries: QueryResolvers = {
  twoNewEntities: (_, args, context) => twoNewEntitiesConnection(context, args),
};

export const twoNewEntityFields: TwoNewEntityResolvers = {
  region: async (entity, _, context) => (await loadRegion(context, entity.regionCode))!,
  partyOrganisation: (entity, _, context) =>
    entity.partyOrganisationId ? loadPartyOrganisation(context, entity.partyOrganisationId) : null,
};

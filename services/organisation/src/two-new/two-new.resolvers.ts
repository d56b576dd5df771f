import { pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadPartyOrganisation } from '../party-organisation/party-organisation.service';
import { loadRegion } from '../region/region.service';
import { TwoNewEntity } from './two-new.entity';
import { registerTwoNewEntityInput } from './two-new.rules';
import { listTwoNewEntities, registerTwoNewEntity } from './two-new.service';

export const twoNewResolvers: ResolverGroup = {
  Query: {
    twoNewEntities: (_: unknown, args: { regionCode: string; first?: number }, context: SubgraphContext) =>
      listTwoNewEntities(context, args.regionCode, pageSize(args.first)),
  },
  Mutation: {
    registerTwoNewEntity: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
      registerTwoNewEntity(context, parseInput(registerTwoNewEntityInput, args.input)),
  },
  TwoNewEntity: {
    region: (entity: TwoNewEntity, _: unknown, context: SubgraphContext) => loadRegion(context, entity.regionCode),
    partyOrganisation: (entity: TwoNewEntity, _: unknown, context: SubgraphContext) =>
      entity.partyOrganisationId ? loadPartyOrganisation(context, entity.partyOrganisationId) : null,
  },
};

import { maskName } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadCollectiveOrganisation } from '../collective-organisation/collective-organisation.queries';
import { loadShareholder, shareRegister } from './shareholder.queries';

/** Thin: the register to its SDL shape; shares fit an Int (at most 100,000,000 issued at a time). */
export const shareholderResolvers: Resolvers = {
  Query: {
    shareRegister: async (_, args, context) => {
      const lines = await shareRegister(context, args.collectiveOrganisationId, args.asOf);
      return (
        lines &&
        lines.map(async (line) => ({
          shareholder: (await loadShareholder(context, line.shareholderId))!,
          shares: Number(line.shares),
          capital: line.capitalFen,
        }))
      );
    },
  },
  Shareholder: {
    name: (shareholder) => maskName(shareholder.name),
    collectiveOrganisation: async (shareholder, _, context) => (await loadCollectiveOrganisation(context, shareholder.organisationId))!,
  },
};

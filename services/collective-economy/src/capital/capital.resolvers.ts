import { todayInChina } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadCollectiveOrganisation } from '../collective-organisation/collective-organisation.queries';
import { ASSET_KINDS } from './capital.rules';
import { capitalRegister, capitalValueAsOf, loadCapital, loadHistory } from './capital.queries';
import { loadDepreciationPolicy } from './capital.policy';

type AsOf = { asOf?: string | null };
const dayOf = (args: AsOf) => args.asOf ?? todayInChina(new Date());

/** Thin: queries to the SDL's shape, fen to `Money`. Mutations come from the commands. */
export const capitalResolvers: Resolvers = {
  Query: {
    capital: (_, args, context) => loadCapital(context, args.id),
    capitalRegister: async (_, args, context) => {
      const register = await capitalRegister(context, args.collectiveOrganisationId, args.category, args.asOf);
      return (
        register && {
          ...register,
          lines: register.lines.map((line) => ({
            capital: line.capital,
            cost: line.value.costFen,
            accumulatedDepreciation: line.value.accumulatedDepreciationFen,
            bookValue: line.value.bookValueFen,
          })),
          totalBookValue: register.lines.reduce((sum, line) => sum + line.value.bookValueFen, 0n),
        }
      );
    },
    depreciationPolicy: (_, args, context) => loadDepreciationPolicy(context, args.countyCode),
  },
  DepreciationPolicy: {
    usefulLives: (policy) => ASSET_KINDS.map((kind) => ({ kind, months: policy.usefulLifeMonths[kind] })),
    residualRateBasisPoints: (policy) => policy.residualRateBp,
  },
  Capital: {
    __resolveReference: (reference, context) => loadCapital(context, reference.id!),
    // Registered by someone who could see the organisation: a reader of the capital can see it too.
    collectiveOrganisation: async (capital, _, context) => (await loadCollectiveOrganisation(context, capital.organisationId))!,
    residualRateBasisPoints: (capital) => capital.residualRateBp,
    cost: async (capital, args, context) => capitalValueAsOf(capital, await loadHistory(context, capital.id), dayOf(args)).costFen,
    accumulatedDepreciation: async (capital, args, context) =>
      capitalValueAsOf(capital, await loadHistory(context, capital.id), dayOf(args)).accumulatedDepreciationFen,
    bookValue: async (capital, args, context) =>
      capitalValueAsOf(capital, await loadHistory(context, capital.id), dayOf(args)).bookValueFen,
    disposedOn: async (capital, _, context) =>
      (await loadHistory(context, capital.id)).find((c) => c.kind === 'DISPOSED')?.effectiveOn ?? null,
    history: (capital, _, context) => loadHistory(context, capital.id).then((rows) => rows.map((c) => ({ ...c, amount: c.amountFen }))),
  },
};

import type { Resolvers } from '../generated/graphql';
import { loadCurrentScheme, loadSchemeVersions } from './evaluation-scheme.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const evaluationSchemeResolvers: Resolvers = {
  Query: {
    evaluationScheme: (_, args, context) => loadCurrentScheme(context, args.countyCode, args.year),
  },
  EvaluationScheme: {
    county: (scheme) => ({ code: scheme.regionCode }),
    frozen: (scheme) => scheme.frozenAt !== null,
    versions: (scheme, _, context) => loadSchemeVersions(context, scheme),
  },
};

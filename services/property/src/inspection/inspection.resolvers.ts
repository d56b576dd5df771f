import type { Resolvers } from '../generated/graphql';
import { loadResidentialCompound } from '../residential-compound/residential-compound.queries';
import { listEvaluationScores, loadScoreHistory } from './inspection.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const inspectionResolvers: Resolvers = {
  Query: {
    evaluationScores: (_, args, context) =>
      listEvaluationScores(context, args.compoundId, args.period, { first: args.first, after: args.after }),
  },
  EvaluationScore: {
    compound: (score, _, context) => loadResidentialCompound(context, score.compoundId),
    history: (score, _, context) => loadScoreHistory(context, score.id),
  },
};

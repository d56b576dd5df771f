import { badInput, todayInChina } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { previousQuarter, QUARTER_PATTERN } from '../evaluation/periods.rules';
import { loadEvaluationStats } from './evaluation-stats.queries';

/** `PropertyStats.evaluation`: batched across the regions of a response. */
export const evaluationStatsResolvers: Resolvers = {
  PropertyStats: {
    evaluation: (stats, args, context) => {
      if (args.quarter && !QUARTER_PATTERN.test(args.quarter)) throw badInput('quarter', 'quarter is YYYYQn, e.g. 2025Q2');
      return loadEvaluationStats(context, stats.regionCode, args.quarter ?? previousQuarter(todayInChina(new Date())));
    },
  },
};

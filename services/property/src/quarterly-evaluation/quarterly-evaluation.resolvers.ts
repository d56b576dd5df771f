import type { Resolvers } from '../generated/graphql';
import { loadScheme } from '../evaluation-scheme/evaluation-scheme.queries';
import { loadPropertyCompany } from '../property-company/property-company.queries';
import { loadResidentialCompound } from '../residential-compound/residential-compound.queries';
import {
  listCompanyQuarterScores,
  listCompoundQuarterScores,
  loadCompoundQuarterScore,
  loadRun,
  loadRunById,
} from './quarterly-evaluation.queries';

/** Thin: arguments to queries, rows to the SDL's shape. Mutations come from the commands. */
export const quarterlyEvaluationResolvers: Resolvers = {
  Query: {
    quarterlyEvaluationRun: (_, args, context) => loadRun(context, args.countyCode, args.quarter),
    compoundQuarterScore: (_, args, context) => loadCompoundQuarterScore(context, args.compoundId, args.quarter),
    compoundQuarterScores: (_, args, context) =>
      listCompoundQuarterScores(context, args.regionCode, args.quarter, { first: args.first, after: args.after }),
    companyQuarterScores: (_, args, context) =>
      listCompanyQuarterScores(context, args.regionCode, args.quarter, { first: args.first, after: args.after }),
  },
  QuarterlyEvaluationRun: {
    county: (run) => ({ code: run.regionCode }),
    scheme: (run, _, context) => (run.schemeId ? loadScheme(context, run.schemeId) : null),
  },
  CompoundQuarterScore: {
    compound: (score, _, context) => loadResidentialCompound(context, score.compoundId),
    run: (score, _, context) => loadRunById(context, score.runId),
    company: (score, _, context) => (score.companyId ? loadPropertyCompany(context, score.companyId) : null),
    missingInputs: (score) => score.missing,
  },
  CompanyQuarterScore: {
    company: (score, _, context) => loadPropertyCompany(context, score.companyId),
  },
};

import type { Resolvers } from '../generated/graphql';
import { loadScheme } from '../evaluation-scheme/evaluation-scheme.queries';
import { loadPropertyCompany } from '../property-company/property-company.queries';
import { loadResidentialCompound } from '../residential-compound/residential-compound.queries';
import { assessmentSchemes, listAssessmentEntries, loadAnnualAssessment } from './annual-assessment.queries';

/** Thin: arguments to queries, rows to the SDL's shape. Mutations come from the commands. */
export const annualAssessmentResolvers: Resolvers = {
  Query: {
    annualAssessment: (_, args, context) => loadAnnualAssessment(context, args.countyCode, args.year),
  },
  AnnualAssessment: {
    county: (assessment) => ({ code: assessment.regionCode }),
    scheme: (assessment, _, context) => loadScheme(context, assessment.schemeId),
    quarterSchemes: async (assessment, _, context) => (await assessmentSchemes(context, assessment)).quarterSchemes,
    schemesDiffer: async (assessment, _, context) => (await assessmentSchemes(context, assessment)).schemesDiffer,
    schemeExplanation: async (assessment, _, context) => (await assessmentSchemes(context, assessment)).explanation,
    entries: (assessment, args, context) =>
      listAssessmentEntries(context, assessment.id, args.kind, { first: args.first, after: args.after }),
  },
  AssessedQuarterScheme: {
    scheme: (quarter, _, context) => loadScheme(context, quarter.schemeId),
  },
  AnnualAssessmentEntry: {
    compound: (entry, _, context) => (entry.subjectKind === 'COMPOUND' ? loadResidentialCompound(context, entry.subjectId) : null),
    company: (entry, _, context) => (entry.subjectKind === 'COMPANY' ? loadPropertyCompany(context, entry.subjectId) : null),
  },
};

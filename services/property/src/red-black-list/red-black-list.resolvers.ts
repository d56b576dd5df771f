import type { Resolvers } from '../generated/graphql';
import { loadScheme } from '../evaluation-scheme/evaluation-scheme.queries';
import { loadPropertyCompany } from '../property-company/property-company.queries';
import { listLists, listSchemes, loadEntries, loadList, loadReplacement } from './red-black-list.queries';

/** Thin: arguments to queries, rows to the SDL's shape. Mutations come from the commands. */
export const redBlackListResolvers: Resolvers = {
  Query: {
    redBlackList: (_, args, context) => loadList(context, args.id),
    redBlackLists: (_, args, context) => listLists(context, args.regionCode, args.half, { first: args.first, after: args.after }),
  },
  RedBlackList: {
    county: (list) => ({ code: list.regionCode }),
    replaces: (list, _, context) => (list.replacesId ? loadList(context, list.replacesId) : null),
    replacedBy: (list, _, context) => loadReplacement(context, list.id),
    scheme: (list, _, context) => loadScheme(context, list.schemeId),
    quarterSchemes: async (list, _, context) => (await listSchemes(context, list)).quarterSchemes,
    schemesDiffer: async (list, _, context) => (await listSchemes(context, list)).schemesDiffer,
    schemeExplanation: async (list, _, context) => (await listSchemes(context, list)).explanation,
    entries: (list, _, context) => loadEntries(context, list.id),
    redCount: async (list, _, context) => (await loadEntries(context, list.id)).filter((e) => e.kind === 'RED').length,
    blackCount: async (list, _, context) => (await loadEntries(context, list.id)).filter((e) => e.kind === 'BLACK').length,
  },
  RedBlackEntry: {
    company: (entry, _, context) => loadPropertyCompany(context, entry.companyId),
  },
  SeriousViolation: {
    company: (violation, _, context) => loadPropertyCompany(context, violation.companyId),
  },
};

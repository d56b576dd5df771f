import { parseInput } from '@gg/shared';
import { z } from 'zod';
import type { GridSuggestionResolvers, QueryResolvers, VolunteerTeamSuggestionResolvers } from '../generated/graphql';
import { doubleReportSuggestions } from './assignment-suggestion.queries';

const first = z.number().int().min(1, 'at least 1').max(20, 'at most 20');

export const assignmentSuggestionQueries: QueryResolvers = {
  doubleReportSuggestions: (_, args, context) =>
    // An id that is no report's (or not a uuid) answers null, as `partyMember` does.
    doubleReportSuggestions(context, args.id, parseInput(first, args.first ?? 5, 'first')),
};

export const gridSuggestionFields: GridSuggestionResolvers = {
  grid: (suggestion) => ({ id: suggestion.gridId }),
};

export const volunteerTeamSuggestionFields: VolunteerTeamSuggestionResolvers = {
  volunteerTeam: (suggestion) => ({ id: suggestion.volunteerTeamId }),
};

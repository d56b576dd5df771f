import { defineModule, loadSchema, STAFF, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateVolunteerTeamProfile1764600000102 } from '../migrations/1764600000102-CreateVolunteerTeamProfile';
import { VolunteerTeamProfile } from './assignment-suggestion.entity';
import { volunteerTeamProfileConsumer } from './assignment-suggestion.queries';
import { assignmentSuggestionQueries, gridSuggestionFields, volunteerTeamSuggestionFields } from './assignment-suggestion.resolvers';

/**
 * Ranked grids and volunteer teams for a double report's assignment, by where the member lives and
 * what they offer: a read model over the GRID and VOLUNTEER_TEAM references and the team profiles
 * (category, skills) the volunteer subgraph announces.
 */
export const assignmentSuggestionModule = defineModule({
  name: 'assignment-suggestion',
  typeDefs: loadSchema(join(__dirname, 'assignment-suggestion.graphql')),
  resolvers: {
    Query: assignmentSuggestionQueries,
    GridSuggestion: gridSuggestionFields,
    VolunteerTeamSuggestion: volunteerTeamSuggestionFields,
  } as unknown as Resolvers,
  // Double reports are staff business, as the reports themselves are.
  access: { 'Query.doubleReportSuggestions': STAFF },
  entities: [VolunteerTeamProfile],
  migrations: [CreateVolunteerTeamProfile1764600000102],
  consumers: [volunteerTeamProfileConsumer],
  references: ['GRID', 'VOLUNTEER_TEAM'],
});

import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateVolunteer1764600000501 } from '../migrations/1764600000501-CreateVolunteer';
import { VolunteerPeople1764700000300 } from '../migrations/1764700000300-VolunteerPeople';
import { volunteerCommands } from './volunteer.commands';
import { Volunteer, VolunteerTeamMember } from './volunteer.entity';
import { doubleReportToVolunteer } from './volunteer.jobs';
import { volunteerResolvers } from './volunteer.resolvers';

/**
 * Volunteers (志愿者) of a community and their places in teams: registered directly, or Party
 * members by their double report (双报到), without retyping.
 */
export const volunteerModule = defineModule({
  name: 'volunteer',
  typeDefs: loadSchema(join(__dirname, 'volunteer.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: volunteerResolvers as ServiceResolvers,
  commands: volunteerCommands,
  access: {
    'Query.volunteer': READERS,
    'Query.teamVolunteers': READERS,
    'Query.myVolunteerRecords': ['VOLUNTEER', 'PARTY_MEMBER'],
  },
  entities: [Volunteer, VolunteerTeamMember],
  migrations: [CreateVolunteer1764600000501, VolunteerPeople1764700000300],
  consumers: [doubleReportToVolunteer],
  references: ['REGION', 'GRID'],
});

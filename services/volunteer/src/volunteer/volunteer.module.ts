import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateVolunteer1764600000501 } from '../migrations/1764600000501-CreateVolunteer';
import { Volunteer } from './volunteer.entity';
import { doubleReportToVolunteer } from './volunteer.jobs';
import { volunteerResolvers } from './volunteer.resolvers';

/** Volunteers (志愿者) of teams; Party members arrive by their double report (双报到), without retyping. */
export const volunteerModule = defineModule({
  name: 'volunteer',
  typeDefs: loadSchema(join(__dirname, 'volunteer.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: volunteerResolvers as ServiceResolvers,
  access: {
    'Query.teamVolunteers': READERS,
  },
  entities: [Volunteer],
  migrations: [CreateVolunteer1764600000501],
  consumers: [doubleReportToVolunteer],
});

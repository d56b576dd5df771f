import { DateTimeScalar, defineService, loadSchema, READERS, WRITERS } from '@gg/shared';
import { join } from 'node:path';
import { seedVolunteerDemo } from './demo';
import { CreateVolunteerTeam1763800002000 } from './migrations/1763800002000-CreateVolunteerTeam';
import { VolunteerTeam } from './volunteer-team/volunteer-team.entity';
import { volunteerTeamResolvers } from './volunteer-team/volunteer-team.resolvers';

/** The volunteer subgraph (志愿服务): volunteer teams, and later volunteers, service orders, micro-wishes and the time bank. */
export const volunteerService = defineService({
  name: 'volunteer',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {
    DateTime: DateTimeScalar,
    Query: { ...volunteerTeamResolvers.Query },
    Mutation: { ...volunteerTeamResolvers.Mutation },
    Region: {
      // This subgraph holds no region rows: the key is all it needs to resolve the fields it adds.
      __resolveReference: (reference: { code: string }) => reference,
      ...volunteerTeamResolvers.Region,
    },
    VolunteerTeam: volunteerTeamResolvers.VolunteerTeam!,
  },
  access: {
    'Query.volunteerTeam': READERS,
    'Query.volunteerTeams': READERS,
    'Region.volunteerTeams': READERS,
    VolunteerTeam: READERS,
    'Mutation.createVolunteerTeam': WRITERS,
  },
  foreignEntities: ['Region'],
  entities: [VolunteerTeam],
  migrations: [CreateVolunteerTeam1763800002000],
  jobs: [],
  schedules: [],
  seedDemo: seedVolunteerDemo,
});

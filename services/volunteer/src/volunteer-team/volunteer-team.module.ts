import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateVolunteerTeam1763800002000 } from '../migrations/1763800002000-CreateVolunteerTeam';
import { AnnounceVolunteerTeams1764500000300 } from '../migrations/1764500000300-AnnounceVolunteerTeams';
import { setVolunteerTeamCategories } from './volunteer-team.categories';
import { createVolunteerTeam } from './volunteer-team.commands';
import { VolunteerTeam } from './volunteer-team.entity';
import { volunteerTeamResolvers } from './volunteer-team.resolvers';

/** Volunteer teams (志愿服务队): registered under a known region, announced to the other services. */
export const volunteerTeamModule = defineModule({
  name: 'volunteer-team',
  typeDefs: loadSchema(join(__dirname, 'volunteer-team.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: volunteerTeamResolvers as ServiceResolvers,
  commands: [createVolunteerTeam, setVolunteerTeamCategories],
  access: {
    'Query.volunteerTeam': READERS,
    'Query.volunteerTeams': READERS,
    'Query.volunteerTeamCategories': READERS,
    'Region.volunteerTeams': READERS,
    VolunteerTeam: READERS,
  },
  entities: [VolunteerTeam],
  migrations: [CreateVolunteerTeam1763800002000, AnnounceVolunteerTeams1764500000300],
  references: ['REGION', 'PARTY_ORGANISATION'],
});

import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateActivity1764700000301 } from '../migrations/1764700000301-CreateActivity';
import { activityCommands } from './activity.commands';
import { Activity, ActivitySignUp } from './activity.entity';
import { activityResolvers } from './activity.resolvers';

/** Activities (志愿服务活动): planned, signed up for within capacity, attended, credited to the time bank once. */
export const activityModule = defineModule({
  name: 'activity',
  typeDefs: loadSchema(join(__dirname, 'activity.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: activityResolvers as ServiceResolvers,
  commands: activityCommands,
  access: {
    'Query.activity': READERS,
    'Query.activities': READERS,
  },
  entities: [Activity, ActivitySignUp],
  migrations: [CreateActivity1764700000301],
  references: ['REGION'],
});

import { defineService, loadSchema } from '@gg/shared';
import { join } from 'node:path';

export const collectiveEconomyService = defineService({
  name: 'collective-economy',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {},
  entities: [],
  migrations: [],
  jobs: [],
  schedules: [],
});

import { defineService, loadSchema } from '@gg/shared';
import { join } from 'node:path';

export const propertyService = defineService({
  name: 'property',
  typeDefs: loadSchema(join(__dirname, '..', 'schema.graphql')),
  resolvers: {},
  entities: [],
  migrations: [],
  jobs: [],
  schedules: [],
});

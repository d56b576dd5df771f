import { defineModule, EVERYONE, loadSchema, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateRegion1763800000100 } from '../migrations/1763800000100-CreateRegion';
import { regionCommands } from './region.commands';
import { Region } from './region.entity';
import { regionFields, regionQueries } from './region.resolvers';

/** The administrative tree (行政区划): public reference data, owned here and announced to every service. */
export const regionModule = defineModule({
  name: 'region',
  typeDefs: loadSchema(join(__dirname, 'region.graphql')),
  resolvers: { Query: regionQueries, Region: regionFields } as unknown as Resolvers,
  commands: regionCommands,
  // The region tree is public reference data: every caller may read it, within their scope and its ancestors.
  access: { 'Query.region': EVERYONE, 'Query.regions': EVERYONE, Region: EVERYONE },
  entities: [Region],
  migrations: [CreateRegion1763800000100],
});

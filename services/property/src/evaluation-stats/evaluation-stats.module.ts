import { defineModule, loadSchema, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { evaluationStatsResolvers } from './evaluation-stats.resolvers';

/** The evaluation figures added to `Region.propertyStats` (a read model owning no table). */
export const evaluationStatsModule = defineModule({
  name: 'evaluation-stats',
  typeDefs: loadSchema(join(__dirname, 'evaluation-stats.graphql')),
  resolvers: evaluationStatsResolvers as ServiceResolvers,
});

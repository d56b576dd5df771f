import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateSharesAndDistributions1764600000601 } from '../migrations/1764600000601-CreateSharesAndDistributions';
import { approveDistribution, draftDistribution, postDistribution, reviewDistribution } from './distribution.commands';
import { Distribution, DistributionAllocation } from './distribution.entity';
import { distributionResolvers } from './distribution.resolvers';

/** Annual distributions: drafted from a closed year, reviewed, approved by a second person, posted once. */
export const distributionModule = defineModule({
  name: 'distribution',
  typeDefs: loadSchema(join(__dirname, 'distribution.graphql')),
  resolvers: distributionResolvers as ServiceResolvers,
  commands: [draftDistribution, reviewDistribution, approveDistribution, postDistribution],
  access: { 'Query.distribution': STAFF, 'Query.distributions': STAFF },
  entities: [Distribution, DistributionAllocation],
  migrations: [CreateSharesAndDistributions1764600000601],
});

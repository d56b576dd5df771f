import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { CreateSharesAndDistributions1764600000601 } from '../migrations/1764600000601-CreateSharesAndDistributions';
import { ShareholdersAsPersons1764700000650 } from '../migrations/1764700000650-ShareholdersAsPersons';
import { guardReversal } from '../ledger/ledger.guards';
import {
  approveDistribution,
  distributionOnReversal,
  draftDistribution,
  postDistribution,
  reviewDistribution,
} from './distribution.commands';
import { Distribution, DistributionAllocation } from './distribution.entity';
import { yearEndDistributionsJob, yearEndDistributionsSchedule } from './distribution.jobs';
import { distributionResolvers } from './distribution.resolvers';
import { setCommunityShareRate } from './share-rate.commands';
import { CommunityShareRate } from './share-rate.entity';

// A posted distribution's ledger entry is not reversed by hand (the ledger folder does not import distributions).
guardReversal(distributionOnReversal);

/**
 * Annual distributions: drafted from a closed year (on demand or by the year-end job) at that year's
 * community share rate, reviewed, approved by a second person, posted once; each shareholder's
 * statement of their own dividends.
 */
export const distributionModule = defineModule({
  name: 'distribution',
  typeDefs: {
    kind: Kind.DOCUMENT,
    definitions: [
      ...loadSchema(join(__dirname, 'distribution.graphql')).definitions,
      ...loadSchema(join(__dirname, 'share-rate.graphql')).definitions,
    ],
  },
  resolvers: distributionResolvers as ServiceResolvers,
  commands: [draftDistribution, reviewDistribution, approveDistribution, postDistribution, setCommunityShareRate],
  access: { 'Query.distribution': STAFF, 'Query.distributions': STAFF },
  entities: [Distribution, DistributionAllocation, CommunityShareRate],
  migrations: [CreateSharesAndDistributions1764600000601, ShareholdersAsPersons1764700000650],
  jobs: [yearEndDistributionsJob],
  schedules: [yearEndDistributionsSchedule],
});

import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateMerchant1764700000352 } from '../migrations/1764700000352-CreateMerchant';
import { RedemptionCancellation1764800000301 } from '../migrations/1764800000301-RedemptionCancellation';
import { merchantCommands } from './merchant.commands';
import { Merchant, MerchantReward, RewardRedemption } from './merchant.entity';
import { merchantResolvers } from './merchant.resolvers';

/** Merchant rewards (红城星店): shops offer rewards for time-bank hours; redemptions debit the ledger and give a signed code. */
export const merchantModule = defineModule({
  name: 'merchant',
  typeDefs: loadSchema(join(__dirname, 'merchant.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: merchantResolvers as ServiceResolvers,
  commands: merchantCommands,
  access: { 'Query.merchants': READERS },
  entities: [Merchant, MerchantReward, RewardRedemption],
  migrations: [CreateMerchant1764700000352, RedemptionCancellation1764800000301],
  references: ['REGION'],
});

import { hasRole, notFound, STAFF } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadTimeBankTransfer } from '../time-bank/time-bank.queries';
import { listMerchants, loadMerchant, loadReward, merchantRewards } from './merchant.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const merchantResolvers: Resolvers = {
  Query: {
    merchants: (_, args, context) => listMerchants(context, args.regionCode, { first: args.first, after: args.after }),
  },
  Merchant: {
    region: (merchant) => ({ code: merchant.regionCode }),
    accountSubject: (merchant, _, context) =>
      hasRole(context.identity, ...STAFF) || context.identity.subject === merchant.accountSubject ? merchant.accountSubject : null,
    rewards: (merchant, _, context) => merchantRewards(context, merchant),
  },
  MerchantReward: {
    // A reward lives in its shop's region: who sees one sees the other.
    merchant: async (reward, _, context) => (await loadMerchant(context, reward.merchantId)) ?? Promise.reject(notFound('Merchant')),
  },
  RewardRedemption: {
    reward: async (redemption, _, context) => (await loadReward(context, redemption.rewardId)) ?? Promise.reject(notFound('Reward')),
    // The debit lives in the account's region, which may be another community than the shop's.
    transfer: (redemption, _, context) => loadTimeBankTransfer(context, redemption.transferId),
    reversalTransfer: (redemption, _, context) =>
      redemption.reversalTransferId ? loadTimeBankTransfer(context, redemption.reversalTransferId) : null,
  },
};

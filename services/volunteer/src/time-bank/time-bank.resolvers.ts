import { notFound } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import {
  accountBalance,
  accountEntries,
  accountMinimum,
  loadHolderAccount,
  loadPartyMemberAccount,
  loadTimeBankAccount,
  loadTimeBankTransfer,
  myTimeBankAccounts,
  takerAccount,
  transferEntries,
} from './time-bank.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const timeBankResolvers: Resolvers = {
  Query: {
    timeBankAccount: (_, args, context) => loadTimeBankAccount(context, args.id),
    timeBankAccountOfPartyMember: (_, args, context) => loadPartyMemberAccount(context, args.partyMemberId),
    myTimeBankAccounts: (_, __, context) => myTimeBankAccounts(context),
  },
  Volunteer: {
    timeBankAccount: (volunteer, _, context) =>
      volunteer.partyMemberId
        ? loadHolderAccount(context, 'PARTY_MEMBER', volunteer.partyMemberId)
        : loadHolderAccount(context, 'VOLUNTEER', volunteer.id),
  },
  ServiceTaker: {
    timeBankAccount: (taker, _, context) => takerAccount(context, taker),
  },
  TimeBankAccount: {
    partyMemberId: (account) => (account.holderKind === 'PARTY_MEMBER' ? account.holderKey : null),
    volunteerId: (account) => (account.holderKind === 'VOLUNTEER' ? account.holderKey : null),
    householdId: (account) => (account.holderKind === 'HOUSEHOLD' ? account.holderKey : null),
    region: (account) => ({ code: account.regionCode }),
    balanceMinutes: (account, _, context) => accountBalance(context, account),
    minimumBalanceMinutes: (account, _, context) => accountMinimum(context, account),
    entries: (account, args, context) => accountEntries(context, account, { first: args.first, after: args.after }),
  },
  TimeBankTransfer: {
    reverses: (transfer, _, context) => (transfer.reversesId ? loadTimeBankTransfer(context, transfer.reversesId) : null),
    entries: (transfer, _, context) => transferEntries(context, transfer),
  },
  TimeBankEntry: {
    // An entry is reached through its account, in the caller's scope, and shares its transfer's region.
    transfer: async (entry, _, context) =>
      (await loadTimeBankTransfer(context, entry.transferId)) ?? Promise.reject(notFound(`Time-bank transfer ${entry.transferId}`)),
  },
};

import type { Resolvers } from '../generated/graphql';
import { hasRole, loadScopedById, STAFF } from '@gg/shared';
import { Volunteer } from '../volunteer/volunteer.entity';
import { listServiceTakers } from './service-taker.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const serviceTakerResolvers: Resolvers = {
  Query: {
    serviceTakers: (_, args, context) => listServiceTakers(context, args.regionCode, { first: args.first, after: args.after }),
  },
  ServiceTaker: {
    volunteer: (taker, _, context) => (taker.volunteerId ? loadScopedById(context, Volunteer, taker.volunteerId) : null),
    region: (taker) => ({ code: taker.regionCode }),
    // An account subject identifies a person's login: staff dispatching need it, other residents do not.
    accountSubject: (taker, _, context) =>
      hasRole(context.identity, ...STAFF) || context.identity.subject === taker.accountSubject ? taker.accountSubject : null,
  },
};

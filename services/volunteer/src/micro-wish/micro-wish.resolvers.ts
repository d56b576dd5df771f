import { loadScopedById } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { Volunteer } from '../volunteer/volunteer.entity';
import { WISH_CLAIMS_ACTOR } from './micro-wish.jobs';
import { loadWishClaimPolicy } from './micro-wish.policy';
import { listMicroWishes, loadMicroWish, myMicroWishes, wishSteps } from './micro-wish.queries';
import { personIs, WISH_LIFECYCLE } from './micro-wish.rules';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const microWishResolvers: Resolvers = {
  Query: {
    microWish: (_, args, context) => loadMicroWish(context, args.id),
    wishClaimPolicy: (_, args, context) => loadWishClaimPolicy(context, args.countyCode),
    myMicroWishes: (_, args, context) => myMicroWishes(context, { first: args.first, after: args.after }),
    microWishes: (_, args, context) =>
      listMicroWishes(context, { regionCode: args.regionCode, statuses: args.statuses }, { first: args.first, after: args.after }),
  },
  MicroWish: {
    region: (wish) => ({ code: wish.regionCode }),
    postedByYou: (wish, _, context) => wish.posterSubject === context.identity.subject,
    claimedByYou: (wish, _, context) => wish.claimantSubject !== null && wish.claimantSubject === context.identity.subject,
    claimantVolunteer: (wish, _, context) =>
      wish.claimantVolunteerId ? loadScopedById(context, Volunteer, wish.claimantVolunteerId) : null,
    availableActions: (wish, _, context) => WISH_LIFECYCLE.available(wish.status, (party) => personIs(context.identity, party, wish)),
    steps: (wish, _, context) => wishSteps(context, wish.id),
  },
  MicroWishStep: {
    bySystem: (step) => step.actorSubject === WISH_CLAIMS_ACTOR,
  },
};

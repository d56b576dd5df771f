import { hasRole, loadScopedById, notFound, STAFF } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { ServiceTaker } from '../service-taker/service-taker.entity';
import { loadTimeBankTransfer } from '../time-bank/time-bank.queries';
import { serviceOrderCandidates } from './service-order.candidates';
import { loadServiceOrderPolicy } from './service-order.policy';
import {
  availableActions,
  isFlaggedNow,
  listServiceOrders,
  loadServiceOrder,
  myServiceOrders,
  myServiceTasks,
  orderDueAt,
  orderFlags,
  orderHistory,
} from './service-order.queries';

/** Thin: arguments to queries, entities to the SDL's shape. Mutations come from the commands. */
export const serviceOrderResolvers: Resolvers = {
  Query: {
    serviceOrder: (_, args, context) => loadServiceOrder(context, args.id),
    serviceOrders: (_, args, context) =>
      listServiceOrders(
        context,
        { regionCode: args.regionCode, state: args.state, overdueOnly: args.overdueOnly },
        { first: args.first, after: args.after },
      ),
    myServiceOrders: (_, args, context) => myServiceOrders(context, { first: args.first, after: args.after }),
    myServiceTasks: (_, args, context) => myServiceTasks(context, args.state, { first: args.first, after: args.after }),
    serviceOrderCandidates: (_, args, context) => serviceOrderCandidates(context, args.orderId, args.first),
    serviceOrderPolicy: (_, args, context) => loadServiceOrderPolicy(context, args.countyCode),
  },
  ServiceOrder: {
    region: (order) => ({ code: order.regionCode }),
    // A taker is enrolled in the order's street; a caller scoped to the order's community alone may not see a street-level taker.
    taker: (order, _, context) => (order.takerId ? loadScopedById(context, ServiceTaker, order.takerId) : null),
    dueAt: (order, _, context) => orderDueAt(context, order),
    overdue: (order, _, context) => isFlaggedNow(context, order),
    flags: (order, _, context) => orderFlags(context, order),
    history: (order, _, context) => orderHistory(context, order),
    availableActions: (order, _, context) => availableActions(context, order),
    // The credit lives in the taker's region, which may be another community of the street.
    creditTransfer: (order, _, context) => (order.creditTransferId ? loadTimeBankTransfer(context, order.creditTransferId) : null),
  },
  ServiceOrderEvent: {
    sequence: (event) => event.version,
    // Account subjects identify people's logins: staff see who acted, a resident sees their own steps.
    actorSubject: (event, _, context) =>
      hasRole(context.identity, ...STAFF) || context.identity.subject === event.actorSubject ? event.actorSubject : null,
  },
  ServiceOrderCandidate: {
    taker: (candidate) => candidate.taker ?? Promise.reject(notFound('Service taker')),
  },
};

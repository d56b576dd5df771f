import {
  applyVersionedChange,
  badInput,
  type CommandContext,
  conflict,
  createIdempotently,
  defineCommand,
  READERS,
  recordForWrite,
  requireReference,
  requireWritableRegion,
  WRITERS,
} from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { ServiceTaker } from '../service-taker/service-taker.entity';
import { creditServiceHours } from '../time-bank/time-bank.ledger';
import { serviceHolderOf } from '../time-bank/time-bank.rules';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceOrder, ServiceOrderEvent } from './service-order.entity';
import {
  completeServiceOrderInput,
  declineServiceOrderInput,
  dispatchServiceOrderInput,
  orderStepInput,
  placeServiceOrderInput,
  rateServiceOrderInput,
  type PlaceServiceOrderInput,
} from './service-order.inputs';
import { actsAs, isOwnOrder, orderCreditKey, SERVICE_ORDER_LIFECYCLE, type ServiceOrderAction } from './service-order.rules';

/** The order an orderer already placed with a key, if any. */
function orderByKey(ctx: CommandContext, idempotencyKey: string): Promise<ServiceOrder | null> {
  return ctx.manager.findOneBy(ServiceOrder, { ordererSubject: ctx.caller.subject, idempotencyKey });
}

/** True when an order sent again with a key is the first one (a retry), not another order. */
function sameOrder(first: ServiceOrder, input: PlaceServiceOrderInput): boolean {
  return (
    first.category === input.category &&
    first.description === input.description &&
    first.regionCode === input.regionCode &&
    first.gridId === (input.gridId ?? null)
  );
}

/** Writes a new order and its PLACE history row. */
async function insertOrder(manager: EntityManager, input: PlaceServiceOrderInput, ctx: CommandContext): Promise<ServiceOrder> {
  const order = await manager.save(
    manager.create(ServiceOrder, {
      regionCode: input.regionCode,
      category: input.category,
      description: input.description,
      gridId: input.gridId ?? null,
      state: 'PLACED',
      stateSince: ctx.now,
      version: 1,
      ordererSubject: ctx.caller.subject,
      takerId: null,
      placedAt: ctx.now,
      idempotencyKey: input.idempotencyKey,
    }),
  );
  await manager.insert(ServiceOrderEvent, {
    orderId: order.id,
    version: 1,
    action: 'PLACE',
    fromState: null,
    toState: 'PLACED',
    takerId: null,
    actorSubject: ctx.caller.subject,
    note: null,
    occurredAt: ctx.now,
  });
  return order;
}

/**
 * 群众点单: a resident (or staff taking an order by phone, who then stands for the resident) orders a
 * service in a community of their scope, optionally in a grid of that community. With an idempotency
 * key, a retry by the same orderer (an app on a poor connection) returns the first order: a prior
 * read finds it, and two retries racing each other are decided by the unique index on (orderer, key).
 */
export const placeServiceOrder = defineCommand({
  name: 'placeServiceOrder',
  input: placeServiceOrderInput,
  roles: READERS,
  async run(input, ctx) {
    const retry = {
      key: input.idempotencyKey,
      find: (key: string) => orderByKey(ctx, key),
      sameAs: (first: ServiceOrder) => sameOrder(first, input),
      what: 'order',
    };
    return createIdempotently(ctx.manager, retry, async (manager) => {
      requireWritableRegion(ctx.caller, input.regionCode, 'order a service', 'input.regionCode');
      await requireReference(ctx.manager, 'REGION', input.regionCode, { field: 'input.regionCode', identity: ctx.caller });
      if (input.gridId) {
        const grid = await requireReference(ctx.manager, 'GRID', input.gridId, { field: 'input.gridId', identity: ctx.caller });
        if (grid.regionCode !== input.regionCode)
          throw badInput('input.gridId', `grid ${input.gridId} is not in community ${input.regionCode}`);
      }
      return insertOrder(manager, input, ctx);
    });
  },
});

interface Step {
  action: ServiceOrderAction;
  change?: (order: ServiceOrder) => Partial<ServiceOrder>;
  /** The taker the history row names (the new one for a dispatch); the order's taker by default. */
  takerId?: string;
  note?: string | null;
}

/**
 * One step of an order's lifecycle: the order read in scope (NOT_FOUND otherwise), the step allowed
 * only to the right party (FORBIDDEN) from the right state (CONFLICT), written with an optimistic
 * version check and its history row. Of two racing steps (two accepts from two devices, an accept and
 * a re-dispatch) the second finds the version moved: CONFLICT, nothing written.
 */
async function takeStep(ctx: CommandContext, orderId: string, step: Step): Promise<ServiceOrder> {
  const order = await recordForWrite(ctx.manager, ServiceOrder, orderId, {
    identity: ctx.caller,
    field: 'input.orderId',
    label: 'Service order',
  });
  const taker = order.takerId ? await ctx.manager.findOneBy(ServiceTaker, { id: order.takerId }) : null;
  const facts = { ordererSubject: order.ordererSubject, takerSubject: taker?.accountSubject ?? null };
  const to = SERVICE_ORDER_LIFECYCLE.check(step.action, order.state, (party) => actsAs(ctx.caller, party, facts), 'input.orderId');
  return applyVersionedChange(ctx.manager, {
    entity: ServiceOrder,
    current: order,
    change: { state: to, stateSince: ctx.now, ...step.change?.(order) },
    field: 'input.orderId',
    history: {
      entity: ServiceOrderEvent,
      row: (before, after, version) => ({
        orderId: order.id,
        version,
        action: step.action,
        fromState: before.state,
        toState: after.state,
        takerId: step.takerId ?? before.takerId,
        actorSubject: ctx.caller.subject,
        note: step.note ?? null,
        occurredAt: ctx.now,
      }),
    },
  });
}

/**
 * 社区派单: community staff give the order to a taker of its street (the ranked candidates show who
 * fits). Again while nobody has accepted it, to someone else.
 */
export const dispatchServiceOrder = defineCommand({
  name: 'dispatchServiceOrder',
  input: dispatchServiceOrderInput,
  roles: WRITERS,
  async run(input, ctx) {
    const taker = await recordForWrite(ctx.manager, ServiceTaker, input.takerId, {
      identity: ctx.caller,
      field: 'input.takerId',
      label: 'Service taker',
    });
    const order = await recordForWrite(ctx.manager, ServiceOrder, input.orderId, {
      identity: ctx.caller,
      field: 'input.orderId',
      label: 'Service order',
    });
    // A taker serves their own street: a street team's volunteer, or anyone living in one of its communities.
    if (!order.regionCode.startsWith(taker.regionCode.slice(0, 9)))
      throw badInput('input.takerId', `taker ${taker.id} serves ${taker.regionCode}, not the street of community ${order.regionCode}`);
    if (isOwnOrder(order, taker))
      throw badInput('input.takerId', `taker ${taker.id} placed this order: a taker is not dispatched their own order`);
    if (order.state === 'DISPATCHED' && order.takerId === taker.id)
      throw conflict(`The order is already dispatched to taker ${taker.id}`, 'input.takerId');
    return takeStep(ctx, input.orderId, {
      action: 'DISPATCH',
      change: () => ({ takerId: taker.id, dispatchedAt: ctx.now }),
      takerId: taker.id,
      note: input.note,
    });
  },
});

/** 党员/联户接单: the taker accepts, by their own account. Of concurrent accepts exactly one wins. */
export const acceptServiceOrder = defineCommand({
  name: 'acceptServiceOrder',
  input: orderStepInput,
  roles: READERS,
  run: (input, ctx) => takeStep(ctx, input.orderId, { action: 'ACCEPT', change: () => ({ acceptedAt: ctx.now }) }),
});

/** The taker declines, with a reason; the order goes back to be dispatched to someone else. */
export const declineServiceOrder = defineCommand({
  name: 'declineServiceOrder',
  input: declineServiceOrderInput,
  roles: READERS,
  run: (input, ctx) =>
    takeStep(ctx, input.orderId, { action: 'DECLINE', change: () => ({ takerId: null, dispatchedAt: null }), note: input.reason }),
});

/** The taker reports the service done, with the minutes they served (credited when the resident rates it). */
export const completeServiceOrder = defineCommand({
  name: 'completeServiceOrder',
  input: completeServiceOrderInput,
  roles: READERS,
  run: (input, ctx) =>
    takeStep(ctx, input.orderId, { action: 'COMPLETE', change: () => ({ doneAt: ctx.now, minutesServed: input.minutesServed }) }),
});

/**
 * Credits the minutes the taker served to the taker's own time-bank account (opened on first use:
 * a Party member's member account, a registered volunteer's, a household leader's household's),
 * issued from their community's account, through the ledger's use case in the rating's transaction.
 * Once per order: the source key is unique, and the rating's version check lets one of concurrent
 * ratings through.
 */
async function creditTaker(ctx: CommandContext, order: ServiceOrder): Promise<string | null> {
  // Orders reported done before minutes were stated have nothing to credit.
  if (!order.takerId || !order.minutesServed) return null;
  const taker = await ctx.manager.findOneByOrFail(ServiceTaker, { id: order.takerId });
  const volunteer = taker.volunteerId ? await ctx.manager.findOneByOrFail(Volunteer, { id: taker.volunteerId }) : null;
  const transfer = await creditServiceHours(ctx, {
    holder: serviceHolderOf({ volunteer, householdId: taker.householdId, regionCode: taker.regionCode }),
    minutes: order.minutesServed,
    reason: `服务订单：${order.description}`.slice(0, 200),
    sourceKey: orderCreditKey(order.id),
    field: 'input.orderId',
  });
  await ctx.manager.update(ServiceOrder, { id: order.id }, { creditTransferId: transfer.id });
  return transfer.id;
}

/**
 * 群众评单: the person who placed the order rates it (1–5 stars, an optional comment) once it is done.
 * The rating is the resident's confirmation that the service took place (DOMAIN 3: hours are credited
 * for confirmed service), so it credits the taker the minutes they stated, whatever the stars.
 */
export const rateServiceOrder = defineCommand({
  name: 'rateServiceOrder',
  input: rateServiceOrderInput,
  roles: READERS,
  async run(input, ctx) {
    const rated = await takeStep(ctx, input.orderId, {
      action: 'RATE',
      change: () => ({ ratedAt: ctx.now, rating: input.rating, ratingComment: input.comment }),
      note: input.comment,
    });
    return Object.assign(rated, { creditTransferId: await creditTaker(ctx, rated) });
  },
});

/** The resident withdraws the order, with a reason, while nobody has accepted it. */
export const cancelServiceOrder = defineCommand({
  name: 'cancelServiceOrder',
  input: declineServiceOrderInput,
  roles: READERS,
  run: (input, ctx) => takeStep(ctx, input.orderId, { action: 'CANCEL', note: input.reason }),
});

export const serviceOrderCommands = [
  placeServiceOrder,
  dispatchServiceOrder,
  acceptServiceOrder,
  declineServiceOrder,
  completeServiceOrder,
  rateServiceOrder,
  cancelServiceOrder,
];

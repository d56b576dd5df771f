import { ADMIN_ROLES, defineStateMachine, type Identity, type Transition } from '@gg/shared';
import { z } from 'zod';

// ─── Vocabulary ───────────────────────────────────────────────────────────────

/** What a resident can order (群众点单); each category has the skill words a taker's tags are matched against. */
export const SERVICE_CATEGORIES = [
  'ELDERLY_CARE',
  'REPAIR',
  'HEALTH',
  'ERRANDS',
  'CHILD_CARE',
  'LEGAL_AID',
  'COUNSELLING',
  'ENVIRONMENT',
  'OTHER',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/**
 * 点单 → 派单 → 接单 → 完成 → 评单. A decline sends the order back to be dispatched again; the resident
 * may withdraw it (CANCELLED) until someone has accepted it.
 */
export const SERVICE_ORDER_STATES = ['PLACED', 'DISPATCHED', 'ACCEPTED', 'DONE', 'RATED', 'CANCELLED'] as const;
export type ServiceOrderState = (typeof SERVICE_ORDER_STATES)[number];

export const SERVICE_ORDER_ACTIONS = ['DISPATCH', 'ACCEPT', 'DECLINE', 'COMPLETE', 'RATE', 'CANCEL'] as const;
export type ServiceOrderAction = (typeof SERVICE_ORDER_ACTIONS)[number];

/** Everything in an order's history: the placing itself, then the steps. */
export type ServiceOrderHistoryAction = 'PLACE' | ServiceOrderAction;

/** States in which an order waits on someone (the dispatcher or the taker) and can be overdue. */
export const WAITING_STATES: readonly ServiceOrderState[] = ['PLACED', 'DISPATCHED'];

// ─── Who acts ─────────────────────────────────────────────────────────────────

/**
 * - DISPATCHER: community staff and the administrators above them (社区派单), in the order's region;
 * - TAKER: the person the order is dispatched to, by their own account (党员/联户接单), alone;
 * - ORDERER: the person who placed the order (群众评单; and withdrawing it before it is accepted), alone.
 */
export type ServiceOrderParty = 'DISPATCHER' | 'TAKER' | 'ORDERER';

/** What the rules need to know of an order to say who is who. */
export interface PartyFacts {
  ordererSubject: string;
  /** The account subject of the taker the order is dispatched to; null before dispatch. */
  takerSubject: string | null;
}

export function actsAs(caller: Pick<Identity, 'subject' | 'roles'>, party: ServiceOrderParty, facts: PartyFacts): boolean {
  switch (party) {
    case 'DISPATCHER':
      return caller.roles.some((role) => ADMIN_ROLES.includes(role));
    case 'TAKER':
      return facts.takerSubject !== null && caller.subject === facts.takerSubject;
    case 'ORDERER':
      return caller.subject === facts.ordererSubject;
  }
}

/**
 * A taker does not serve an order they placed themselves: the resident's rating confirms the service
 * and credits the taker's time-bank account, so the two must be different people.
 */
export function isOwnOrder(order: { ordererSubject: string }, taker: { accountSubject: string }): boolean {
  return order.ordererSubject === taker.accountSubject;
}

/** The time-bank source key of an order's credit: one credit per order, whoever retries. */
export function orderCreditKey(orderId: string): string {
  return `service-order:${orderId}`;
}

/**
 * The four-order lifecycle (四单制). A dispatched order may be dispatched again to someone else while
 * nobody has accepted it (the taker does not answer); a declined order goes back to PLACED.
 */
export const SERVICE_ORDER_LIFECYCLE = defineStateMachine({
  subject: 'service order',
  states: SERVICE_ORDER_STATES,
  transitions: {
    DISPATCH: { from: ['PLACED', 'DISPATCHED'], to: 'DISPATCHED', by: 'DISPATCHER' },
    ACCEPT: { from: ['DISPATCHED'], to: 'ACCEPTED', by: 'TAKER' },
    DECLINE: { from: ['DISPATCHED'], to: 'PLACED', by: 'TAKER' },
    COMPLETE: { from: ['ACCEPTED'], to: 'DONE', by: 'TAKER' },
    RATE: { from: ['DONE'], to: 'RATED', by: 'ORDERER' },
    CANCEL: { from: ['PLACED', 'DISPATCHED'], to: 'CANCELLED', by: 'ORDERER' },
  } satisfies Record<ServiceOrderAction, Transition<ServiceOrderState, ServiceOrderParty>>,
  parties: {
    DISPATCHER: 'community staff (or an administrator above them)',
    TAKER: 'the person the order is dispatched to',
    ORDERER: 'the person who placed the order',
  },
});

// ─── Time limits ──────────────────────────────────────────────────────────────

const HOUR_MS = 3600 * 1000;

/**
 * The county's time limits: how long an order may wait to be dispatched (from when it was placed or
 * declined) and to be accepted (from its dispatch) before the overdue job flags it.
 */
export const serviceOrderPolicySchema = z.object({
  dispatchWithinHours: z.number().int().min(1).max(720),
  acceptWithinHours: z.number().int().min(1).max(720),
});
export type ServiceOrderPolicy = z.infer<typeof serviceOrderPolicySchema>;
export const DEFAULT_SERVICE_ORDER_POLICY: ServiceOrderPolicy = { dispatchWithinHours: 24, acceptWithinHours: 24 };

/** The overdue flags: an order left undispatched, or dispatched and left unaccepted. */
export type OverdueStage = 'UNDISPATCHED' | 'UNACCEPTED';

/** The stage an order waits in, or null when it waits on nobody (accepted, done, rated). */
export function waitingStage(state: ServiceOrderState): OverdueStage | null {
  if (state === 'PLACED') return 'UNDISPATCHED';
  if (state === 'DISPATCHED') return 'UNACCEPTED';
  return null;
}

/** When the current stage's limit runs out, or null when the order waits on nobody. */
export function dueAt(state: ServiceOrderState, stateSince: Date, policy: ServiceOrderPolicy): Date | null {
  const stage = waitingStage(state);
  if (!stage) return null;
  const hours = stage === 'UNDISPATCHED' ? policy.dispatchWithinHours : policy.acceptWithinHours;
  return new Date(stateSince.getTime() + hours * HOUR_MS);
}

/** Whether the order is past its stage's limit at `now` (the limit instant itself is not yet late). */
export function isOverdue(state: ServiceOrderState, stateSince: Date, policy: ServiceOrderPolicy, now: Date): boolean {
  const due = dueAt(state, stateSince, policy);
  return due !== null && now.getTime() > due.getTime();
}

export const MIN_RATING = 1;
export const MAX_RATING = 5;

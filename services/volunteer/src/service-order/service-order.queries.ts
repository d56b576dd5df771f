import {
  loadScopedById,
  loaderOf,
  paginate,
  regionSubtreeCondition,
  scopedQuery,
  tableOf,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { ServiceTaker } from '../service-taker/service-taker.entity';
import { ServiceOrder, ServiceOrderEvent, ServiceOrderFlag } from './service-order.entity';
import { servicePolicyOf } from './service-order.policy';
import {
  actsAs,
  dueAt,
  SERVICE_ORDER_LIFECYCLE,
  waitingStage,
  type ServiceOrderAction,
  type ServiceOrderState,
} from './service-order.rules';

/** A page of orders (the type the generated resolver types map `ServiceOrderConnection` to). */
export type ServiceOrderPage = Connection<ServiceOrder>;

/** Newest first; the id breaks ties. */
const NEWEST_FIRST: ReadonlyArray<SortKey<ServiceOrder>> = [
  timestampKey('o.placed_at', 'DESC', (o) => o.placedAt),
  { column: 'o.id', direction: 'DESC', value: (o) => o.id },
];

export function loadServiceOrder(context: SubgraphContext, id: string): Promise<ServiceOrder | null> {
  return loadScopedById(context, ServiceOrder, id);
}

export interface ServiceOrderFilter {
  regionCode: string;
  state?: ServiceOrderState | null;
  /** Only orders flagged overdue in the state they are in now. */
  overdueOnly?: boolean | null;
}

/** The order carries a flag of the stage it waits in now (placed again after a decline: a new stage). */
const CURRENT_FLAG = (flagTable: string) =>
  `EXISTS (SELECT 1 FROM ${flagTable} f WHERE f.order_id = o.id AND f.stage_since = o.state_since AND f.stage = CASE o.state WHEN 'PLACED' THEN 'UNDISPATCHED' WHEN 'DISPATCHED' THEN 'UNACCEPTED' END)`;

/** The orders the caller may see under a region prefix, newest first, in one statement. */
export function listServiceOrders(context: SubgraphContext, filter: ServiceOrderFilter, args: ConnectionArgs): Promise<ServiceOrderPage> {
  const region = regionSubtreeCondition('o.region_code', filter.regionCode, context.identity);
  const query = context.dataSource.getRepository(ServiceOrder).createQueryBuilder('o').where(region.sql, region.params);
  if (filter.state) query.andWhere('o.state = :state', { state: filter.state });
  if (filter.overdueOnly) query.andWhere(CURRENT_FLAG(tableOf(context.dataSource, 'service_order_flag')));
  return paginate(query, args, NEWEST_FIRST);
}

/** The orders the caller placed (群众点单), newest first. */
export function myServiceOrders(context: SubgraphContext, args: ConnectionArgs): Promise<ServiceOrderPage> {
  const query = scopedQuery(context.dataSource, ServiceOrder, 'o', context.identity).andWhere('o.orderer_subject = :subject', {
    subject: context.identity.subject,
  });
  return paginate(query, args, NEWEST_FIRST);
}

/** The orders dispatched to, accepted or done by the takers enrolled with the caller's account, newest first. */
export function myServiceTasks(
  context: SubgraphContext,
  state: ServiceOrderState | null | undefined,
  args: ConnectionArgs,
): Promise<ServiceOrderPage> {
  const query = scopedQuery(context.dataSource, ServiceOrder, 'o', context.identity).andWhere(
    `o.taker_id IN (SELECT t.id FROM ${tableOf(context.dataSource, 'service_taker')} t WHERE t.account_subject = :subject)`,
    { subject: context.identity.subject },
  );
  if (state) query.andWhere('o.state = :state', { state });
  return paginate(query, args, NEWEST_FIRST);
}

/** An order's history, oldest first (bounded: a handful of steps). */
export function orderHistory(context: SubgraphContext, order: ServiceOrder): Promise<ServiceOrderEvent[]> {
  return loaderOf<string, ServiceOrderEvent[]>(context, 'service-order-history', async (ids) => {
    const rows = await context.dataSource
      .getRepository(ServiceOrderEvent)
      .createQueryBuilder('e')
      .where('e.order_id IN (:...ids)', { ids })
      .orderBy('e.version')
      .getMany();
    return ids.map((id) => rows.filter((r) => r.orderId === id));
  }).load(order.id);
}

/** An order's overdue flags, oldest first. */
export function orderFlags(context: SubgraphContext, order: ServiceOrder): Promise<ServiceOrderFlag[]> {
  return loaderOf<string, ServiceOrderFlag[]>(context, 'service-order-flags', async (ids) => {
    const rows = await context.dataSource
      .getRepository(ServiceOrderFlag)
      .createQueryBuilder('f')
      .where('f.order_id IN (:...ids)', { ids })
      .orderBy('f.flagged_at')
      .addOrderBy('f.id')
      .getMany();
    return ids.map((id) => rows.filter((r) => r.orderId === id));
  }).load(order.id);
}

/** Whether the order carries a flag for the state it waits in now. */
export async function isFlaggedNow(context: SubgraphContext, order: ServiceOrder): Promise<boolean> {
  const stage = waitingStage(order.state);
  if (!stage) return false;
  const flags = await orderFlags(context, order);
  return flags.some((f) => f.stage === stage && f.stageSince.getTime() === order.stateSince.getTime());
}

/** When the current stage's limit runs out (the county's limits), or null when the order waits on nobody. */
export async function orderDueAt(context: SubgraphContext, order: ServiceOrder): Promise<Date | null> {
  if (!waitingStage(order.state)) return null;
  return dueAt(order.state, order.stateSince, await servicePolicyOf(context.dataSource, order.regionCode));
}

/** The steps the caller could take on the order now (what a front-end offers as buttons). */
export async function availableActions(context: SubgraphContext, order: ServiceOrder): Promise<ServiceOrderAction[]> {
  const taker = order.takerId ? await loadScopedById(context, ServiceTaker, order.takerId) : null;
  const facts = { ordererSubject: order.ordererSubject, takerSubject: taker?.accountSubject ?? null };
  return SERVICE_ORDER_LIFECYCLE.available(order.state, (party) => actsAs(context.identity, party, facts));
}

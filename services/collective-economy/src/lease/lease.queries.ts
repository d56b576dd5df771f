import {
  loaderOf,
  loadScopedById,
  paginate,
  scopeCondition,
  todayInChina,
  type Connection,
  type ConnectionArgs,
  type SortKey,
  type SubgraphContext,
} from '@gg/shared';
import { CollectiveOrganisation } from '../collective-organisation/collective-organisation.entity';
import { Lease, RentCharge, RentPayment, RentReduction } from './lease.entity';

/** A page of charges (the type the generated resolver types map `RentChargeConnection` to). */
export type RentChargePage = Connection<RentCharge>;

const BY_DUE_DAY: ReadonlyArray<SortKey<RentCharge>> = [
  { column: 'c.due_on', direction: 'ASC', value: (c) => c.dueOn },
  { column: 'c.id', direction: 'ASC', value: (c) => c.id },
];

export function loadLease(context: SubgraphContext, id: string): Promise<Lease | null> {
  return loadScopedById(context, Lease, id);
}

/** Leases of capitals, batched per request, scoped, earliest first. */
export function leasesOfCapital(context: SubgraphContext, capitalId: string): Promise<Lease[]> {
  return loaderOf<string, Lease[]>(context, 'capital-leases', async (ids) => {
    const scope = scopeCondition(context.identity, 'l.region_code');
    const rows = await context.dataSource
      .getRepository(Lease)
      .createQueryBuilder('l')
      .where('l.capital_id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .orderBy('l.starts_on', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.capitalId === id));
  }).load(capitalId);
}

/** An organisation's leases, earliest first; null when the organisation is not visible. */
export async function leasesOf(context: SubgraphContext, organisationId: string): Promise<Lease[] | null> {
  if (!(await loadScopedById(context, CollectiveOrganisation, organisationId))) return null;
  const scope = scopeCondition(context.identity, 'l.region_code');
  return context.dataSource
    .getRepository(Lease)
    .createQueryBuilder('l')
    .where('l.organisation_id = :organisationId', { organisationId })
    .andWhere(scope.sql, scope.params)
    .orderBy('l.starts_on', 'ASC')
    .addOrderBy('l.id', 'ASC')
    .getMany();
}

/** A lease's charges, batched per request, oldest month first. */
export function chargesOf(context: SubgraphContext, leaseId: string): Promise<RentCharge[]> {
  return loaderOf<string, RentCharge[]>(context, 'lease-charges', async (ids) => {
    const rows = await context.dataSource
      .getRepository(RentCharge)
      .createQueryBuilder('c')
      .where('c.lease_id IN (:...ids)', { ids: [...ids] })
      .orderBy('c.month', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.leaseId === id));
  }).load(leaseId);
}

/** A charge's payments, batched per request, oldest first. */
export function paymentsOf(context: SubgraphContext, chargeId: string): Promise<RentPayment[]> {
  return loaderOf<string, RentPayment[]>(context, 'charge-payments', async (ids) => {
    const rows = await context.dataSource
      .getRepository(RentPayment)
      .createQueryBuilder('p')
      .where('p.charge_id IN (:...ids)', { ids: [...ids] })
      .orderBy('p.paid_on', 'ASC')
      .addOrderBy('p.created_at', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.chargeId === id));
  }).load(chargeId);
}

/** A charge's reductions, batched per request, oldest first. */
export function reductionsOf(context: SubgraphContext, chargeId: string): Promise<RentReduction[]> {
  return loaderOf<string, RentReduction[]>(context, 'charge-reductions', async (ids) => {
    const rows = await context.dataSource
      .getRepository(RentReduction)
      .createQueryBuilder('r')
      .where('r.charge_id IN (:...ids)', { ids: [...ids] })
      .orderBy('r.reduced_on', 'ASC')
      .addOrderBy('r.created_at', 'ASC')
      .getMany();
    return ids.map((id) => rows.filter((row) => row.chargeId === id));
  }).load(chargeId);
}

/** An organisation's charges by due day, optionally only those overdue today; null when the organisation is not visible. */
export async function listRentCharges(
  context: SubgraphContext,
  organisationId: string,
  overdueOnly: boolean,
  args: ConnectionArgs,
): Promise<RentChargePage | null> {
  if (!(await loadScopedById(context, CollectiveOrganisation, organisationId))) return null;
  const scope = scopeCondition(context.identity, 'c.region_code');
  const query = context.dataSource
    .getRepository(RentCharge)
    .createQueryBuilder('c')
    .where('c.organisation_id = :organisationId', { organisationId })
    .andWhere(scope.sql, scope.params);
  if (overdueOnly) query.andWhere('c.paid_fen + c.reduced_fen < c.amount_fen AND c.due_on < :today', { today: todayInChina(new Date()) });
  return paginate(query, args, BY_DUE_DAY);
}

import { badInput, conflict, defineCommand, recordForWrite, todayInChina, WRITERS, type CommandContext } from '@gg/shared';
import { In } from 'typeorm';
import { capitalForWrite } from '../capital/capital.commands';
import type { DisposalGuard } from '../capital/capital.guards';
import { capitalValueAsOf, historyOf } from '../capital/capital.queries';
import { appendEntry, lockBooks } from '../ledger/ledger.commands';
import type { CloseGuard, ReversalGuard } from '../ledger/ledger.guards';
import { isPeriodClosed } from '../ledger/ledger.queries';
import { LedgerPeriodClose } from '../ledger/ledger.entity';
import { periodsOf } from '../ledger/ledger.rules';
import { Lease, RentCharge, RentPayment, RentReduction } from './lease.entity';
import { createLeaseInput, raiseRentChargesInput, terminateLeaseInput } from './lease.inputs';
import { chargeFor, closedRentMonth, lastDayOfLease, rentSchedule, terminationProblem, termProblem, termsOverlap } from './lease.rules';

/**
 * Leases an asset or a resource of an organisation (资产出租) to a tenant for a term, at a monthly rent
 * due on a day of each month. A capital is leased to one tenant at a time; a fund is not leased.
 */
export const createLease = defineCommand({
  name: 'createLease',
  input: createLeaseInput,
  roles: WRITERS,
  async run(input, ctx) {
    // The capital's lock serialises leases of it: two overlapping ones cannot both pass the check.
    const capital = await capitalForWrite(ctx, input.capitalId, 'input.capitalId');
    if (capital.category === 'FUND') throw badInput('input.capitalId', 'a fund is not leased: lease an asset or a resource');
    const problem = termProblem(input.startsOn, input.endsOn, capital.acquiredOn);
    if (problem) throw badInput(problem.field, problem.message);
    const history = await historyOf(ctx.manager, capital.id);
    const value = capitalValueAsOf(capital, history, input.startsOn);
    if (value.disposed) throw badInput('input.capitalId', 'the capital has been disposed of by the first day of the lease');
    // A disposal is the capital's last change: a lease ends before it (as a disposal waits for a lease's end).
    const disposal = history.find((change) => change.kind === 'DISPOSED');
    if (disposal && disposal.effectiveOn <= input.endsOn)
      throw badInput('input.endsOn', `the capital was disposed of on ${disposal.effectiveOn}: a lease of it ends before that day`);
    const others = await ctx.manager.getRepository(Lease).find({ where: { capitalId: capital.id } });
    const overlapping = others.find((other) => termsOverlap({ startsOn: other.startsOn, endsOn: lastDayOfLease(other) }, input));
    if (overlapping)
      throw conflict(
        `The capital is leased from ${overlapping.startsOn} to ${lastDayOfLease(overlapping)}: a lease may not overlap it`,
        'input.startsOn',
      );
    // The books locked against closing (as posting locks them), so no period closes between this check and the commit.
    await lockBooks(ctx, capital.organisationId, 'input.capitalId');
    const closedPeriods = await ctx.manager
      .getRepository(LedgerPeriodClose)
      .find({ where: { organisationId: capital.organisationId }, select: { period: true } });
    const closed = closedRentMonth(
      { startsOn: input.startsOn, endsOn: input.endsOn, monthlyRentFen: input.monthlyRent, dueDay: BigInt(input.dueDay) },
      closedPeriods.map((c) => c.period),
    );
    if (closed)
      throw conflict(
        `The books of ${closed.period} are closed: the rent of ${closed.month} could never be raised into them. Record the lease from the first open month, and post any earlier rent owed in an open period (postLedgerEntry) with its reason`,
        'input.startsOn',
      );
    return ctx.manager.save(
      ctx.manager.create(Lease, {
        organisationId: capital.organisationId,
        regionCode: capital.regionCode,
        capitalId: capital.id,
        tenantKind: input.tenantKind,
        tenantName: input.tenantName,
        tenantPhone: input.tenantPhone,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        monthlyRentFen: input.monthlyRent,
        dueDay: input.dueDay,
        terminatedOn: null,
        terminationReason: null,
        createdBy: ctx.caller.subject,
      }),
    );
  },
});

/**
 * A capital is not disposed of on a day a lease of it still runs, or before one starts: the lease is
 * ended first (`terminateLease`) or the capital disposed of after its last day. The capital row is
 * locked by the disposal, as `createLease` locks it, so no lease slips in meanwhile.
 */
/** The entry of a rent charge, payment or reduction is not reversed by hand: the charge would stay as it was. */
export const rentOnReversal: ReversalGuard = async (ctx, entry) => {
  if (await ctx.manager.getRepository(RentCharge).existsBy({ entryId: entry.id }))
    return 'This entry raised a rent charge: the charge stands on it, so it is not reversed by hand';
  if (await ctx.manager.getRepository(RentPayment).existsBy({ entryId: entry.id }))
    return 'This entry records a rent payment: the charge it settled stands on it, so it is not reversed by hand';
  if (await ctx.manager.getRepository(RentReduction).existsBy({ entryId: entry.id }))
    return 'This entry records a rent reduction: the charge it reduced stands on it, so it is not reversed by hand';
  return undefined;
};

/** A period is not closed while a month of it a lease covers has no rent raised: it could never be raised after. */
export const rentOnClose: CloseGuard = async (ctx, organisationId, period) => {
  const leases = await ctx.manager.getRepository(Lease).find({ where: { organisationId }, order: { startsOn: 'ASC' } });
  const raised = await ctx.manager.getRepository(RentCharge).find({ where: { organisationId }, select: { leaseId: true, month: true } });
  const done = new Set(raised.map((charge) => `${charge.leaseId} ${charge.month}`));
  for (const lease of leases) {
    const missing = rentSchedule({ ...lease, endsOn: lastDayOfLease(lease), dueDay: BigInt(lease.dueDay) }).find(
      (due) => due.month.startsWith(period) && !done.has(`${lease.id} ${due.month}`),
    );
    if (missing)
      return `The rent of ${missing.month} of lease ${lease.id} is not raised yet: raise it (raiseRentCharges, or the monthly job) before closing ${period}`;
  }
  return undefined;
};

export const leaseOnDisposal: DisposalGuard = async (ctx, capital, disposedOn) => {
  const leases = await ctx.manager.getRepository(Lease).find({ where: { capitalId: capital.id }, order: { startsOn: 'ASC' } });
  const holding = leases.find((lease) => lastDayOfLease(lease) >= disposedOn);
  if (!holding) return undefined;
  return {
    field: 'input.effectiveOn',
    message: `The capital is leased from ${holding.startsOn} to ${lastDayOfLease(holding)}: end the lease (terminateLease) before ${disposedOn}, or dispose of it after its last day`,
  };
};

/**
 * Ends a lease early (提前解约) on a last day within its term, with a reason: no rent is raised after
 * it (its last month pro rata). A month whose rent is already raised is not undone, so the last day is
 * not before the end of the latest month raised.
 */
export const terminateLease = defineCommand({
  name: 'terminateLease',
  input: terminateLeaseInput,
  roles: WRITERS,
  async run(input, ctx) {
    // Locked: the rent job takes the same lock, so no month is raised while the lease is being ended.
    const lease = await recordForWrite(ctx.manager, Lease, input.leaseId, {
      identity: ctx.caller,
      field: 'input.leaseId',
      label: 'Lease',
      lock: true,
    });
    const latest = await ctx.manager
      .getRepository(RentCharge)
      .createQueryBuilder('c')
      .select('max(c.month)', 'month')
      .where('c.lease_id = :id', { id: lease.id })
      .getRawOne<{ month: string | null }>();
    const problem = terminationProblem(lease, input.lastDay, latest?.month ?? null);
    if (problem) throw badInput(problem.field, problem.message);
    lease.terminatedOn = input.lastDay;
    lease.terminationReason = input.reason;
    await ctx.manager.update(Lease, { id: lease.id }, { terminatedOn: input.lastDay, terminationReason: input.reason });
    return lease;
  },
});

/** What raising one month's charge of a lease did. */
export type RaiseOutcome = 'RAISED' | 'ALREADY_RAISED' | 'NOT_DUE';

/** A hook for tests: a crash at a step of raising a charge (inside its transaction). */
export type RaiseStep = (step: 'posted' | 'charged', leaseId: string) => void | Promise<void>;

class AlreadyRaised extends Error {}

/**
 * Raises one month's rent of a lease and posts it (rent receivable / leasing income) in the caller's
 * transaction: once. The lease row is locked so concurrent runs (and an early end) take turns, the
 * charge is computed from the locked row, and the unique (lease, month) index decides with ON
 * CONFLICT DO NOTHING; a charge found raised rolls the entry back.
 */
export async function raiseCharge(ctx: CommandContext, leaseId: string, month: string, onStep?: RaiseStep): Promise<RaiseOutcome> {
  const lease = await ctx.manager.getRepository(Lease).findOne({ where: { id: leaseId }, lock: { mode: 'pessimistic_write' } });
  if (!lease) throw new Error(`lease ${leaseId} vanished`);
  const due = chargeFor({ ...lease, endsOn: lastDayOfLease(lease), dueDay: BigInt(lease.dueDay) }, month);
  if (!due) return 'NOT_DUE';
  const existing = await ctx.manager.getRepository(RentCharge).findOneBy({ leaseId, month: due.month });
  if (existing) return 'ALREADY_RAISED';
  const organisation = await lockBooks(ctx, lease.organisationId, 'leaseId');
  const entry = await appendEntry(ctx, organisation, {
    postedOn: due.raisedOn,
    description: `${due.month}租金`,
    lines: [
      { account: 'RENT_RECEIVABLE', debitFen: due.amountFen, creditFen: 0n },
      { account: 'INCOME_LEASING', debitFen: 0n, creditFen: due.amountFen },
    ],
  });
  await onStep?.('posted', leaseId);
  const inserted = await ctx.manager
    .createQueryBuilder()
    .insert()
    .into(RentCharge)
    .values({
      organisationId: lease.organisationId,
      regionCode: lease.regionCode,
      leaseId,
      month: due.month,
      raisedOn: due.raisedOn,
      dueOn: due.dueOn,
      amountFen: due.amountFen,
      paidFen: 0n,
      reducedFen: 0n,
      entryId: entry.id,
      overdueSince: null,
      settledOn: null,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  // Raised meanwhile by a run that did not take the lock: undo this entry with the whole transaction.
  if (inserted.raw.length === 0) throw new AlreadyRaised();
  await onStep?.('charged', leaseId);
  return 'RAISED';
}

export const isAlreadyRaised = (error: unknown) => error instanceof AlreadyRaised;

/**
 * Raises a lease's rent now, through a month that has begun (立即计提): every month of its term up to
 * that month not raised yet, each posted like the monthly job's, in one transaction. The job does the
 * same for every lease on the 1st; this is for a lease entered late or a tenant billed at signing,
 * without waiting for the next run. The lease is locked (as the job locks it), so the two never raise
 * a month twice; a month already raised is left as it is, and one in a closed period refuses the whole.
 * Answers the charges it raised, oldest month first (none when all were raised already).
 */
export const raiseRentCharges = defineCommand({
  name: 'raiseRentCharges',
  input: raiseRentChargesInput,
  roles: WRITERS,
  async run(input, ctx) {
    const thisMonth = todayInChina(ctx.now).slice(0, 7);
    if (input.throughMonth > thisMonth)
      throw badInput(
        'input.throughMonth',
        `a month's rent is raised once the month has begun: ${input.throughMonth} is after ${thisMonth}`,
      );
    const lease = await recordForWrite(ctx.manager, Lease, input.leaseId, {
      identity: ctx.caller,
      field: 'input.leaseId',
      label: 'Lease',
      lock: true,
    });
    const raised = await ctx.manager.getRepository(RentCharge).find({ where: { leaseId: lease.id }, select: { month: true } });
    const done = new Set(raised.map((charge) => charge.month));
    const due = rentSchedule({ ...lease, endsOn: lastDayOfLease(lease), dueDay: BigInt(lease.dueDay) }).filter(
      (month) => month.month <= input.throughMonth && !done.has(month.month),
    );
    if (due.length === 0) return [];
    for (const month of due)
      for (const period of periodsOf(month.raisedOn))
        if (await isPeriodClosed(ctx.manager, lease.organisationId, period))
          throw conflict(`The books of ${period} are closed: the rent of ${month.month} cannot be raised into them`, 'input.throughMonth');
    for (const month of due) {
      try {
        await raiseCharge(ctx, lease.id, month.month);
      } catch (error) {
        if (isAlreadyRaised(error)) throw conflict(`The rent of ${month.month} was raised meanwhile: ask again`, 'input.leaseId');
        throw error;
      }
    }
    return ctx.manager.getRepository(RentCharge).find({
      where: { leaseId: lease.id, month: In(due.map((month) => month.month)) },
      order: { month: 'ASC' },
    });
  },
});

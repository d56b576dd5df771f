import { badInput, conflict, defineCommand, recordForWrite, WRITERS, type CommandContext } from '@gg/shared';
import { appendEntry, lockBooks } from '../ledger/ledger.commands';
import { isPeriodClosed } from '../ledger/ledger.queries';
import { periodsOf } from '../ledger/ledger.rules';
import { RentCharge, RentPayment, RentReduction } from './lease.entity';
import { payRentInput, reduceRentChargeInput } from './lease.inputs';
import { outstandingOf, paymentProblem, reductionProblem } from './lease.rules';

// What settles a rent charge once raised: payments (收租) and reductions (租金减免), each posted to
// the ledger in the transaction that records it. Raising charges and the lease itself are in lease.commands.

/**
 * What a payment and a reduction of a charge both check first: the charge, locked (so two at once are
 * weighed one after the other); the amount against what is outstanding; a day on or after the charge
 * was raised; the organisation's books, locked, open on that day.
 */
async function settleCharge(
  ctx: CommandContext,
  rentChargeId: string,
  settlement: { day: string; dayField: string; what: 'payment' | 'reduction'; problemOf: (charge: RentCharge) => string | undefined },
) {
  const charge = await recordForWrite(ctx.manager, RentCharge, rentChargeId, {
    identity: ctx.caller,
    field: 'input.rentChargeId',
    label: 'Rent charge',
    lock: true,
  });
  const problem = settlement.problemOf(charge);
  if (problem) throw badInput('input.amount', problem);
  if (settlement.day < charge.raisedOn)
    throw badInput(settlement.dayField, `the charge was raised on ${charge.raisedOn}: a ${settlement.what} is made on or after it`);
  const organisation = await lockBooks(ctx, charge.organisationId, 'input.rentChargeId');
  for (const period of periodsOf(settlement.day))
    if (await isPeriodClosed(ctx.manager, organisation.id, period))
      throw conflict(`The books of ${period} are closed: record the ${settlement.what} on a day of an open period`, settlement.dayField);
  return { charge, organisation };
}

/**
 * Records a payment of a rent charge (收租), in full or in part, and posts it to the ledger (cash /
 * rent receivable) in the same transaction. More than is outstanding is refused: the charge is locked,
 * so two payments at once are weighed one after the other.
 */
export const payRent = defineCommand({
  name: 'payRent',
  input: payRentInput,
  roles: WRITERS,
  async run(input, ctx) {
    const { charge, organisation } = await settleCharge(ctx, input.rentChargeId, {
      day: input.paidOn,
      dayField: 'input.paidOn',
      what: 'payment',
      problemOf: (c) => paymentProblem(c, input.amount),
    });
    const entry = await appendEntry(ctx, organisation, {
      postedOn: input.paidOn,
      description: `${charge.month}租金收款`,
      lines: [
        { account: 'CASH', debitFen: input.amount, creditFen: 0n },
        { account: 'RENT_RECEIVABLE', debitFen: 0n, creditFen: input.amount },
      ],
    });
    await ctx.manager.insert(RentPayment, {
      chargeId: charge.id,
      regionCode: charge.regionCode,
      paidOn: input.paidOn,
      amountFen: input.amount,
      entryId: entry.id,
      recordedBy: ctx.caller.subject,
    });
    charge.paidFen += input.amount;
    if (outstandingOf(charge) === 0n) charge.settledOn = input.paidOn;
    await ctx.manager.update(RentCharge, { id: charge.id }, { paidFen: charge.paidFen, settledOn: charge.settledOn });
    return charge;
  },
});

/**
 * Reduces or waives (part of) a rent charge (租金减免: rent relief, a waiver agreed with the tenant) with a
 * reason, posting an adjusting entry (leasing income / rent receivable) on a day of an open period in the
 * same transaction. The charge's amount as raised is never changed, nor its entry reversed: the reduction
 * is a record of its own, and the charge's outstanding amount (and so whether it is overdue) follows it.
 * Only what is outstanding is reduced; what was paid stays paid. The charge is locked, as `payRent` locks
 * it, so a payment and a reduction at once are weighed one after the other.
 */
export const reduceRentCharge = defineCommand({
  name: 'reduceRentCharge',
  input: reduceRentChargeInput,
  roles: WRITERS,
  async run(input, ctx) {
    const { charge, organisation } = await settleCharge(ctx, input.rentChargeId, {
      day: input.reducedOn,
      dayField: 'input.reducedOn',
      what: 'reduction',
      problemOf: (c) => reductionProblem(c, input.amount),
    });
    const entry = await appendEntry(ctx, organisation, {
      postedOn: input.reducedOn,
      description: `${charge.month}租金减免: ${input.reason}`.slice(0, 200),
      lines: [
        { account: 'INCOME_LEASING', debitFen: input.amount, creditFen: 0n },
        { account: 'RENT_RECEIVABLE', debitFen: 0n, creditFen: input.amount },
      ],
    });
    await ctx.manager.insert(RentReduction, {
      chargeId: charge.id,
      regionCode: charge.regionCode,
      reducedOn: input.reducedOn,
      amountFen: input.amount,
      reason: input.reason,
      entryId: entry.id,
      recordedBy: ctx.caller.subject,
    });
    charge.reducedFen += input.amount;
    if (outstandingOf(charge) === 0n) charge.settledOn = input.reducedOn;
    await ctx.manager.update(RentCharge, { id: charge.id }, { reducedFen: charge.reducedFen, settledOn: charge.settledOn });
    return charge;
  },
});

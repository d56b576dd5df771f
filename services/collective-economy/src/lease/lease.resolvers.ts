import { ADMIN_ROLES, coversRegion, hasRole, maskName, maskPhone, personalValue, todayInChina, type SubgraphContext } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadCapital } from '../capital/capital.queries';
import { loadCollectiveOrganisation } from '../collective-organisation/collective-organisation.queries';
import { loadLedgerEntry } from '../ledger/ledger.queries';
import type { Lease } from './lease.entity';
import { chargesOf, leasesOf, leasesOfCapital, listRentCharges, loadLease, paymentsOf, reductionsOf } from './lease.queries';
import { isOverdue, outstandingOf } from './lease.rules';

/** A person tenant's name or phone: masked, or whole for administrators in scope who ask, audited either way. */
function tenantField(context: SubgraphContext, lease: Lease, field: 'tenantName' | 'tenantPhone', value: string | null, reveal: boolean) {
  return personalValue(context, { recordType: 'Lease', recordId: lease.id, regionCode: lease.regionCode }, field, value, {
    reveal,
    allowed: hasRole(context.identity, ...ADMIN_ROLES) && coversRegion(context.identity, lease.regionCode),
    mask: field === 'tenantName' ? maskName : maskPhone,
  });
}

/** Thin: queries to the SDL's shape, fen to `Money`. Mutations come from the commands. */
export const leaseResolvers: Resolvers = {
  Query: {
    lease: (_, args, context) => loadLease(context, args.id),
    leases: (_, args, context) => leasesOf(context, args.collectiveOrganisationId),
    rentCharges: (_, args, context) =>
      listRentCharges(context, args.collectiveOrganisationId, args.overdueOnly ?? false, { first: args.first, after: args.after }),
  },
  Lease: {
    __resolveReference: (reference, context) => loadLease(context, reference.id!),
    // A lease is in its capital's and its organisation's community: a reader of one can read the others.
    capital: async (lease, _, context) => (await loadCapital(context, lease.capitalId))!,
    collectiveOrganisation: async (lease, _, context) => (await loadCollectiveOrganisation(context, lease.organisationId))!,
    tenantName: async (lease, args, context) =>
      lease.tenantKind === 'PERSON'
        ? (await tenantField(context, lease, 'tenantName', lease.tenantName, args.reveal ?? false))!
        : lease.tenantName,
    tenantPhone: (lease, args, context) => tenantField(context, lease, 'tenantPhone', lease.tenantPhone, args.reveal ?? false),
    monthlyRent: (lease) => lease.monthlyRentFen,
    charges: (lease, _, context) => chargesOf(context, lease.id),
    outstanding: async (lease, _, context) => (await chargesOf(context, lease.id)).reduce((sum, c) => sum + outstandingOf(c), 0n),
  },
  RentCharge: {
    lease: async (charge, _, context) => (await loadLease(context, charge.leaseId))!,
    amount: (charge) => charge.amountFen,
    paid: (charge) => charge.paidFen,
    reduced: (charge) => charge.reducedFen,
    outstanding: (charge) => outstandingOf(charge),
    overdue: (charge) => isOverdue(charge, todayInChina(new Date())),
    payments: (charge, _, context) => paymentsOf(context, charge.id),
    reductions: (charge, _, context) => reductionsOf(context, charge.id),
  },
  RentReduction: {
    amount: (reduction) => reduction.amountFen,
    entry: async (reduction, _, context) => (await loadLedgerEntry(context, reduction.entryId))!,
  },
  RentPayment: {
    amount: (payment) => payment.amountFen,
    entry: async (payment, _, context) => (await loadLedgerEntry(context, payment.entryId))!,
  },
  Capital: {
    leases: (capital, _, context) => leasesOfCapital(context, capital.id),
  },
};

import { defineModule, loadSchema, STAFF, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { guardDisposal } from '../capital/capital.guards';
import { guardClose, guardReversal } from '../ledger/ledger.guards';
import { createLease, leaseOnDisposal, raiseRentCharges, rentOnClose, rentOnReversal, terminateLease } from './lease.commands';
import { Lease, RentCharge, RentPayment, RentReduction } from './lease.entity';
import { payRent, reduceRentCharge } from './lease.settlements';
import { overdueRentJob, overdueRentSchedule, rentChargesJob, rentChargesSchedule } from './lease.jobs';
import { leaseResolvers } from './lease.resolvers';
import { RentReductions1764800000600 } from '../migrations/1764800000600-RentReductions';

// A leased capital is not disposed of while its lease runs (the capital folder does not import leases).
guardDisposal(leaseOnDisposal);
// Nor is the ledger entry of a charge or payment reversed by hand (the ledger folder does not import leases).
guardReversal(rentOnReversal);
// A period is closed only once every month of rent in it is raised.
guardClose(rentOnClose);

/** Leases of capitals: monthly rent charges raised by a job and posted to the ledger, payments, overdue rent. */
export const leaseModule = defineModule({
  name: 'lease',
  typeDefs: loadSchema(join(__dirname, 'lease.graphql')),
  resolvers: leaseResolvers as ServiceResolvers,
  commands: [createLease, payRent, reduceRentCharge, terminateLease, raiseRentCharges],
  access: {
    'Query.lease': STAFF,
    'Query.leases': STAFF,
    'Query.rentCharges': STAFF,
    Lease: STAFF,
  },
  entities: [Lease, RentCharge, RentPayment, RentReduction],
  migrations: [RentReductions1764800000600],
  jobs: [rentChargesJob, overdueRentJob],
  schedules: [rentChargesSchedule, overdueRentSchedule],
});

import { bullConnection, defineJob, JobQueue, JobRun, queueNameOf, startJobWorker } from '@gg/shared';
import { TEST_REDIS_URL } from '@gg/shared/src/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { RentCharge } from '../src/lease/lease.entity';
import { raiseRentCharges, rentChargesJob } from '../src/lease/lease.jobs';
import { CREATE_LEASE, REGISTER_CAPITAL, startCollectiveWorld, type CollectiveWorld } from './collective.fixtures';

async function until<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The rent job through BullMQ: a failed first attempt (a crash) is retried, and each charge exists once. */
describe('the monthly rent job on a real worker', () => {
  let w: CollectiveWorld;
  const connection = bullConnection(TEST_REDIS_URL);
  beforeAll(async () => {
    w = await startCollectiveWorld();
  });
  afterAll(() => w.stop());

  it('retries an attempt that died midway and raises every charge once', async () => {
    const o = await w.newOrganisation();
    const leases: string[] = [];
    for (const name of ['一号门面', '二号门面']) {
      const shop = await w.ok<{ id: string }>(REGISTER_CAPITAL, {
        i: { collectiveOrganisationId: o, kind: 'SHOPFRONT', name, acquiredOn: '2020-01-01', value: '100000.00' },
      });
      const lease = await w.ok<{ id: string }>(CREATE_LEASE, {
        i: {
          capitalId: shop.id,
          tenantKind: 'ORGANISATION',
          tenantName: '便民超市',
          startsOn: '2024-01-01',
          endsOn: '2024-12-31',
          monthlyRent: '800.00',
          dueDay: 5,
        },
      });
      leases.push(lease.id);
    }
    const service = `rent-${randomUUID().slice(0, 8)}`;
    let attempts = 0;
    // The first attempt raises part of the month, then its worker "dies" (the handler throws midway).
    const crashingOnce = defineJob({
      ...rentChargesJob,
      handler: async (payload, context) => {
        attempts += 1;
        if (attempts === 1) {
          await raiseRentCharges(context.dataSource, payload.month!, {
            regionCode: payload.regionCode,
            onStep: (step, leaseId) => {
              if (step === 'charged' && leaseId === [...leases].sort()[1]) throw new Error('worker killed');
            },
          });
        }
        return rentChargesJob.handler(payload, context);
      },
    });
    const worker = await startJobWorker({ service, dataSource: w.sg.dataSource, connection, jobs: [crashingOnce] });
    const producer = new JobQueue(service, connection);
    try {
      const job = await producer.enqueue(rentChargesJob, { month: '2024-03', regionCode: w.street }, { jobId: 'rent-2024-03' });
      const runs = await until(async () => {
        const rows = await w.sg.dataSource
          .getRepository(JobRun)
          .find({ where: { queue: queueNameOf(service), jobId: job.id! }, order: { attempt: 'ASC' } });
        return rows.some((r) => r.status === 'SUCCEEDED') && rows;
      }, 'the retried attempt to succeed');
      expect(runs.map((r) => [r.attempt, r.status, r.period])).toEqual([
        [1, 'FAILED', '2024-03'],
        [2, 'SUCCEEDED', '2024-03'],
      ]);
      // Enqueued again for the month (a duplicate schedule firing): the same job id is not run twice.
      await producer.enqueue(rentChargesJob, { month: '2024-03', regionCode: w.street }, { jobId: 'rent-2024-03' });
      const charges = await w.sg.dataSource.getRepository(RentCharge).find({ where: leases.map((leaseId) => ({ leaseId })) });
      expect(charges.map((c) => `${c.leaseId === leases[0] ? 'a' : 'b'} ${c.month}`).sort()).toEqual([
        'a 2024-01',
        'a 2024-02',
        'a 2024-03',
        'b 2024-01',
        'b 2024-02',
        'b 2024-03',
      ]);
    } finally {
      await worker.close();
      await producer.close();
      const queue = new Queue(queueNameOf(service), { connection });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

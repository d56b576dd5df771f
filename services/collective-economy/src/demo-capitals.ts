import { runInTransaction, todayInChina, type Identity } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { Capital, CapitalChange } from './capital/capital.entity';
import { payRent } from './lease/lease.settlements';
import { Lease, RentCharge } from './lease/lease.entity';
import { raiseRentCharges } from './lease/lease.jobs';

const KANGYOU = '00000000-0000-4000-8000-000000000501';
const KANGYOU_COMMUNITY = '522627001001';
const SHOPFRONT = '00000000-0000-4000-8000-000000000511';
const LEASE = '00000000-0000-4000-8000-000000000521';

/** Who records the demo's payment (a Tianzhu county administrator). */
const DEMO_CLERK: Identity = {
  subject: 'demo:tianzhu-clerk',
  name: '演示出纳',
  roles: ['COUNTY_ADMIN'],
  regionScopes: ['522627'],
  gridIds: [],
  clientKind: 'PERSON',
};

/**
 * A shopfront of 康友家政 leased out, its rent raised up to this month and the first month paid:
 * the path Tianzhu's Xingfu and Huimin communities took (门面资源入股、出租). The figures are
 * illustrative. Idempotent: fixed ids, inserted once (these tables are append-only); the rent job is
 * itself idempotent, and the payment is made only while the first month is unpaid.
 */
export async function seedCapitalsDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Capital)
      .values({
        id: SHOPFRONT,
        organisationId: KANGYOU,
        regionCode: KANGYOU_COMMUNITY,
        category: 'ASSET',
        kind: 'SHOPFRONT',
        name: '北部社区临街门面',
        location: '天柱县凤城街道北部社区',
        acquiredOn: '2023-05-01',
        usefulLifeMonths: 240,
        residualRateBp: 500,
        registeredBy: DEMO_CLERK.subject,
      })
      .orIgnore()
      .execute();
    const changes = await manager.getRepository(CapitalChange).countBy({ capitalId: SHOPFRONT });
    if (changes === 0)
      await manager.insert(CapitalChange, {
        capitalId: SHOPFRONT,
        organisationId: KANGYOU,
        regionCode: KANGYOU_COMMUNITY,
        kind: 'ACQUIRED',
        effectiveOn: '2023-05-01',
        amountFen: 18_000_000n,
        reason: '登记',
        recordedBy: DEMO_CLERK.subject,
      });
    await manager
      .createQueryBuilder()
      .insert()
      .into(Lease)
      .values({
        id: LEASE,
        organisationId: KANGYOU,
        regionCode: KANGYOU_COMMUNITY,
        capitalId: SHOPFRONT,
        tenantKind: 'ORGANISATION',
        tenantName: '天柱县便民生活超市',
        tenantPhone: null,
        startsOn: '2025-01-01',
        endsOn: '2027-12-31',
        monthlyRentFen: 250_000n,
        dueDay: 10,
        createdBy: DEMO_CLERK.subject,
      })
      .orIgnore()
      .execute();
  });
  // Only the demo's own leases: the demo may be loaded into a database other records share.
  await raiseRentCharges(dataSource, todayInChina(new Date()).slice(0, 7), { regionCode: KANGYOU_COMMUNITY });
  const first = await dataSource.getRepository(RentCharge).findOneBy({ leaseId: LEASE, month: '2025-01' });
  if (first && first.paidFen === 0n)
    await runInTransaction({ dataSource, identity: DEMO_CLERK, operationName: 'demo' }, (ctx) =>
      payRent.run({ rentChargeId: first.id, amount: first.amountFen, paidOn: '2025-01-08' }, ctx),
    );
}

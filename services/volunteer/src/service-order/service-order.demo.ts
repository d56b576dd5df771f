import type { EntityManager } from 'typeorm';
import { Merchant, MerchantReward } from '../merchant/merchant.entity';
import { ServiceTaker } from '../service-taker/service-taker.entity';

/**
 * Demo records of the four orders and the rewards in 明湖社区 (520201001001): a household leader
 * enrolled to take orders (陈桂兰's household, grid 明湖社区第一网格, account `demo-household-leader`,
 * the token the README's walkthrough uses) and a shop with a reward. Fixed ids, inserted once: a second start keeps what happened since (the reward's stock).
 */
export const DEMO_SERVICE_TAKER_ID = '00000000-0000-4000-8000-000000000551';
export const DEMO_MERCHANT_ID = '00000000-0000-4000-8000-000000000561';

export async function seedServiceOrderDemo(manager: EntityManager): Promise<void> {
  const insertOnce = async (entity: typeof ServiceTaker | typeof Merchant | typeof MerchantReward, values: object) => {
    await manager.createQueryBuilder().insert().into(entity).values(values).orIgnore().execute();
  };
  await insertOnce(ServiceTaker, {
    id: DEMO_SERVICE_TAKER_ID,
    regionCode: '520201001001',
    kind: 'HOUSEHOLD_LEADER',
    volunteerId: null,
    householdId: '00000000-0000-4000-8000-000000002202',
    gridId: '00000000-0000-4000-8000-000000000201',
    accountSubject: 'demo-household-leader',
    skills: ['水电维修', '助老陪护'],
    enrolledBy: 'demo',
    enrolledAt: new Date('2026-11-01T01:00:00Z'),
  });
  await insertOnce(Merchant, {
    id: DEMO_MERCHANT_ID,
    regionCode: '520201001001',
    name: '明湖便民理发店',
    accountSubject: 'demo-shop',
    registeredAt: new Date('2026-11-01T01:00:00Z'),
  });
  await insertOnce(MerchantReward, {
    id: '00000000-0000-4000-8000-000000000562',
    regionCode: '520201001001',
    merchantId: DEMO_MERCHANT_ID,
    name: '理发一次',
    priceMinutes: 60,
    stock: 50,
    offeredAt: new Date('2026-11-01T01:00:00Z'),
  });
}

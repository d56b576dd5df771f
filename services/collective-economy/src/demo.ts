import { CollectiveOrganisationCreated, announceOnce } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { CollectiveOrganisation } from './collective-organisation/collective-organisation.entity';
import { seedCapitalsDemo } from './demo-capitals';

/**
 * Collective economy organisations of the demo communities. 康友家政 is from the Tianzhu report (the
 * Beibu community Party secretary and 35 residents invested; housekeeping, estate agency, labour
 * export, property management); the report gives neither its founding date nor its capital, so those
 * figures are illustrative, as is the Minghu cooperative.
 */
export const DEMO_COLLECTIVE_ORGANISATIONS: Array<
  Pick<CollectiveOrganisation, 'id' | 'name' | 'regionCode' | 'foundedOn' | 'businessLines' | 'registeredCapitalFen'>
> = [
  {
    id: '00000000-0000-4000-8000-000000000501',
    name: '天柱县康友家政服务有限公司',
    regionCode: '522627001001',
    foundedOn: '2023-04-18',
    businessLines: ['HOUSEKEEPING', 'ESTATE_AGENCY', 'LABOUR_EXPORT', 'PROPERTY_MANAGEMENT'],
    registeredCapitalFen: '36000000',
  },
  {
    id: '00000000-0000-4000-8000-000000000502',
    name: '明湖社区股份经济合作社',
    regionCode: '520201001001',
    foundedOn: '2021-09-01',
    businessLines: ['LEASING', 'RETAIL'],
    registeredCapitalFen: '50000000',
  },
];

/**
 * Idempotent: fixed ids, upserted. Each organisation not yet announced gets its CollectiveOrganisationCreated event in
 * the same transaction, as a command would publish it, so other services can refer to demo organisations.
 */
export async function seedCollectiveEconomyDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.upsert(CollectiveOrganisation, DEMO_COLLECTIVE_ORGANISATIONS, ['id']);
    await announceOnce(
      manager,
      CollectiveOrganisationCreated,
      'CollectiveOrganisation',
      DEMO_COLLECTIVE_ORGANISATIONS.map((t) => ({ id: t.id, payload: { id: t.id, regionCode: t.regionCode } })),
    );
  });
  await seedCapitalsDemo(dataSource);
}

import type { DataSource } from 'typeorm';
import { PartyOrganisation } from './party-organisation/party-organisation.entity';
import { Region } from './region/region.entity';

/**
 * Streets and communities of the demo data set (names from the reports; street and community codes
 * are illustrative, under the real county codes) and a small Party chain in Zhongshan.
 */
export const DEMO_REGIONS: Array<Pick<Region, 'code' | 'name' | 'level' | 'parentCode'>> = [
  { code: '520201001', name: '荷城街道', level: 'STREET', parentCode: '520201' },
  { code: '520201001001', name: '明湖社区', level: 'COMMUNITY', parentCode: '520201001' },
  { code: '520201001002', name: '凉都社区', level: 'COMMUNITY', parentCode: '520201001' },
  { code: '520322001', name: '娄山关街道', level: 'STREET', parentCode: '520322' },
  { code: '520322001001', name: '鞍山社区', level: 'COMMUNITY', parentCode: '520322001' },
  { code: '520322001002', name: '西流水社区', level: 'COMMUNITY', parentCode: '520322001' },
  { code: '522624001', name: '文笔街道', level: 'STREET', parentCode: '522624' },
  { code: '522624001001', name: '彩虹社区', level: 'COMMUNITY', parentCode: '522624001' },
  { code: '522627001', name: '联山街道', level: 'STREET', parentCode: '522627' },
  { code: '522627001001', name: '北部社区', level: 'COMMUNITY', parentCode: '522627001' },
  { code: '320925001', name: '近湖街道', level: 'STREET', parentCode: '320925' },
  { code: '320925001001', name: '城南社区', level: 'COMMUNITY', parentCode: '320925001' },
];

/** Idempotent: fixed ids, upserted. */
export async function seedOrganisationDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.upsert(Region, DEMO_REGIONS, ['code']);
    await manager.upsert(
      PartyOrganisation,
      [
        {
          id: '00000000-0000-4000-8000-000000000101',
          name: '荷城街道党工委',
          level: 'STREET_WORKING_COMMITTEE',
          kind: 'REGULAR',
          regionCode: '520201001',
          parentId: null,
        },
        {
          id: '00000000-0000-4000-8000-000000000102',
          name: '明湖社区党委',
          level: 'COMMUNITY',
          kind: 'REGULAR',
          regionCode: '520201001001',
          parentId: '00000000-0000-4000-8000-000000000101',
        },
        {
          id: '00000000-0000-4000-8000-000000000103',
          name: '明湖社区第一网格党支部',
          level: 'GRID_BRANCH',
          kind: 'REGULAR',
          regionCode: '520201001001',
          parentId: '00000000-0000-4000-8000-000000000102',
        },
      ],
      ['id'],
    );
  });
}

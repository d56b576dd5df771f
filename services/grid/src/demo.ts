import type { DataSource } from 'typeorm';
import { Grid } from './grid/grid.entity';
import { countyCodeOf } from './grid/grid.rules';

type DemoGrid = Pick<Grid, 'id' | 'regionCode' | 'code' | 'name' | 'kind' | 'dedicatedType' | 'households' | 'serviceRadiusMinutes'>;

/**
 * Grids in the demo communities of the organisation subgraph (codes illustrative, under the real
 * county codes): comprehensive grids of 200–300 households and a few dedicated grids in Zhongshan.
 */
const DEMO_GRIDS: DemoGrid[] = [
  {
    id: '00000000-0000-4000-8000-000000000201',
    regionCode: '520201001001',
    code: 'MH-01',
    name: '明湖社区第一网格',
    kind: 'COMPREHENSIVE',
    dedicatedType: null,
    households: 268,
    serviceRadiusMinutes: 15,
  },
  {
    id: '00000000-0000-4000-8000-000000000202',
    regionCode: '520201001001',
    code: 'MH-02',
    name: '明湖社区第二网格',
    kind: 'COMPREHENSIVE',
    dedicatedType: null,
    households: 245,
    serviceRadiusMinutes: 15,
  },
  {
    id: '00000000-0000-4000-8000-000000000203',
    regionCode: '520201001001',
    code: 'MH-ZS-01',
    name: '明湖社区商务楼宇专属网格',
    kind: 'DEDICATED',
    dedicatedType: 'BUSINESS_BUILDING',
    households: null,
    serviceRadiusMinutes: 5,
  },
  {
    id: '00000000-0000-4000-8000-000000000204',
    regionCode: '520201001002',
    code: 'LD-01',
    name: '凉都社区第一网格',
    kind: 'COMPREHENSIVE',
    dedicatedType: null,
    households: 291,
    serviceRadiusMinutes: 10,
  },
  {
    id: '00000000-0000-4000-8000-000000000205',
    regionCode: '520201001002',
    code: 'LD-ZS-01',
    name: '凉都社区农贸市场专属网格',
    kind: 'DEDICATED',
    dedicatedType: 'MARKET',
    households: null,
    serviceRadiusMinutes: 5,
  },
  // Anshan: 7,226 households in 10 grids, so its grids are larger than the usual 200–300.
  {
    id: '00000000-0000-4000-8000-000000000206',
    regionCode: '520322001001',
    code: 'AS-01',
    name: '鞍山社区第一网格',
    kind: 'COMPREHENSIVE',
    dedicatedType: null,
    households: 726,
    serviceRadiusMinutes: 15,
  },
  {
    id: '00000000-0000-4000-8000-000000000207',
    regionCode: '522627001001',
    code: 'BB-01',
    name: '北部社区第一网格',
    kind: 'COMPREHENSIVE',
    dedicatedType: null,
    households: 236,
    serviceRadiusMinutes: 10,
  },
  {
    id: '00000000-0000-4000-8000-000000000208',
    regionCode: '320925001001',
    code: 'CN-01',
    name: '城南社区第一网格',
    kind: 'COMPREHENSIVE',
    dedicatedType: null,
    households: 258,
    serviceRadiusMinutes: 15,
  },
];

/** Idempotent: fixed ids, upserted. */
export async function seedGridDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.upsert(
      Grid,
      DEMO_GRIDS.map((grid) => ({ ...grid, countyCode: countyCodeOf(grid.regionCode) })),
      ['id'],
    );
  });
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region tree, with every county named in the domain specification and its province and city
 * (GB/T 2260 codes written as prefixes: 520000 → 52, 520200 → 5202). Streets and communities are
 * added by each county's data load.
 */
const REGIONS: Array<[code: string, name: string, level: string, parent: string | null]> = [
  ['52', '贵州省', 'PROVINCE', null],
  ['5203', '遵义市', 'CITY', '52'],
  ['520303', '汇川区', 'COUNTY', '5203'],
  ['520322', '桐梓县', 'COUNTY', '5203'],
  ['520323', '绥阳县', 'COUNTY', '5203'],
  ['5202', '六盘水市', 'CITY', '52'],
  ['520201', '钟山区', 'COUNTY', '5202'],
  ['5226', '黔东南苗族侗族自治州', 'CITY', '52'],
  ['522624', '三穗县', 'COUNTY', '5226'],
  ['522627', '天柱县', 'COUNTY', '5226'],
  ['522628', '锦屏县', 'COUNTY', '5226'],
  ['32', '江苏省', 'PROVINCE', null],
  ['3209', '盐城市', 'CITY', '32'],
  ['320904', '大丰区', 'COUNTY', '3209'],
  ['320924', '射阳县', 'COUNTY', '3209'],
  ['320925', '建湖县', 'COUNTY', '3209'],
];

export class CreateRegion1763800000100 implements MigrationInterface {
  name = 'CreateRegion1763800000100';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'region');
    await runner.query(`CREATE TABLE ${t} (
      "code" varchar(12) PRIMARY KEY,
      "name" varchar(100) NOT NULL,
      "level" varchar(20) NOT NULL,
      "parent_code" varchar(12) REFERENCES ${t} ("code")
    )`);
    await runner.query(`CREATE INDEX "region_parent_code_idx" ON ${t} ("parent_code")`);
    for (const [code, name, level, parent] of REGIONS) {
      await runner.query(`INSERT INTO ${t} ("code", "name", "level", "parent_code") VALUES ($1, $2, $3, $4)`, [code, name, level, parent]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'region')}`);
  }
}

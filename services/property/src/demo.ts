import { PropertyCompanyRegistered, announceOnce } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { DEFAULT_COUNTY_SCHEME, type CountySchemeRules } from './evaluation/evaluation-scheme.rules';
import { EvaluationScheme } from './evaluation-scheme/evaluation-scheme.entity';
import { seedLiupanshuiScale } from './demo-evaluation';
import { seedDisputesAndInspections } from './demo-records';
import { PropertyCompany } from './property-company/property-company.entity';

/**
 * Property companies of the demo data set, one or two per demo community. Names and credit codes are
 * illustrative (the codes carry the real county division codes and a correct check character).
 */
export const DEMO_PROPERTY_COMPANIES: Array<
  Pick<PropertyCompany, 'id' | 'name' | 'creditCode' | 'regionCode' | 'hasPartyOrganisation' | 'partyBuildingInstructor'>
> = [
  {
    id: '00000000-0000-4000-8000-000000000401',
    name: '六盘水明湖物业服务有限公司',
    creditCode: '91520201MA6DN2Q4XY',
    regionCode: '520201001001',
    hasPartyOrganisation: true,
    partyBuildingInstructor: '王红梅',
  },
  {
    id: '00000000-0000-4000-8000-000000000402',
    name: '钟山区凉都物业管理有限公司',
    creditCode: '91520201MA6E1KB7L7',
    regionCode: '520201001002',
    hasPartyOrganisation: false,
    partyBuildingInstructor: '张志刚',
  },
  {
    id: '00000000-0000-4000-8000-000000000403',
    name: '桐梓县鞍山物业服务有限公司',
    creditCode: '91520322MA6HT0C53Q',
    regionCode: '520322001001',
    hasPartyOrganisation: true,
    partyBuildingInstructor: '李建国',
  },
  {
    id: '00000000-0000-4000-8000-000000000404',
    name: '天柱县联山物业服务有限公司',
    creditCode: '91522627MA6GR8W2PE',
    regionCode: '522627001001',
    hasPartyOrganisation: false,
    partyBuildingInstructor: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000405',
    name: '建湖县城南物业管理有限公司',
    creditCode: '91320925MA1MY5J6UH',
    regionCode: '320925001001',
    hasPartyOrganisation: true,
    partyBuildingInstructor: '陈晓燕',
  },
  {
    id: '00000000-0000-4000-8000-000000000406',
    name: '建湖县近湖物业服务有限公司',
    creditCode: '91320925MA1NB3E8K5',
    regionCode: '320925001001',
    hasPartyOrganisation: false,
    partyBuildingInstructor: '周立新',
  },
];

/**
 * Jianhu's "红色物业" 19 standards (建湖县): the report gives their number, not their names, so the names
 * here are illustrative; the first weighs 10, the others 5.
 */
const JIANHU_SCHEME: CountySchemeRules = {
  ...DEFAULT_COUNTY_SCHEME,
  criteria: Array.from({ length: 19 }, (_, i) => ({
    key: `STANDARD_${i + 1}`,
    name: `红色物业第${i + 1}项标准`,
    weight: i === 0 ? 10 : 5,
  })),
};

/** Evaluation schemes of the demo counties: Zhongshan (六盘水, 四有一定 by default) and Jianhu (19 standards). */
export const DEMO_EVALUATION_SCHEMES = [2025, 2026].flatMap((year, y) => [
  { id: `00000000-0000-4000-8000-00000000042${y}`, regionCode: '520201', year, scheme: DEFAULT_COUNTY_SCHEME },
  { id: `00000000-0000-4000-8000-00000000043${y}`, regionCode: '320925', year, scheme: JIANHU_SCHEME },
]);

/**
 * Idempotent: fixed ids, upserted. Each company not yet announced gets its PropertyCompanyRegistered event in
 * the same transaction, as a command would publish it, so other services can refer to demo companies.
 * Then Zhongshan at Liupanshui's scale, evaluated (`demo-evaluation.ts`).
 */
export async function seedPropertyDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.upsert(PropertyCompany, DEMO_PROPERTY_COMPANIES, ['id']);
    await announceOnce(
      manager,
      PropertyCompanyRegistered,
      'PropertyCompany',
      DEMO_PROPERTY_COMPANIES.map((t) => ({ id: t.id, payload: { id: t.id, regionCode: t.regionCode } })),
    );
    // Inserted once and left alone after: a scheme in use is frozen (the database refuses an update).
    await manager
      .createQueryBuilder()
      .insert()
      .into(EvaluationScheme)
      .values(
        DEMO_EVALUATION_SCHEMES.map(({ id, regionCode, year, scheme }) => ({
          id,
          regionCode,
          year,
          version: 1,
          ...scheme,
          frozenAt: null,
          definedBy: 'demo',
        })),
      )
      .orIgnore()
      .execute();
    await seedDisputesAndInspections(manager);
  });
  await seedLiupanshuiScale(dataSource);
}

import { announceOnce, ResidentialCompoundRegistered } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { PropertyDispute, PropertyDisputeMediator, PropertyDisputeStep } from './property-dispute/property-dispute.entity';
import { RandomInspectionDraw, RandomInspectionFinding } from './random-inspection/random-inspection.entity';
import { canonicalCompanies, canonicalInspectors, drawInspection } from './random-inspection/random-inspection.rules';
import { CompoundManagementPeriod, ResidentialCompound } from './residential-compound/residential-compound.entity';

/**
 * A compound of 明湖社区 with a dispute under "3+X" mediation, and a published random inspection draw of
 * Zhongshan with one finding: the records the housing bureau's walkthrough reads. Fixed ids, inserted once.
 */
const COMPOUND = '00000000-0000-4000-8000-000000000451';
const DISPUTE = '00000000-0000-4000-8000-000000000461';
const DRAW = '00000000-0000-4000-8000-000000000471';
const MINGHU_COMPANY = '00000000-0000-4000-8000-000000000401';
const ZHONGSHAN_COMPANIES = [MINGHU_COMPANY, '00000000-0000-4000-8000-000000000402'];
const MH_01 = '00000000-0000-4000-8000-000000000201'; // 明湖社区第一网格 (grid demo)

export async function seedDisputesAndInspections(manager: EntityManager): Promise<void> {
  const insertOnce = async (entity: Function, values: object[]) =>
    manager.createQueryBuilder().insert().into(entity).values(values).orIgnore().execute();

  await insertOnce(ResidentialCompound, [
    {
      id: COMPOUND,
      name: '明湖小区',
      regionCode: '520201001001',
      gridId: MH_01,
      managementMode: 'PROFESSIONAL',
      companyId: MINGHU_COMPANY,
      managedSince: '2023-04-01',
      version: 1,
    },
  ]);
  await insertOnce(CompoundManagementPeriod, [
    {
      id: '00000000-0000-4000-8000-000000000452',
      compoundId: COMPOUND,
      sequence: 1,
      managementMode: 'PROFESSIONAL',
      companyId: MINGHU_COMPANY,
      since: '2023-04-01',
      until: null,
      recordedBy: 'demo',
    },
  ]);
  await announceOnce(manager, ResidentialCompoundRegistered, 'ResidentialCompound', [
    {
      id: COMPOUND,
      payload: { id: COMPOUND, regionCode: '520201001001', gridId: MH_01, managementMode: 'PROFESSIONAL', companyId: MINGHU_COMPANY },
    },
  ]);

  await insertOnce(PropertyDispute, [
    {
      id: DISPUTE,
      regionCode: '520201001001',
      compoundId: COMPOUND,
      companyId: MINGHU_COMPANY,
      category: 'PARKING',
      summary: '地面停车位收费标准调整未公示，业主与物业公司产生争议',
      filedOn: '2026-09-15',
      status: 'MEDIATING',
      outcome: null,
      outcomeNote: null,
      closedOn: null,
      filedBy: 'demo',
      version: 2,
    },
  ]);
  await insertOnce(PropertyDisputeStep, [
    { disputeId: DISPUTE, sequence: 1, status: 'FILED', recordedBy: 'demo' },
    { disputeId: DISPUTE, sequence: 2, status: 'MEDIATING', recordedBy: 'demo' },
  ]);
  await insertOnce(
    PropertyDisputeMediator,
    [
      { kind: 'HOUSING', body: '钟山区住房和城乡建设局' },
      { kind: 'JUSTICE', body: '钟山区司法局' },
      { kind: 'COURT', body: '钟山区人民法院' },
      { kind: 'COMMUNITY', body: '明湖社区' },
    ].map((m, position) => ({ disputeId: DISPUTE, position, ...m })),
  );

  const seed = 'ZS-2026Q4-公开摇号';
  const candidates = {
    companyIds: canonicalCompanies(ZHONGSHAN_COMPANIES),
    inspectors: canonicalInspectors([
      { name: '王建国', unit: '钟山区住房和城乡建设局' },
      { name: '李红', unit: '钟山区委组织部' },
      { name: '张伟', unit: '钟山区物业行业党委' },
    ]),
  };
  const drawn = drawInspection(seed, candidates, { companies: 1, inspectors: 2 });
  await insertOnce(RandomInspectionDraw, [
    {
      id: DRAW,
      regionCode: '520201',
      title: '2026年第四季度物业服务企业双随机抽查',
      seed,
      candidateCompanyIds: candidates.companyIds,
      candidateInspectors: candidates.inspectors,
      drawnCompanyIds: drawn.companyIds,
      drawnInspectors: drawn.inspectors,
      drawnBy: 'demo',
      drawnAt: new Date('2026-10-08T02:00:00Z'),
      publishedAt: new Date('2026-10-08T03:00:00Z'),
      version: 2,
    },
  ]);
  const inspected = drawn.companyIds[0]!;
  await insertOnce(RandomInspectionFinding, [
    {
      id: '00000000-0000-4000-8000-000000000472',
      regionCode: inspected === MINGHU_COMPANY ? '520201001001' : '520201001002',
      drawId: DRAW,
      companyId: inspected,
      inspectedOn: '2026-10-20',
      result: 'RECTIFICATION_REQUIRED',
      note: '消防通道堆放杂物，限期十日整改',
      recordedBy: 'demo',
    },
  ]);
}

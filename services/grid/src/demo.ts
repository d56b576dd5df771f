import { encryptPersonal, lookupHash, personalDataKeys, residentIdCheckCharacter } from '@gg/shared';
import { tableOf } from '@gg/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { GridStaff } from './grid-staff/grid-staff.entity';
import { Grid } from './grid/grid.entity';
import { countyCodeOf } from './grid/grid.rules';
import { HouseholdMember } from './household/household-member.entity';
import { Household } from './household/household.entity';
import type { HouseholdRelation, SpecialGroup } from './household/household.rules';
import { TenHouseholdUnit } from './ten-household-unit/ten-household-unit.entity';

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

// ─── Household ledger (台账) ────────────────────────────────────────────────────

interface DemoMember {
  id: string;
  name: string;
  phone: string | null;
  /** Birth date (YYYYMMDD) and sequence (3 digits, odd for men) of a resident ID number in Zhongshan. */
  born: string;
  sequence: string;
  relation: HouseholdRelation;
}

interface DemoHousehold {
  id: string;
  gridId: string;
  address: string;
  specialGroups: SpecialGroup[];
  lastVisitedAt: Date | null;
  members: DemoMember[];
}

/** A valid, fictional resident ID number of Zhongshan (520201), check character computed. */
function demoResidentId(born: string, sequence: string): string {
  const first17 = `520201${born}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** Fictional households of 明湖社区 (520201001001): names, addresses, phones and ID numbers are made up. */
const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  {
    id: '00000000-0000-4000-8000-000000002201',
    gridId: '00000000-0000-4000-8000-000000000201',
    address: '钟山区荷城街道明湖路18号3栋2单元501',
    specialGroups: ['ELDERLY_ALONE'],
    lastVisitedAt: new Date('2026-11-20T02:30:00Z'),
    members: [
      {
        id: '00000000-0000-4000-8000-000000002211',
        name: '王秀英',
        phone: '0858-8221234',
        born: '19420315',
        sequence: '042',
        relation: 'HEAD',
      },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000002202',
    gridId: '00000000-0000-4000-8000-000000000201',
    address: '钟山区荷城街道明湖路22号1栋1单元302',
    specialGroups: ['LEFT_BEHIND_CHILD'],
    lastVisitedAt: new Date('2026-11-18T07:00:00Z'),
    members: [
      {
        id: '00000000-0000-4000-8000-000000002221',
        name: '陈桂兰',
        phone: '13985010001',
        born: '19580611',
        sequence: '026',
        relation: 'HEAD',
      },
      {
        id: '00000000-0000-4000-8000-000000002222',
        name: '陈小宇',
        phone: null,
        born: '20150902',
        sequence: '013',
        relation: 'GRANDCHILD',
      },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000002203',
    gridId: '00000000-0000-4000-8000-000000000201',
    address: '钟山区荷城街道明湖路26号2栋3单元1102',
    specialGroups: [],
    lastVisitedAt: null,
    members: [
      {
        id: '00000000-0000-4000-8000-000000002231',
        name: '刘建国',
        phone: '13985010002',
        born: '19780125',
        sequence: '035',
        relation: 'HEAD',
      },
      {
        id: '00000000-0000-4000-8000-000000002232',
        name: '赵丽',
        phone: '13985010003',
        born: '19800808',
        sequence: '048',
        relation: 'SPOUSE',
      },
      { id: '00000000-0000-4000-8000-000000002233', name: '刘欣怡', phone: null, born: '20060417', sequence: '024', relation: 'CHILD' },
      { id: '00000000-0000-4000-8000-000000002234', name: '刘浩然', phone: null, born: '20101230', sequence: '017', relation: 'CHILD' },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000002204',
    gridId: '00000000-0000-4000-8000-000000000202',
    address: '钟山区荷城街道湖滨路5号4栋1单元201',
    specialGroups: ['DISABLED', 'LOW_INCOME'],
    lastVisitedAt: new Date('2026-11-12T03:15:00Z'),
    members: [
      {
        id: '00000000-0000-4000-8000-000000002241',
        name: '杨志强',
        phone: '13985010004',
        born: '19690720',
        sequence: '051',
        relation: 'HEAD',
      },
      {
        id: '00000000-0000-4000-8000-000000002242',
        name: '杨梅',
        phone: '13985010005',
        born: '19721104',
        sequence: '062',
        relation: 'SPOUSE',
      },
    ],
  },
];

/**
 * Idempotent: fixed ids. Grids are upserted; households and members are inserted only when missing,
 * so a restart never rolls back what a gridworker has since updated in the ledger.
 */
export async function seedGridDemo(dataSource: DataSource): Promise<void> {
  const keys = personalDataKeys();
  const regionOf = new Map(DEMO_GRIDS.map((grid) => [grid.id, grid.regionCode]));
  await dataSource.transaction(async (manager) => {
    await manager.upsert(
      Grid,
      DEMO_GRIDS.map((grid) => ({
        ...grid,
        countyCode: countyCodeOf(grid.regionCode),
        level: 1 as const,
        parentId: null,
        status: 'ACTIVE' as const,
        retiredAt: null,
      })),
      ['id'],
    );
    await manager
      .createQueryBuilder()
      .insert()
      .into(Household)
      .values(DEMO_HOUSEHOLDS.map(({ members: _members, ...household }) => ({ ...household, regionCode: regionOf.get(household.gridId)! })))
      .orIgnore()
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(HouseholdMember)
      .values(
        DEMO_HOUSEHOLDS.flatMap((household) =>
          household.members.map((member) => {
            const residentId = demoResidentId(member.born, member.sequence);
            return {
              id: member.id,
              householdId: household.id,
              regionCode: regionOf.get(household.gridId)!,
              gridId: household.gridId,
              name: member.name,
              phone: member.phone,
              residentIdCipher: encryptPersonal(residentId, keys.encryption),
              residentIdHash: lookupHash(residentId, keys.hash),
              relation: member.relation,
            };
          }),
        ),
      )
      .orIgnore()
      .execute();
    await seedStaffAndUnits(manager);
    await seedZhongshanCases(manager);
  });
}

// ─── Staff and a ten-household unit in 明湖社区第一网格 ───────────────────────────

const MH_01 = '00000000-0000-4000-8000-000000000201';
const DEMO_UNIT = '00000000-0000-4000-8000-000000003201';

async function seedStaffAndUnits(manager: EntityManager): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(GridStaff)
    .values([
      {
        id: '00000000-0000-4000-8000-000000003101',
        regionCode: '520201001001',
        gridId: MH_01,
        name: '李明',
        phone: '13985020001',
        role: 'GRIDWORKER',
        employment: 'FULL_TIME',
        post: 'A',
        recruitedFrom: null,
        subject: 'demo-gridworker',
      },
      {
        id: '00000000-0000-4000-8000-000000003102',
        regionCode: '520201001001',
        gridId: MH_01,
        name: '周强',
        phone: '13985020002',
        role: 'GRIDWORKER',
        employment: 'PART_TIME',
        post: 'B',
        recruitedFrom: 'DELIVERY_RIDER',
        subject: null,
      },
      {
        id: '00000000-0000-4000-8000-000000003103',
        regionCode: '520201001001',
        gridId: MH_01,
        name: '吴芳',
        phone: '13985020003',
        role: 'HOUSEHOLD_LEADER',
        employment: null,
        post: null,
        recruitedFrom: null,
        subject: null,
      },
      {
        id: '00000000-0000-4000-8000-000000003104',
        regionCode: '520201001001',
        gridId: MH_01,
        name: '郑伟',
        phone: null,
        role: 'BUILDING_CHIEF',
        employment: null,
        post: null,
        recruitedFrom: null,
        subject: null,
      },
    ])
    .orIgnore()
    .execute();
  await manager
    .createQueryBuilder()
    .insert()
    .into(TenHouseholdUnit)
    .values({
      id: DEMO_UNIT,
      regionCode: '520201001001',
      gridId: MH_01,
      name: '明湖路联户一组',
      leaderStaffId: '00000000-0000-4000-8000-000000003103',
    })
    .orIgnore()
    .execute();
  await manager.query(
    `UPDATE ${tableOf(manager.connection, 'household')} SET unit_id = $1
     WHERE id = ANY($2::uuid[]) AND grid_id = $3 AND unit_id IS NULL`,
    [
      DEMO_UNIT,
      ['00000000-0000-4000-8000-000000002201', '00000000-0000-4000-8000-000000002202', '00000000-0000-4000-8000-000000002203'],
      MH_01,
    ],
  );
}

// ─── Zhongshan's published case figures ───────────────────────────────────────

/** Zhongshan (钟山区) published 4,695 cases collected and 4,646 handled. */
export const ZHONGSHAN_CASES = { collected: 4695, handled: 4646 };

/**
 * Zhongshan's cases, in bulk: one statement for the cases and one for their histories (fast on
 * PGlite too), with ids derived from the case number so a restart inserts nothing twice. All are in
 * 明湖社区第一网格, the demo's only place in Zhongshan with cases, so `gridStats` of 520201 shows the
 * published figures exactly: the first 4,646 closed after a rating, the last 49 still open.
 */
async function seedZhongshanCases(manager: EntityManager): Promise<void> {
  const cases = tableOf(manager.connection, 'grid_case');
  const events = tableOf(manager.connection, 'case_event');
  const { collected, handled } = ZHONGSHAN_CASES;
  // n → class: 6 in 10 small, 2 big, 1 hard, 1 urgent; open cases go through REPORTED … IN_PROGRESS.
  // One statement: the cases, and the history each one's version implies (report, accept, assign,
  // start, resolve, rate) for the cases this run inserted only, so a re-run adds nothing even after
  // the deadline job has moved demo cases on.
  await manager.query(
    `WITH inserted AS (
       INSERT INTO ${cases} (id, region_code, grid_id, household_id, compound, reporter_subject, reporter_name, reporter_kind,
         channel, category, description, severity, handling_level, status, assignee_subject, assignee_name, deadline_at,
         reported_at, resolved_at, closed_at, rating, rating_comment, rejection_reason, idempotency_key, version)
       SELECT md5('gg-demo-zhongshan-case-' || n)::uuid, '520201001001', $1::uuid, NULL, '明湖小区',
         'demo-resident-' || (n % 300), '居民', CASE WHEN n % 3 = 0 THEN 'GRIDWORKER' ELSE 'RESIDENT' END,
         CASE n % 3 WHEN 0 THEN 'VISIT' WHEN 1 THEN 'MINI_PROGRAM' ELSE 'HOUSEHOLD_LEADER' END,
         (ARRAY['环境卫生','矛盾纠纷','设施维修','治安隐患','民生救助'])[1 + n % 5], '钟山区网格民情事件（示例数据）',
         cls, CASE cls WHEN 'SMALL' THEN 'UNIT' WHEN 'BIG' THEN 'GRID' WHEN 'URGENT' THEN 'COMMUNITY' ELSE 'STREET' END,
         CASE WHEN n <= $2 THEN 'CLOSED' ELSE (ARRAY['REPORTED','ACCEPTED','ASSIGNED','IN_PROGRESS'])[1 + n % 4] END,
         CASE WHEN n <= $2 OR n % 4 >= 2 THEN 'demo-gridworker' END, CASE WHEN n <= $2 OR n % 4 >= 2 THEN '李明' END,
         reported + make_interval(hours => CASE cls WHEN 'SMALL' THEN 72 WHEN 'BIG' THEN 168 WHEN 'HARD' THEN 360 ELSE 24 END),
         reported,
         CASE WHEN n <= $2 THEN reported + make_interval(hours => 2 + n % 70) END,
         CASE WHEN n <= $2 THEN reported + make_interval(hours => 26 + n % 70) END,
         CASE WHEN n <= $2 THEN CASE WHEN n % 25 = 0 THEN 3 WHEN n % 5 = 0 THEN 4 ELSE 5 END END,
         NULL, NULL, NULL,
         CASE WHEN n <= $2 THEN 6 ELSE 1 + n % 4 END
       FROM (SELECT n, TIMESTAMPTZ '2025-01-01 08:00:00+08' + make_interval(mins => n * 100) AS reported,
                    CASE WHEN n % 10 < 6 THEN 'SMALL' WHEN n % 10 < 8 THEN 'BIG' WHEN n % 10 = 8 THEN 'HARD' ELSE 'URGENT' END AS cls
             FROM generate_series(1, $3::int) AS n) s
       ON CONFLICT (id) DO NOTHING
       RETURNING id, region_code, reporter_subject, reporter_name, handling_level, reported_at, resolved_at, closed_at, version
     )
     INSERT INTO ${events} (case_id, region_code, sequence, action, actor_subject, actor_name, occurred_at,
       from_status, to_status, from_level, to_level, note)
     SELECT c.id, c.region_code, step.seq, step.action,
       CASE WHEN step.action IN ('REPORT', 'RATE') THEN c.reporter_subject ELSE 'demo-gridworker' END,
       CASE WHEN step.action IN ('REPORT', 'RATE') THEN c.reporter_name ELSE '李明' END,
       CASE WHEN step.action = 'RATE' THEN c.closed_at WHEN step.action = 'RESOLVE' THEN c.resolved_at
            ELSE c.reported_at + make_interval(mins => (step.seq - 1) * 30) END,
       step.from_status, step.to_status, CASE WHEN step.seq > 1 THEN c.handling_level END, c.handling_level, NULL
     FROM inserted c
     JOIN (VALUES (1, 'REPORT', NULL, 'REPORTED'), (2, 'ACCEPT', 'REPORTED', 'ACCEPTED'), (3, 'ASSIGN', 'ACCEPTED', 'ASSIGNED'),
                  (4, 'START', 'ASSIGNED', 'IN_PROGRESS'), (5, 'RESOLVE', 'IN_PROGRESS', 'RESOLVED'), (6, 'RATE', 'RESOLVED', 'CLOSED'))
          AS step(seq, action, from_status, to_status) ON step.seq <= c.version`,
    [MH_01, handled, collected],
  );
}

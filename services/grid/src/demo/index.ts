import { appendToOutbox, countyOf, eventMessage, GridCreated, HouseholdRegistered, protectResidentId, tableOf } from '@gg/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { GridStaff } from '../grid-staff/grid-staff.entity';
import { Grid } from '../grid/grid.entity';
import { HouseholdMember } from '../household/household-member.entity';
import { Household } from '../household/household.entity';
import { TenHouseholdUnit } from '../ten-household-unit/ten-household-unit.entity';
import { DEMO_GRIDS, DEMO_HOUSEHOLDS, demoResidentId } from './demo-ledger';
import { seedDemoWhistles } from './demo-whistles';

/**
 * Idempotent: fixed ids. Grids are upserted; households and members are inserted only when missing,
 * so a restart never rolls back what a gridworker has since updated in the ledger.
 */
export async function seedGridDemo(dataSource: DataSource): Promise<void> {
  const regionOf = new Map(DEMO_GRIDS.map((grid) => [grid.id, grid.regionCode]));
  await dataSource.transaction(async (manager) => {
    // One seed at a time (two processes starting at once): each announces only what it created.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['grid-demo-seed']);
    const known = new Set((await manager.findBy(Grid, { id: In(DEMO_GRIDS.map((g) => g.id)) })).map((g) => g.id));
    await manager.upsert(
      Grid,
      DEMO_GRIDS.map((grid) => ({
        ...grid,
        countyCode: countyOf(grid.regionCode)!,
        level: 1 as const,
        parentId: null,
        status: 'ACTIVE' as const,
        retiredAt: null,
      })),
      ['id'],
    );
    const households = await manager
      .createQueryBuilder()
      .insert()
      .into(Household)
      .values(DEMO_HOUSEHOLDS.map(({ members: _members, ...household }) => ({ ...household, regionCode: regionOf.get(household.gridId)! })))
      .orIgnore()
      .returning('id, region_code, grid_id')
      .execute();
    // Announced like the commands announce theirs, for what this run created only (a restart adds nothing).
    await appendToOutbox(manager, [
      ...DEMO_GRIDS.filter((g) => !known.has(g.id)).map((g) =>
        eventMessage(GridCreated, { id: g.id, regionCode: g.regionCode }, { type: 'Grid', id: g.id }),
      ),
      ...(households.raw as Array<{ id: string; region_code: string; grid_id: string }>).map((h) =>
        eventMessage(HouseholdRegistered, { id: h.id, regionCode: h.region_code, gridId: h.grid_id }, { type: 'Household', id: h.id }),
      ),
    ]);
    await manager
      .createQueryBuilder()
      .insert()
      .into(HouseholdMember)
      .values(
        DEMO_HOUSEHOLDS.flatMap((household) =>
          household.members.map((member) => {
            const residentId = protectResidentId(demoResidentId(member.born, member.sequence));
            return {
              id: member.id,
              householdId: household.id,
              regionCode: regionOf.get(household.gridId)!,
              gridId: household.gridId,
              name: member.name,
              phone: member.phone,
              residentIdCipher: residentId.cipher,
              residentIdHash: residentId.hash,
              relation: member.relation,
            };
          }),
        ),
      )
      .orIgnore()
      .execute();
    await seedStaffAndUnits(manager);
    await seedZhongshanCases(manager);
    await seedDemoWhistles(manager);
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

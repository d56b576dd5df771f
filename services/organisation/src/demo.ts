import {
  appendToOutbox,
  DepartmentCreated,
  DoubleReportAssigned,
  encryptPersonal,
  eventMessage,
  lookupHash,
  PartyMemberRegistered,
  PartyOrganisationCreated,
  PartyOrganisationDissolved,
  personalDataKeys,
  RegionAdded,
  residentIdCheckCharacter,
} from '@gg/shared';
import type { DataSource } from 'typeorm';
import { Cadre, CadreLiaisonActivity, CadreLiaisonLink } from './cadre-liaison/cadre-liaison.entity';
import { JointMeeting, JointMeetingBody } from './joint-meeting/joint-meeting.entity';
import { DoubleReport, PartyMember } from './party-member/party-member.entity';
import { BranchAssessment, CentralHouseholdLink, PartyOrganisation } from './party-organisation/party-organisation.entity';
import { Region } from './region/region.entity';
import { DEMO_DEPARTMENTS, DEMO_MEMBERS, DEMO_ORGANISATIONS, DEMO_REGIONS, id, withPaths } from './demo-data';
import { Department } from './department/department.entity';
import { TwoNewEntity } from './two-new/two-new.entity';

/** Idempotent: fixed ids; upserted, or inserted only when missing where staff may since have changed them. */
export async function seedOrganisationDemo(dataSource: DataSource): Promise<void> {
  const keys = personalDataKeys();
  await dataSource.transaction(async (manager) => {
    // What is new is announced, as the commands do, so other services' references learn it.
    const known = async (entity: Function, key: string, values: string[]) =>
      new Set(
        (
          await manager
            .getRepository(entity)
            .createQueryBuilder('x')
            .select(`x.${key}`, 'key')
            .where(`x.${key} IN (:...values)`, { values })
            .getRawMany<{ key: string }>()
        ).map((r) => r.key),
      );
    const regionsBefore = await known(
      Region,
      'code',
      DEMO_REGIONS.map((r) => r.code),
    );
    const organisationsBefore = await known(
      PartyOrganisation,
      'id',
      DEMO_ORGANISATIONS.map((o) => o.id),
    );
    const membersBefore = await known(
      PartyMember,
      'id',
      DEMO_MEMBERS.map((m) => m.id),
    );
    const reportsBefore = await known(DoubleReport, 'id', [id(151)]);
    const departmentsBefore = await known(
      Department,
      'id',
      DEMO_DEPARTMENTS.map((d) => d.id),
    );
    // Inserted only when missing: nothing of a department changes after it is recorded.
    await manager.createQueryBuilder().insert().into(Department).values(DEMO_DEPARTMENTS).orIgnore().execute();
    await manager.upsert(Region, DEMO_REGIONS, ['code']);
    await manager.upsert(PartyOrganisation, withPaths(DEMO_ORGANISATIONS), ['id']);
    await manager
      .createQueryBuilder()
      .insert()
      .into(CentralHouseholdLink)
      .values([id(2201), id(2202)].map((householdId) => ({ organisationId: id(105), householdId, regionCode: '520201001001' })))
      .orIgnore()
      .execute();
    await manager.upsert(
      BranchAssessment,
      [
        {
          id: id(141),
          organisationId: id(103),
          regionCode: '520201001001',
          year: 2025,
          passed: true,
          demonstrationLevel: 'MUNICIPAL',
          note: null,
        },
        {
          id: id(142),
          organisationId: id(123),
          regionCode: '320925001001',
          year: 2025,
          passed: true,
          demonstrationLevel: null,
          note: null,
        },
      ],
      ['id'],
    );
    await manager
      .createQueryBuilder()
      .insert()
      .into(PartyMember)
      .values(
        DEMO_MEMBERS.map(({ born, sequence, ...member }) => {
          const first17 = `${member.regionCode.slice(0, 6)}${born}${sequence}`;
          const residentId = first17 + residentIdCheckCharacter(first17);
          return {
            ...member,
            identityShown: true,
            residentIdCipher: encryptPersonal(residentId, keys.encryption),
            residentIdHash: lookupHash(residentId, keys.hash),
          };
        }),
      )
      .orIgnore()
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(DoubleReport)
      .values({
        id: id(151),
        memberId: id(132),
        regionCode: '520201001002',
        workUnit: '钟山区住房和城乡建设局',
        certificateNo: 'ZS-FWZ-2025-0318',
        letterNo: 'ZS-BDH-2025-0318',
        skills: ['水电维修'],
        wish: '周末参加小区维修志愿服务',
        status: 'ASSIGNED',
        gridId: id(204),
        volunteerTeamId: null,
        confirmedAt: new Date('2025-03-20T02:00:00Z'),
        assignedAt: new Date('2025-03-22T02:00:00Z'),
      })
      .orIgnore()
      .execute();
    await manager.upsert(Cadre, [{ id: id(161), name: '周卫东', post: '区委常委、组织部部长', regionCode: '520201' }], ['id']);
    await manager.upsert(
      CadreLiaisonLink,
      [
        { id: id(162), cadreId: id(161), level: 'STREET', regionCode: '520201001', gridId: null },
        { id: id(163), cadreId: id(161), level: 'COMMUNITY', regionCode: '520201001001', gridId: null },
        { id: id(164), cadreId: id(161), level: 'GRID', regionCode: '520201001001', gridId: id(201) },
      ],
      ['id'],
    );
    // 2025: the street and community links met the bar; the grid had 3 visits but 1 problem solved.
    const activities: Array<[number, number, 'VISIT' | 'PROBLEM_SOLVED', string, string]> = [
      [171, 162, 'VISIT', '2025-02-10', '调研街道网格化治理'],
      [172, 162, 'VISIT', '2025-05-12', '督导防汛准备'],
      [173, 162, 'VISIT', '2025-10-08', '听取街道工作汇报'],
      [174, 162, 'PROBLEM_SOLVED', '2025-05-12', '协调解决排水管网改造资金'],
      [175, 162, 'PROBLEM_SOLVED', '2025-10-08', '推动老旧小区加装电梯'],
      [176, 163, 'VISIT', '2025-03-01', '走访明湖社区'],
      [177, 163, 'VISIT', '2025-07-01', '七一慰问老党员'],
      [178, 163, 'VISIT', '2025-11-20', '入户走访困难家庭'],
      [179, 163, 'PROBLEM_SOLVED', '2025-07-01', '解决社区服务用房'],
      [180, 163, 'PROBLEM_SOLVED', '2025-11-20', '协调停车位划线'],
      [181, 164, 'VISIT', '2025-04-02', '第一网格走访'],
      [182, 164, 'VISIT', '2025-08-15', '网格夜访'],
      [183, 164, 'VISIT', '2025-12-05', '网格冬季安全检查'],
      [184, 164, 'PROBLEM_SOLVED', '2025-08-15', '修复路灯'],
    ];
    await manager.upsert(
      CadreLiaisonActivity,
      activities.map(([n, link, kind, occurredOn, note]) => ({
        id: id(n),
        linkId: id(link),
        regionCode: link === 162 ? '520201001' : '520201001001',
        kind,
        occurredOn,
        note,
      })),
      ['id'],
    );
    await manager.upsert(
      JointMeetingBody,
      [
        {
          id: id(191),
          name: '荷城街道党建联席会议',
          regionCode: '520201001',
          memberUnits: ['区住建局', '区民政局', '区城管局', '区公安分局', '区卫健局'],
        },
      ],
      ['id'],
    );
    await manager.upsert(
      JointMeeting,
      [
        {
          id: id(192),
          bodyId: id(191),
          regionCode: '520201001',
          heldOn: '2025-03-28',
          problemsTabled: 6,
          problemsSolved: 5,
          note: '老旧小区改造',
        },
        { id: id(193), bodyId: id(191), regionCode: '520201001', heldOn: '2025-09-26', problemsTabled: 4, problemsSolved: 4, note: null },
      ],
      ['id'],
    );
    await manager.upsert(
      TwoNewEntity,
      [
        {
          id: id(195),
          name: '近湖顺达快递服务站',
          kind: 'NON_PUBLIC_ENTERPRISE',
          regionCode: '320925001001',
          partyOrganisationId: id(124),
        },
        {
          id: id(196),
          name: '城南邻里互助社工服务中心',
          kind: 'SOCIAL_ORGANISATION',
          regionCode: '320925001001',
          partyOrganisationId: null,
        },
      ],
      ['id'],
    );
    await appendToOutbox(manager, [
      ...DEMO_REGIONS.filter((r) => !regionsBefore.has(r.code)).map((r) =>
        eventMessage(RegionAdded, { code: r.code, level: r.level, parentCode: r.parentCode }, { type: 'Region', id: r.code }),
      ),
      ...DEMO_ORGANISATIONS.filter((o) => !organisationsBefore.has(o.id)).flatMap((o) => [
        eventMessage(
          PartyOrganisationCreated,
          { id: o.id, regionCode: o.regionCode, level: o.level, kind: o.kind },
          { type: 'PartyOrganisation', id: o.id },
        ),
        ...(o.activation?.dissolvedOn
          ? [eventMessage(PartyOrganisationDissolved, { id: o.id, regionCode: o.regionCode }, { type: 'PartyOrganisation', id: o.id })]
          : []),
      ]),
      ...DEMO_MEMBERS.filter((m) => !membersBefore.has(m.id)).map((m) =>
        eventMessage(
          PartyMemberRegistered,
          { id: m.id, regionCode: m.regionCode, organisationId: m.organisationId },
          { type: 'PartyMember', id: m.id },
        ),
      ),
      ...DEMO_DEPARTMENTS.filter((d) => !departmentsBefore.has(d.id)).map((d) =>
        eventMessage(DepartmentCreated, { id: d.id, regionCode: d.regionCode, kind: d.kind }, { type: 'Department', id: d.id }),
      ),
      ...(reportsBefore.has(id(151))
        ? []
        : [
            eventMessage(
              DoubleReportAssigned,
              { doubleReportId: id(151), memberId: id(132), regionCode: '520201001002', gridId: id(204), volunteerTeamId: null },
              { type: 'DoubleReport', id: id(151) },
            ),
          ]),
    ]);
  });
}

import {
  appendToOutbox,
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
import type { PartyOrganisationKind, PartyOrganisationLevel } from './party-organisation/party-organisation.rules';
import { Region } from './region/region.entity';
import { TwoNewEntity } from './two-new/two-new.entity';

/**
 * Streets and communities of the demo data set (names from the reports; street and community codes
 * are illustrative, under the real county codes).
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

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface DemoOrganisation {
  id: string;
  name: string;
  level: PartyOrganisationLevel;
  kind: PartyOrganisationKind;
  regionCode: string;
  parentId: string | null;
  gridId?: string;
  activation?: { reason: string; activatedOn: string; dissolvedOn?: string };
}

/**
 * One community of each chain shape: 明湖社区 in Zhongshan (four levels, with a dissolved flood-season
 * temporary branch), 彩虹社区 in Sansui (five levels), 城南社区 in Jianhu (three levels, with an industry
 * committee of couriers attached to the street). Grid and household ids are the grid subgraph's demo ids.
 */
const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // 钟山区 (four levels)
  { id: id(101), name: '荷城街道党工委', level: 'STREET_WORKING_COMMITTEE', kind: 'REGULAR', regionCode: '520201001', parentId: null },
  { id: id(102), name: '明湖社区党委', level: 'COMMUNITY', kind: 'REGULAR', regionCode: '520201001001', parentId: id(101) },
  {
    id: id(103),
    name: '明湖社区第一网格党支部',
    level: 'GRID_BRANCH',
    kind: 'REGULAR',
    regionCode: '520201001001',
    parentId: id(102),
    gridId: id(201),
  },
  {
    id: id(104),
    name: '明湖社区第二网格党小组',
    level: 'GRID_BRANCH',
    kind: 'REGULAR',
    regionCode: '520201001001',
    parentId: id(102),
    gridId: id(202),
  },
  { id: id(105), name: '党员中心户（张家）', level: 'CENTRAL_HOUSEHOLD', kind: 'REGULAR', regionCode: '520201001001', parentId: id(103) },
  {
    id: id(106),
    name: '明湖社区防汛临时党支部',
    level: 'GRID_BRANCH',
    kind: 'TEMPORARY',
    regionCode: '520201001001',
    parentId: id(102),
    activation: { reason: '汛期防汛抢险（平急转换）', activatedOn: '2025-06-15', dissolvedOn: '2025-09-30' },
  },
  // 三穗县 (five levels)
  { id: id(111), name: '文笔街道党工委', level: 'STREET_WORKING_COMMITTEE', kind: 'REGULAR', regionCode: '522624001', parentId: null },
  { id: id(112), name: '彩虹社区党委', level: 'COMMUNITY', kind: 'REGULAR', regionCode: '522624001001', parentId: id(111) },
  { id: id(113), name: '彩虹社区一片区党支部', level: 'GRID_BRANCH', kind: 'REGULAR', regionCode: '522624001001', parentId: id(112) },
  { id: id(114), name: '彩虹社区3栋党小组', level: 'BUILDING_GROUP', kind: 'REGULAR', regionCode: '522624001001', parentId: id(113) },
  { id: id(115), name: '党员中心户（杨家）', level: 'CENTRAL_HOUSEHOLD', kind: 'REGULAR', regionCode: '522624001001', parentId: id(114) },
  // 建湖县 (three levels)
  { id: id(121), name: '近湖街道党工委', level: 'STREET_WORKING_COMMITTEE', kind: 'REGULAR', regionCode: '320925001', parentId: null },
  { id: id(122), name: '城南社区党委', level: 'COMMUNITY', kind: 'REGULAR', regionCode: '320925001001', parentId: id(121) },
  {
    id: id(123),
    name: '城南社区阳光小区党支部',
    level: 'GRID_BRANCH',
    kind: 'REGULAR',
    regionCode: '320925001001',
    parentId: id(122),
    gridId: id(208),
  },
  { id: id(124), name: '近湖街道快递物流行业党委', level: 'COMMUNITY', kind: 'INDUSTRY', regionCode: '320925001', parentId: id(121) },
];

/** Materialised paths of the demo chain, from the top down (parents are listed before children). */
function withPaths(organisations: DemoOrganisation[]) {
  const paths = new Map<string, string>();
  return organisations.map(({ activation, gridId, ...o }) => {
    const path = `${o.parentId ? paths.get(o.parentId)! : ''}${o.id}/`;
    paths.set(o.id, path);
    return {
      ...o,
      path,
      gridId: gridId ?? null,
      activationReason: activation?.reason ?? null,
      activatedOn: activation?.activatedOn ?? null,
      dissolvedOn: activation?.dissolvedOn ?? null,
      dissolutionNote: activation?.dissolvedOn ? '汛期结束，党员回归原支部' : null,
    };
  });
}

const DEMO_MEMBERS = [
  {
    id: id(131),
    organisationId: id(103),
    regionCode: '520201001001',
    name: '张红梅',
    phone: '13908580001',
    born: '19760412',
    sequence: '302',
    posts: ['政策宣传岗', '矛盾调解岗'],
    serviceCommitments: ['帮扶独居老人'],
    temporaryBranchId: id(106),
  },
  {
    id: id(132),
    organisationId: id(103),
    regionCode: '520201001001',
    name: '李国强',
    phone: null,
    born: '19820903',
    sequence: '111',
    posts: ['环境卫生岗'],
    serviceCommitments: ['楼道清洁', '垃圾分类劝导'],
    temporaryBranchId: id(106),
  },
  {
    id: id(133),
    organisationId: id(113),
    regionCode: '522624001001',
    name: '杨秀英',
    phone: '13985560002',
    born: '19690120',
    sequence: '224',
    posts: ['文明劝导岗'],
    serviceCommitments: ['关爱留守儿童'],
    temporaryBranchId: null,
  },
  {
    id: id(134),
    organisationId: id(123),
    regionCode: '320925001001',
    name: '王志刚',
    phone: '13815150003',
    born: '19880611',
    sequence: '035',
    posts: ['平安巡逻岗'],
    serviceCommitments: ['夜间巡逻'],
    temporaryBranchId: null,
  },
];

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

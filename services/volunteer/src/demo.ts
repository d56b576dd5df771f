import { CountySettingRecord, VolunteerTeamCreated, VolunteerTeamProfiled, announceOnce } from '@gg/shared';
import type { DataSource } from 'typeorm';
import { Activity } from './activity/activity.entity';
import { MicroWish, MicroWishStep } from './micro-wish/micro-wish.entity';
import { teamCategorySetting } from './volunteer-team/volunteer-team.categories';
import { seedServiceOrderDemo } from './service-order/service-order.demo';
import { VolunteerTeam } from './volunteer-team/volunteer-team.entity';

type DemoTeam = Pick<VolunteerTeam, 'id' | 'name' | 'category' | 'regionCode' | 'skills' | 'description'>;

/**
 * Teams of the demo communities: Liupanshui's five colours in Zhongshan, Tianzhu's service lines in
 * 北部社区, and one team each in Tongzi and Jianhu. Names follow the reports' pattern.
 */
export const DEMO_VOLUNTEER_TEAMS: DemoTeam[] = [
  {
    id: '00000000-0000-4000-8000-000000000301',
    name: '明湖社区红色宣讲志愿服务队',
    category: 'RED',
    regionCode: '520201001001',
    skills: ['理论宣讲', '课后辅导', '党史讲解'],
    description: '党员和退休教师为青少年宣讲党史、辅导功课。',
  },
  {
    id: '00000000-0000-4000-8000-000000000302',
    name: '明湖社区绿色文明志愿服务队',
    category: 'GREEN',
    regionCode: '520201001001',
    skills: ['垃圾分类', '文明劝导'],
    description: '小区环境整治与文明行为劝导。',
  },
  {
    id: '00000000-0000-4000-8000-000000000303',
    name: '明湖社区蓝色平安志愿服务队',
    category: 'BLUE',
    regionCode: '520201001001',
    skills: ['治安巡逻', '矛盾调解', '反诈宣传'],
    description: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000304',
    name: '凉都社区白色健康志愿服务队',
    category: 'WHITE',
    regionCode: '520201001002',
    skills: ['量血压', '急救', '心理疏导'],
    description: '社区医生和护士为老人提供健康服务。',
  },
  {
    id: '00000000-0000-4000-8000-000000000305',
    name: '凉都社区金色休闲志愿服务队',
    category: 'GOLD',
    regionCode: '520201001002',
    skills: ['广场舞', '书法', '棋牌'],
    description: '组织老年人文体活动。',
  },
  {
    id: '00000000-0000-4000-8000-000000000306',
    name: '北部社区环保志愿服务队',
    category: 'ENVIRONMENT',
    regionCode: '522627001001',
    skills: ['河道清理', '垃圾分类'],
    description: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000307',
    name: '北部社区就业帮扶志愿服务队',
    category: 'EMPLOYMENT',
    regionCode: '522627001001',
    skills: ['岗位推荐', '技能培训'],
    description: '为易地搬迁群众推荐岗位、开展技能培训。',
  },
  {
    id: '00000000-0000-4000-8000-000000000308',
    name: '北部社区关爱志愿服务队',
    category: 'CARE',
    regionCode: '522627001001',
    skills: ['留守儿童陪伴', '独居老人探访'],
    description: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000309',
    name: '北部社区安全消防志愿服务队',
    category: 'SAFETY_FIRE',
    regionCode: '522627001001',
    skills: ['消防检查', '用电安全'],
    description: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000310',
    name: '北部社区文化志愿服务队',
    category: 'CULTURE',
    regionCode: '522627001001',
    skills: ['苗侗歌舞', '非遗传承'],
    description: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000311',
    name: '鞍山社区党员志愿服务队',
    category: 'OTHER',
    regionCode: '520322001001',
    skills: ['代办服务', '政策解读'],
    description: '在职党员到社区报到，认领服务岗位。',
  },
  {
    id: '00000000-0000-4000-8000-000000000312',
    name: '城南社区邻里守望志愿服务队',
    category: 'CARE',
    regionCode: '320925001001',
    skills: ['独居老人探访', '便民维修'],
    description: null,
  },
];

/** The counties' own category lists: Zhongshan (Liupanshui) files under five colours, Tianzhu under five service lines. */
const DEMO_CATEGORIES = [
  { countyCode: '520201', categories: ['RED', 'GREEN', 'BLUE', 'WHITE', 'GOLD'] },
  { countyCode: '522627', categories: ['ENVIRONMENT', 'EMPLOYMENT', 'CARE', 'SAFETY_FIRE', 'CULTURE'] },
];

/** Wishes on 明湖社区's wall, one at each stage, and an activity of its red team (fixed ids and instants). */
const DEMO_WISHES: Array<Partial<MicroWish>> = [
  {
    id: '00000000-0000-4000-8000-000000000351',
    regionCode: '520201001001',
    title: '一台收音机',
    description: '独居的刘大爷想听戏曲频道',
    status: 'ON_WALL',
    posterSubject: 'demo-leader-wu',
    onBehalf: true,
    postedAt: new Date('2026-11-20T09:00:00+08:00'),
  },
  {
    id: '00000000-0000-4000-8000-000000000352',
    regionCode: '520201001001',
    title: '一双过冬的棉鞋',
    status: 'CONFIRMED',
    posterSubject: 'demo-resident-chen',
    onBehalf: false,
    postedAt: new Date('2026-11-02T10:00:00+08:00'),
    claimantKind: 'MERCHANT',
    claimantName: '红城星店·明湖鞋铺',
    claimantSubject: 'demo-staff',
    claimedAt: new Date('2026-11-03T10:00:00+08:00'),
    fulfilledAt: new Date('2026-11-05T15:00:00+08:00'),
    evidence: '棉鞋已送到陈奶奶家',
    confirmedAt: new Date('2026-11-06T09:00:00+08:00'),
  },
];

const DEMO_ACTIVITIES: Array<Partial<Activity>> = [
  {
    id: '00000000-0000-4000-8000-000000000361',
    regionCode: '520201001001',
    teamId: '00000000-0000-4000-8000-000000000301',
    title: '重阳节敬老服务',
    place: '明湖社区养老服务站',
    description: '为辖区老人量血压、理发、读报。',
    startsAt: new Date('2026-10-29T09:00:00+08:00'),
    endsAt: new Date('2026-10-29T11:30:00+08:00'),
    capacity: 20,
    organiserSubject: 'demo-staff',
    organiserName: '社区工作人员',
  },
];

/**
 * Idempotent: fixed ids, upserted. Each team not yet announced gets its VolunteerTeamCreated event in
 * the same transaction, as a command would publish it, so other services can refer to demo teams.
 */
export async function seedVolunteerDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.upsert(VolunteerTeam, DEMO_VOLUNTEER_TEAMS, ['id']);
    await manager.upsert(
      CountySettingRecord,
      DEMO_CATEGORIES.map(({ countyCode, categories }) => ({
        countyCode,
        key: teamCategorySetting.key,
        value: { categories },
        updatedBy: 'demo',
        updatedAt: new Date('2026-11-01T00:00:00+08:00'),
      })),
      ['countyCode', 'key'],
    );
    await manager.upsert(MicroWish, DEMO_WISHES, ['id']);
    // The confirmed wish's history (append-only rows, inserted once).
    const history = DEMO_WISHES.flatMap((w) => {
      const steps: Array<Partial<MicroWishStep>> = [
        { action: 'POST', fromStatus: null, toStatus: 'ON_WALL', actorSubject: w.posterSubject!, at: w.postedAt! },
      ];
      if (w.status === 'CONFIRMED')
        steps.push(
          { action: 'CLAIM', fromStatus: 'ON_WALL', toStatus: 'CLAIMED', actorSubject: w.claimantSubject!, at: w.claimedAt! },
          { action: 'FULFIL', fromStatus: 'CLAIMED', toStatus: 'FULFILLED', actorSubject: w.claimantSubject!, at: w.fulfilledAt! },
          { action: 'CONFIRM', fromStatus: 'FULFILLED', toStatus: 'CONFIRMED', actorSubject: w.posterSubject!, at: w.confirmedAt! },
        );
      return steps.map((step, i) => ({ ...step, wishId: w.id!, regionCode: w.regionCode!, version: i + 1 }));
    });
    await manager.createQueryBuilder().insert().into(MicroWishStep).values(history).orIgnore().execute();
    await manager.update(MicroWish, { id: DEMO_WISHES[1]!.id }, { version: 4 });
    await manager.upsert(Activity, DEMO_ACTIVITIES, ['id']);
    await announceOnce(
      manager,
      VolunteerTeamCreated,
      'VolunteerTeam',
      DEMO_VOLUNTEER_TEAMS.map((t) => ({ id: t.id, payload: { id: t.id, regionCode: t.regionCode } })),
    );
    await announceOnce(
      manager,
      VolunteerTeamProfiled,
      'VolunteerTeam',
      DEMO_VOLUNTEER_TEAMS.map((t) => ({
        id: t.id,
        payload: { id: t.id, regionCode: t.regionCode, category: t.category, skills: t.skills },
      })),
    );
    await seedServiceOrderDemo(manager);
  });
}

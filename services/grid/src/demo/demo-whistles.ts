import { tableOf } from '@gg/shared';
import type { EntityManager } from 'typeorm';
import { WHISTLE_LIST } from '../whistle-list/whistle-list.setting';
import { DEFAULT_WHISTLE_LIST, type WhistleList, type WhistleType } from '../whistle-list/whistle-list.rules';

const byCode = (code: string): WhistleType => DEFAULT_WHISTLE_LIST.types.find((t) => t.code === code)!;

/**
 * Zhongshan (Liupanshui): the street blows the whistle to the departments (街道吹哨、部门报到) by a list
 * with types and steps; its communities call the Party members reporting in (1.2万余名党员到社区报到).
 */
const ZHONGSHAN: WhistleList = {
  types: [
    { ...byCode('JOINT_ENFORCEMENT'), blownBy: ['STREET'] },
    {
      code: 'URBAN_ORDER',
      name: '城市管理',
      blownBy: ['STREET'],
      answeredBy: 'DEPARTMENT',
      answerHours: 24,
      steps: ['街道核实并吹哨', '城管、执法部门24小时内报到', '联合处置', '“吹哨应哨”小程序跟踪督办'],
    },
    byCode('HOUSING_PROPERTY'),
    { ...byCode('EMERGENCY'), blownBy: ['STREET'] },
    byCode('PARTY_MEMBER_SERVICE'),
  ],
};

/** Jianhu: the community blows the whistle and the departments report (社区吹哨、部门报到). */
const JIANHU: WhistleList = {
  types: [
    byCode('MARKET_ORDER'),
    { ...byCode('HOUSING_PROPERTY'), blownBy: ['STREET', 'COMMUNITY'] },
    byCode('JOINT_ENFORCEMENT'),
    byCode('EMERGENCY'),
  ],
};

/** The demo's whistle, on an open Zhongshan case, to 钟山区住房和城乡建设局: what its staff find in `myWhistles`. */
export const DEMO_WHISTLE = '00000000-0000-4000-8000-000000003301';
const HOUSING_BUREAU = '00000000-0000-4000-8000-000000000181';
/** What the street asks of the bureau (the whistle's `note`). */
const DEMO_WHISTLE_NOTE = '请派员到场查看，三日内提出处置方案';

/**
 * Whistle lists of Zhongshan and Jianhu (other counties work with the default list), kept when a county
 * administrator has since set its own, and one whistle waiting for the housing bureau's answer, with
 * its event in the case's history (inserted once: a restart adds nothing).
 */
export async function seedDemoWhistles(manager: EntityManager): Promise<void> {
  for (const [countyCode, list] of [
    ['520201', ZHONGSHAN],
    ['320925', JIANHU],
  ] as const) {
    await manager.query(
      `INSERT INTO ${tableOf(manager.connection, 'county_setting')} (county_code, key, value, updated_by, updated_at)
       VALUES ($1, $2, $3, 'demo', now()) ON CONFLICT DO NOTHING`,
      [countyCode, WHISTLE_LIST.key, JSON.stringify(list)],
    );
  }
  const whistles = tableOf(manager.connection, 'case_whistle');
  const cases = tableOf(manager.connection, 'grid_case');
  const events = tableOf(manager.connection, 'case_event');
  // The last Zhongshan case is still open (see seedZhongshanCases).
  await manager.query(
    `WITH whistled AS (
       INSERT INTO ${whistles} (id, case_id, region_code, target, department_id, department, whistle_type, answerer,
         blown_by, blown_at, answer_by, note)
       SELECT $1::uuid, c.id, c.region_code, $2::text, $3::uuid, NULL, 'HOUSING_PROPERTY', 'DEPARTMENT', 'demo-street-staff', now(), now() + interval '72 hours', $4::text
       FROM ${cases} c WHERE c.id = md5('gg-demo-zhongshan-case-4695')::uuid AND c.status NOT IN ('RESOLVED', 'CLOSED', 'REJECTED')
       ON CONFLICT DO NOTHING
       RETURNING case_id
     ), bumped AS (
       UPDATE ${cases} c SET version = c.version + 1 FROM whistled w WHERE c.id = w.case_id
       RETURNING c.id, c.region_code, c.version, c.status, c.handling_level
     )
     INSERT INTO ${events} (case_id, region_code, sequence, action, actor_subject, actor_name, occurred_at,
       from_status, to_status, from_level, to_level, note)
     SELECT b.id, b.region_code, b.version, 'WHISTLE', 'demo-street-staff', '荷城街道', now(), b.status, b.status,
       b.handling_level, b.handling_level, 'HOUSING_PROPERTY 住房与物业难题 → 1 department(s): answer within 72 h; ' || $4::text
     FROM bumped b`,
    [DEMO_WHISTLE, HOUSING_BUREAU, HOUSING_BUREAU, DEMO_WHISTLE_NOTE],
  );
}

import type { PartyOrganisationKind, PartyOrganisationLevel } from './party-organisation/party-organisation.rules';
import type { DepartmentKind } from './department/department.rules';
import type { Region } from './region/region.entity';

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

export const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

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
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
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
export function withPaths(organisations: DemoOrganisation[]) {
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

export const DEMO_MEMBERS = [
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

/**
 * County departments (部门) whistled to and assigned cases in the demo: Zhongshan's, whose street
 * blows the whistle to them (街道吹哨、部门报到, Liupanshui), Tongzi's, and Jianhu's, whose communities
 * do (社区吹哨、部门报到). Staff tokens name them: `--department 00000000-0000-4000-8000-000000000181`.
 */
export const DEMO_DEPARTMENTS: Array<{ id: string; name: string; kind: DepartmentKind; regionCode: string }> = [
  { id: id(181), name: '钟山区住房和城乡建设局', kind: 'HOUSING', regionCode: '520201' },
  { id: id(182), name: '钟山区城市管理局', kind: 'URBAN_MANAGEMENT', regionCode: '520201' },
  { id: id(183), name: '钟山区综合行政执法局', kind: 'COMPREHENSIVE_ENFORCEMENT', regionCode: '520201' },
  { id: id(184), name: '钟山区市场监督管理局', kind: 'MARKET_REGULATION', regionCode: '520201' },
  { id: id(185), name: '桐梓县住房和城乡建设局', kind: 'HOUSING', regionCode: '520322' },
  { id: id(186), name: '建湖县综合行政执法局', kind: 'COMPREHENSIVE_ENFORCEMENT', regionCode: '320925' },
  { id: id(187), name: '建湖县市场监督管理局', kind: 'MARKET_REGULATION', regionCode: '320925' },
];

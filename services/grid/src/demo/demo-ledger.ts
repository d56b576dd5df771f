import { residentIdCheckCharacter } from '@gg/shared';
import type { Grid } from '../grid/grid.entity';
import type { HouseholdRelation, SpecialGroup } from '../household/household.rules';

type DemoGrid = Pick<Grid, 'id' | 'regionCode' | 'code' | 'name' | 'kind' | 'dedicatedType' | 'households' | 'serviceRadiusMinutes'>;

/**
 * Grids in the demo communities of the organisation subgraph (codes illustrative, under the real
 * county codes): comprehensive grids of 200–300 households and a few dedicated grids in Zhongshan.
 */
export const DEMO_GRIDS: DemoGrid[] = [
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
export function demoResidentId(born: string, sequence: string): string {
  const first17 = `520201${born}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** Fictional households of 明湖社区 (520201001001): names, addresses, phones and ID numbers are made up. */
export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
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

import type { Identity } from '@gg/shared';
import { startTestSubgraph, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomUUID } from 'node:crypto';
import { gridService } from '../src/service';
import { randomResidentIdOf, registerCommunities, registerDepartment } from './fixtures';

const code = () => `SC-${randomUUID().slice(0, 8).toUpperCase()}`;
const mutation = (name: string, input: string) => `mutation ($input: ${input}!) { ${name}(input: $input) { __typename } }`;

/** Every table of the grid schema with a region: what a refused write must leave as it was. */
const TABLES = [
  'grid',
  'grid_lineage',
  'grid_staff',
  'ten_household_unit',
  'household',
  'household_member',
  'grid_case',
  'case_event',
  'case_whistle',
  'case_escalation',
  'visit',
];

/**
 * Issue 9: a write that names another record by id (a grid, household, unit, staff member, case or
 * whistle) finds nothing outside the caller's scope: NOT_FOUND naming the field, exactly as for an
 * id that does not exist, so a write never confirms that a record of another county exists. Nothing
 * is written.
 */
describe('writes naming records of another county', () => {
  let sg: TestSubgraph;
  let street: string;
  const a: Record<string, string> = {};
  let ownCommunity: string;
  let ownGrid: string;
  let outsider: Identity;

  async function ok(query: string, input: Record<string, unknown>, identity: Identity): Promise<Record<string, unknown>> {
    const result = await sg.query<Record<string, Record<string, unknown>>>(query.replace('__typename', 'id'), { input }, identity);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  }
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await sg.dataSource.query(`SELECT count(*)::int AS n FROM grid.${table} WHERE region_code LIKE $1`, [`${street}%`]);
      out[table] = (row as { n: number }).n;
    }
    return out;
  };

  beforeAll(async () => {
    sg = await startTestSubgraph(gridService);
    const claimed = await registerCommunities(sg, '520201', 1);
    street = claimed.street;
    const community = claimed.communities[0]!;
    const admin = testIdentity();
    const grid = async () =>
      (
        await ok(
          mutation('createGrid', 'CreateGridInput'),
          { code: code(), name: '范围测试网格', kind: 'COMPREHENSIVE', regionCode: community },
          admin,
        )
      ).id as string;
    a.grid = await grid();
    a.spare = await grid();
    a.household = (
      await ok(
        mutation('registerHousehold', 'RegisterHouseholdInput'),
        {
          gridId: a.grid,
          address: '范围测试小区',
          members: [{ name: '孙范围', residentId: randomResidentIdOf('520201'), relation: 'HEAD' }],
        },
        admin,
      )
    ).id as string;
    a.staff = (
      await ok(mutation('appointGridStaff', 'AppointGridStaffInput'), { gridId: a.grid, name: '周联户', role: 'HOUSEHOLD_LEADER' }, admin)
    ).id as string;
    a.unit = (await ok(mutation('createTenHouseholdUnit', 'CreateTenHouseholdUnitInput'), { gridId: a.grid, name: '范围联户' }, admin))
      .id as string;
    a.case = (
      await ok(
        mutation('reportCase', 'ReportCaseInput'),
        { gridId: a.grid, channel: 'HOTLINE', category: '环境卫生', description: '范围测试案件', severity: 'BIG' },
        admin,
      )
    ).id as string;
    const whistled = await sg.query<{ blowWhistle: { whistles: Array<{ id: string }> } }>(
      'mutation ($input: BlowWhistleInput!) { blowWhistle(input: $input) { whistles { id } } }',
      {
        input: {
          caseId: a.case,
          whistleType: 'JOINT_ENFORCEMENT',
          departmentIds: [await registerDepartment(sg, '520201')],
          limitHours: 24,
        },
      },
      admin,
    );
    a.whistle = whistled.data!.blowWhistle.whistles[0]!.id;

    // The outsider administers another county, with a community and a grid of their own there.
    ownCommunity = (await registerCommunities(sg, '520322', 1)).communities[0]!;
    outsider = testIdentity({ regionScopes: ['520322'] });
    ownGrid = (
      await ok(
        mutation('createGrid', 'CreateGridInput'),
        { code: code(), name: '外县网格', kind: 'COMPREHENSIVE', regionCode: ownCommunity },
        outsider,
      )
    ).id as string;
  });
  afterAll(() => sg.stop());

  const cases: Array<[string, string, () => Record<string, unknown>, string]> = [
    [
      'createGrid',
      'CreateGridInput',
      () => ({ code: code(), name: '越界子网格', kind: 'COMPREHENSIVE', regionCode: ownCommunity, parentId: a.grid }),
      'input.parentId',
    ],
    [
      'mergeGrids',
      'MergeGridsInput',
      () => ({ gridIds: [ownGrid, a.grid], code: code(), name: '越界合并', reason: '越界' }),
      'input.gridIds.1',
    ],
    [
      'splitGrid',
      'SplitGridInput',
      () => ({
        gridId: a.grid,
        reason: '越界',
        parts: [
          { code: code(), name: '越界一' },
          { code: code(), name: '越界二' },
        ],
      }),
      'input.gridId',
    ],
    ['appointGridStaff', 'AppointGridStaffInput', () => ({ gridId: a.grid, name: '越界任命', role: 'CHIEF' }), 'input.gridId'],
    ['endGridStaffAppointment', 'EndGridStaffAppointmentInput', () => ({ staffId: a.staff }), 'input.staffId'],
    ['createTenHouseholdUnit', 'CreateTenHouseholdUnitInput', () => ({ gridId: a.grid, name: '越界联户' }), 'input.gridId'],
    [
      'createTenHouseholdUnit',
      'CreateTenHouseholdUnitInput',
      () => ({ gridId: ownGrid, name: '越界联户长', leaderStaffId: a.staff }),
      'input.leaderStaffId',
    ],
    [
      'createTenHouseholdUnit',
      'CreateTenHouseholdUnitInput',
      () => ({ gridId: ownGrid, name: '越界户', householdIds: [a.household] }),
      'input.householdIds.0',
    ],
    ['updateTenHouseholdUnit', 'UpdateTenHouseholdUnitInput', () => ({ unitId: a.unit, leaderStaffId: null }), 'input.unitId'],
    [
      'registerHousehold',
      'RegisterHouseholdInput',
      () => ({
        gridId: a.grid,
        address: '越界地址',
        members: [{ name: '吴越界', residentId: randomResidentIdOf('520322'), relation: 'HEAD' }],
      }),
      'input.gridId',
    ],
    ['recordVisit', 'RecordVisitInput', () => ({ householdId: a.household, note: '越界走访' }), 'input.householdId'],
    [
      'reportCase',
      'ReportCaseInput',
      () => ({ gridId: a.grid, channel: 'HOTLINE', category: '越界', description: '越界上报案件', severity: 'BIG' }),
      'input.gridId',
    ],
    [
      'reportCase',
      'ReportCaseInput',
      () => ({ householdId: a.household, channel: 'HOTLINE', category: '越界', description: '越界上报案件', severity: 'BIG' }),
      'input.householdId',
    ],
    ['acceptCase', 'CaseTransitionInput', () => ({ caseId: a.case }), 'input.caseId'],
    ['rejectCase', 'RejectCaseInput', () => ({ caseId: a.case, reason: '越界' }), 'input.caseId'],
    ['assignCase', 'AssignCaseInput', () => ({ caseId: a.case, assigneeSubject: 'x', assigneeName: '越界' }), 'input.caseId'],
    ['startCase', 'CaseTransitionInput', () => ({ caseId: a.case }), 'input.caseId'],
    ['resolveCase', 'CaseTransitionInput', () => ({ caseId: a.case }), 'input.caseId'],
    ['rateCase', 'RateCaseInput', () => ({ caseId: a.case, rating: 5 }), 'input.caseId'],
    ['reopenCase', 'CaseTransitionInput', () => ({ caseId: a.case }), 'input.caseId'],
    ['escalateCase', 'EscalateCaseInput', () => ({ caseId: a.case, reason: '越界' }), 'input.caseId'],
    ['blowWhistle', 'BlowWhistleInput', () => ({ caseId: a.case, whistleType: 'JOINT_ENFORCEMENT', limitHours: 24 }), 'input.caseId'],
    ['answerWhistle', 'AnswerWhistleInput', () => ({ whistleId: a.whistle, action: '越界报到' }), 'input.whistleId'],
  ];

  it.each(cases)('%s with %s from another county is NOT_FOUND naming the field, writing nothing', async (name, type, input, field) => {
    const before = await counts();
    // Whistles are answered by department staff: the outsider's county's department staff try.
    const caller = name === 'answerWhistle' ? { ...outsider, roles: ['DEPARTMENT_STAFF' as const], departmentId: randomUUID() } : outsider;
    const outside = await sg.query(mutation(name, type), { input: input() }, caller);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field });
    // The same answer as for an id that exists nowhere: nothing tells the two apart.
    expect(outside.errors?.[0]?.message).not.toContain(street);
    expect(await counts()).toEqual(before);
  });

  it('answers a missing id the same NOT_FOUND', async () => {
    const missing = await sg.query(mutation('acceptCase', 'CaseTransitionInput'), { input: { caseId: randomUUID() } }, outsider);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.caseId' });
  });
});

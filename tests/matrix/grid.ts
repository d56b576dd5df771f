import { residentIdCheckCharacter } from '@gg/shared';
import { randomInt } from 'node:crypto';
import { catchUpEvents, randomGridCode } from '../helpers';
import type { Case, MatrixPart } from './types';

export function randomResidentId(county: string): string {
  const first17 = `${county}1985${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export const gridMatrix: MatrixPart = {
  async seed({ create, community, county, platform, records }) {
    // The organisation part's department reaches grid by its DepartmentCreated event.
    await catchUpEvents(platform);
    const grid = await create('mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
      code: randomGridCode(),
      name: '矩阵测试网格',
      kind: 'COMPREHENSIVE',
      regionCode: community,
    });
    const residentId = randomResidentId(county);
    const household = (await create('mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id members { id } } }', {
      gridId: grid.id,
      address: '矩阵测试小区1栋1单元101',
      members: [{ name: '张矩阵', phone: '13800001111', residentId, relation: 'HEAD' }],
    })) as unknown as { id: string; members: Array<{ id: string }> };
    const spareGrid = await create('mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
      code: randomGridCode(),
      name: '矩阵测试备用网格',
      kind: 'COMPREHENSIVE',
      regionCode: community,
    });
    const reported = await create('mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }', {
      gridId: grid.id,
      channel: 'HOTLINE',
      category: '环境卫生',
      description: '矩阵测试案件描述',
      severity: 'BIG',
    });
    const whistled = (await create('mutation ($i: BlowWhistleInput!) { blowWhistle(input: $i) { whistles { id } } }', {
      caseId: reported.id,
      whistleType: 'JOINT_ENFORCEMENT',
      departmentIds: [records.departmentId],
      limitHours: 24,
    })) as unknown as { whistles: Array<{ id: string }> };
    // A ledger change, so the county's ledger history holds a record.
    await create('mutation ($i: UpdateHouseholdInput!) { updateHousehold(input: $i) { id } }', {
      householdId: household.id,
      specialGroups: ['ELDERLY_ALONE'],
    });
    const staff = await create('mutation ($i: AppointGridStaffInput!) { appointGridStaff(input: $i) { id } }', {
      gridId: grid.id,
      name: '王矩阵',
      role: 'GRIDWORKER',
      employment: 'FULL_TIME',
      // An account, so the seeded case can be assigned to them (an assignee serves the case's grid).
      subject: `matrix-gridworker-${county}`,
    });
    const unit = await create('mutation ($i: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $i) { id } }', {
      gridId: grid.id,
      name: '矩阵测试联户',
      householdIds: [household.id],
    });
    return {
      gridId: grid.id!,
      unitId: unit.id!,
      spareGridId: spareGrid.id!,
      householdId: household.id,
      memberId: household.members[0]!.id,
      residentId,
      caseId: reported.id!,
      whistleId: whistled.whistles[0]!.id,
      gridStaffId: staff.id!,
      gridworkerSubject: `matrix-gridworker-${county}`,
    };
  },
  secret: ['residentId'],
  queries: {
    grid: { query: 'query ($id: ID!) { grid(id: $id) { id code } }', variables: (a) => ({ id: a.gridId }) },
    grids: { query: 'query ($c: ID!) { grids(regionCode: $c) { edges { node { id code } } } }', variables: (a) => ({ c: a.community }) },
    household: { query: 'query ($id: ID!) { household(id: $id) { id address } }', variables: (a) => ({ id: a.householdId }) },
    households: {
      query: 'query ($g: ID!) { households(gridId: $g) { edges { node { id address } } } }',
      variables: (a) => ({ g: a.gridId }),
    },
    householdMemberByResidentId: {
      query: 'query ($r: String!) { householdMemberByResidentId(residentId: $r) { id name household { id } } }',
      variables: (a) => ({ r: a.residentId }),
    },
    gridPersonalDataAccesses: {
      query: 'query ($c: ID!) { gridPersonalDataAccesses(regionCode: $c) { edges { node { id regionCode recordId } } } }',
      variables: (a) => ({ c: a.community }),
    },
    case: { query: 'query ($id: ID!) { case(id: $id) { id status events { action } } }', variables: (a) => ({ id: a.caseId }) },
    cases: { query: 'query ($c: ID!) { cases(regionCode: $c) { edges { node { id status } } } }', variables: (a) => ({ c: a.community }) },
    myCases: { query: '{ myCases { edges { node { id status } } } }', variables: () => ({}) },
    myWork: { query: '{ myWork { edges { node { id status overdue } } } }', variables: () => ({}) },
    myWhistles: { query: '{ myWhistles { edges { node { id case { id } } } } }', variables: () => ({}) },
    whistles: {
      query: 'query ($c: ID!) { whistles(regionCode: $c) { edges { node { id status case { id } } } } }',
      variables: (a) => ({ c: a.community }),
    },
    whistleList: {
      query: 'query ($c: ID!) { whistleList(countyCode: $c) { countyCode isDefault types { code } } }',
      variables: (a) => ({ c: a.county }),
    },
    householdLedgerChanges: {
      query: 'query ($c: ID!) { householdLedgerChanges(regionCode: $c) { edges { node { householdId action fields } } } }',
      variables: (a) => ({ c: a.community }),
    },
    casePolicy: {
      query: 'query ($c: ID!) { casePolicy(countyCode: $c) { countyCode smallHours isDefault } }',
      variables: (a) => ({ c: a.county }),
    },
    ...ledgerQueries(),
  },
  mutations: {
    createGrid: {
      query: 'mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }',
      variables: (a) => ({ i: { code: randomGridCode(), name: '越权网格', kind: 'COMPREHENSIVE', regionCode: a.community } }),
    },
    registerHousehold: {
      query: 'mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }',
      variables: (a) => ({
        i: {
          gridId: a.gridId,
          address: '越权登记地址',
          members: [{ name: '李越权', residentId: randomResidentId(a.county!), relation: 'HEAD' }],
        },
      }),
    },
    mergeGrids: {
      query: 'mutation ($i: MergeGridsInput!) { mergeGrids(input: $i) { id } }',
      variables: (a) => ({ i: { gridIds: [a.gridId, a.spareGridId], code: randomGridCode(), name: '越权合并网格', reason: '越权合并' } }),
    },
    splitGrid: {
      query: 'mutation ($i: SplitGridInput!) { splitGrid(input: $i) { id } }',
      variables: (a) => ({
        i: {
          gridId: a.gridId,
          reason: '越权拆分',
          parts: [
            { code: randomGridCode(), name: '越权拆分一' },
            { code: randomGridCode(), name: '越权拆分二' },
          ],
        },
      }),
    },
    appointGridStaff: {
      query: 'mutation ($i: AppointGridStaffInput!) { appointGridStaff(input: $i) { id } }',
      variables: (a) => ({ i: { gridId: a.gridId, name: '越权任命', role: 'BUILDING_CHIEF' } }),
    },
    createTenHouseholdUnit: {
      query: 'mutation ($i: CreateTenHouseholdUnitInput!) { createTenHouseholdUnit(input: $i) { id } }',
      variables: (a) => ({ i: { gridId: a.gridId, name: '越权联户', householdIds: [a.householdId] } }),
    },
    endGridStaffAppointment: {
      query: 'mutation ($i: EndGridStaffAppointmentInput!) { endGridStaffAppointment(input: $i) { id } }',
      variables: (a) => ({ i: { staffId: a.gridStaffId } }),
    },
    updateTenHouseholdUnit: {
      query: 'mutation ($i: UpdateTenHouseholdUnitInput!) { updateTenHouseholdUnit(input: $i) { id } }',
      variables: (a) => ({ i: { unitId: a.unitId, removeHouseholdIds: [a.householdId] } }),
    },
    recordVisit: {
      query: 'mutation ($i: RecordVisitInput!) { recordVisit(input: $i) { id } }',
      variables: (a) => ({
        i: {
          householdId: a.householdId,
          note: '越权走访',
          raiseCase: { category: '越权', description: '越权走访上报', severity: 'SMALL' },
        },
      }),
    },
    reportCase: {
      query: 'mutation ($i: ReportCaseInput!) { reportCase(input: $i) { id } }',
      variables: (a) => ({
        i: { gridId: a.gridId, channel: 'MINI_PROGRAM', category: '越权', description: '越权上报案件', severity: 'SMALL' },
      }),
    },
    acceptCase: caseCase('acceptCase', 'CaseTransitionInput', {}),
    rejectCase: caseCase('rejectCase', 'RejectCaseInput', { reason: '越权驳回' }),
    assignCase: {
      query: 'mutation ($i: AssignCaseInput!) { assignCase(input: $i) { id } }',
      variables: (a) => ({ i: { caseId: a.caseId, assigneeSubject: a.gridworkerSubject, assigneeName: '王矩阵' } }),
    },
    startCase: caseCase('startCase', 'CaseTransitionInput', {}),
    resolveCase: caseCase('resolveCase', 'CaseTransitionInput', {}),
    rateCase: caseCase('rateCase', 'RateCaseInput', { rating: 5, comment: '越权评价' }),
    reopenCase: caseCase('reopenCase', 'CaseTransitionInput', {}),
    escalateCase: caseCase('escalateCase', 'EscalateCaseInput', { reason: '越权升级' }),
    blowWhistle: {
      query: 'mutation ($i: BlowWhistleInput!) { blowWhistle(input: $i) { id } }',
      variables: (a) => ({ i: { caseId: a.caseId, whistleType: 'JOINT_ENFORCEMENT', departmentIds: [a.departmentId], limitHours: 24 } }),
    },
    answerWhistle: {
      query: 'mutation ($i: AnswerWhistleInput!) { answerWhistle(input: $i) { id } }',
      variables: (a) => ({ i: { whistleId: a.whistleId, action: '越权报到' } }),
    },
    setWhistleList: {
      query: 'mutation ($i: SetWhistleListInput!) { setWhistleList(input: $i) { countyCode } }',
      variables: (a) => ({
        i: {
          countyCode: a.county,
          types: [
            {
              code: 'JOINT_ENFORCEMENT',
              name: '联合执法',
              blownBy: ['STREET', 'COMMUNITY'],
              answeredBy: 'DEPARTMENT',
              answerHours: 24,
              steps: ['吹哨', '部门报到'],
            },
          ],
        },
      }),
    },
    setCasePolicy: {
      query: 'mutation ($i: SetCasePolicyInput!) { setCasePolicy(input: $i) { countyCode } }',
      variables: (a) => ({
        i: { countyCode: a.county, smallHours: 1, bigHours: 1, hardHours: 1, urgentHours: 1, autoCloseDays: 1, reopenDays: 1 },
      }),
    },
    ...ledgerMutations(),
  },
};

/** A write aimed at county A's seeded case. */
function caseCase(field: string, input: string, extra: Record<string, unknown>): Case {
  return {
    query: `mutation ($i: ${input}!) { ${field}(input: $i) { id } }`,
    variables: (a) => ({ i: { caseId: a.caseId, ...extra } }),
  };
}

// ─── Issue 11: grid levels, unit sizes and the household ledger (kept apart from the case block) ───

/** Root queries of the grid levels, the unit policy and the ledger, aimed at county A. */
function ledgerQueries(): Record<string, Case> {
  return {
    gridLevelConfiguration: {
      query: 'query ($c: ID!) { gridLevelConfiguration(countyCode: $c) { countyCode isDefault levels { level } } }',
      variables: (a) => ({ c: a.county }),
    },
    tenHouseholdUnitPolicy: {
      query: 'query ($c: ID!) { tenHouseholdUnitPolicy(countyCode: $c) { countyCode maxHouseholds isDefault } }',
      variables: (a) => ({ c: a.county }),
    },
  };
}

/** Valid writes into county A (also the baselines of the bad-input test). */
function ledgerMutations(): Record<string, Case> {
  return {
    configureGridLevels: {
      query: 'mutation ($i: ConfigureGridLevelsInput!) { configureGridLevels(input: $i) { countyCode } }',
      // The default levels again: valid whatever grids county A has.
      variables: (a) => ({
        i: {
          countyCode: a.county,
          levels: [
            { level: 1, name: '大网格', regionLevels: ['COMMUNITY'] },
            { level: 2, name: '中网格', regionLevels: ['COMMUNITY'] },
            { level: 3, name: '小网格', regionLevels: ['COMMUNITY'] },
            { level: 4, name: '微网格', regionLevels: ['COMMUNITY'] },
          ],
        },
      }),
    },
    setTenHouseholdUnitPolicy: {
      query: 'mutation ($i: SetTenHouseholdUnitPolicyInput!) { setTenHouseholdUnitPolicy(input: $i) { countyCode } }',
      variables: (a) => ({ i: { countyCode: a.county, maxHouseholds: 50 } }),
    },
    updateHousehold: {
      query: 'mutation ($i: UpdateHouseholdInput!) { updateHousehold(input: $i) { id } }',
      variables: (a) => ({ i: { householdId: a.householdId, address: '矩阵测试小区1栋1单元102', specialGroups: ['ELDERLY_ALONE'] } }),
    },
    updateHouseholdMember: {
      query: 'mutation ($i: UpdateHouseholdMemberInput!) { updateHouseholdMember(input: $i) { id } }',
      variables: (a) => ({ i: { memberId: a.memberId, name: '张矩阵', phone: '13800002222', employment: 'EMPLOYED' } }),
    },
    recordMemberDeparture: {
      query: 'mutation ($i: RecordMemberDepartureInput!) { recordMemberDeparture(input: $i) { id } }',
      variables: (a) => ({ i: { memberId: a.memberId, status: 'MOVED_OUT', on: '2025-01-02', note: '矩阵测试迁出' } }),
    },
    moveHousehold: {
      query: 'mutation ($i: MoveHouseholdInput!) { moveHousehold(input: $i) { id } }',
      variables: (a) => ({ i: { householdId: a.householdId, gridId: a.spareGridId, reason: '矩阵测试迁移' } }),
      // unitId (a unit of the new grid) is left out: the bad-input test tries unknown and out-of-scope units.
    },
  };
}

import { residentIdCheckCharacter } from '@gg/shared';
import { randomInt } from 'node:crypto';
import { randomGridCode } from '../helpers';
import type { MatrixPart } from './types';

export function randomResidentId(county: string): string {
  const first17 = `${county}1985${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export const gridMatrix: MatrixPart = {
  async seed({ create, community, county }) {
    const grid = await create('mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }', {
      code: randomGridCode(),
      name: '矩阵测试网格',
      kind: 'COMPREHENSIVE',
      regionCode: community,
    });
    const residentId = randomResidentId(county);
    const household = await create('mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }', {
      gridId: grid.id,
      address: '矩阵测试小区1栋1单元101',
      members: [{ name: '张矩阵', phone: '13800001111', residentId, relation: 'HEAD' }],
    });
    return { gridId: grid.id!, householdId: household.id!, residentId };
  },
  secret: ['residentId'],
  queries: {
    grid: { query: 'query ($id: ID!) { grid(id: $id) { id code } }', variables: (a) => ({ id: a.gridId }) },
    grids: { query: 'query ($c: ID!) { grids(regionCode: $c) { id code } }', variables: (a) => ({ c: a.community }) },
    household: { query: 'query ($id: ID!) { household(id: $id) { id address } }', variables: (a) => ({ id: a.householdId }) },
    households: { query: 'query ($g: ID!) { households(gridId: $g) { id address } }', variables: (a) => ({ g: a.gridId }) },
    householdMemberByResidentId: {
      query: 'query ($r: String!) { householdMemberByResidentId(residentId: $r) { id name household { id } } }',
      variables: (a) => ({ r: a.residentId }),
    },
    gridPersonalDataAccesses: {
      query: 'query ($c: ID!) { gridPersonalDataAccesses(regionCode: $c) { id regionCode recordId } }',
      variables: (a) => ({ c: a.community }),
    },
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
  },
};

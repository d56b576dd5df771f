import type { MatrixPart } from './types';

export const volunteerMatrix: MatrixPart = {
  async seed({ create, community }) {
    const team = await create('mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }', {
      name: '矩阵测试志愿服务队',
      category: 'GREEN',
      regionCode: community,
    });
    return { volunteerTeamId: team.id! };
  },
  queries: {
    volunteerTeam: { query: 'query ($id: ID!) { volunteerTeam(id: $id) { id name } }', variables: (a) => ({ id: a.volunteerTeamId }) },
    volunteerTeams: {
      query: 'query ($c: ID!) { volunteerTeams(regionCode: $c) { edges { node { id name } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
  },
  mutations: {
    createVolunteerTeam: {
      query: 'mutation ($i: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权志愿服务队', category: 'RED', regionCode: a.community } }),
    },
  },
};

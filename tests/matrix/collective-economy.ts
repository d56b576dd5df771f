import type { MatrixPart } from './types';

export const collectiveEconomyMatrix: MatrixPart = {
  async seed({ create, community }) {
    const organisation = await create(
      'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      { name: '矩阵测试合作社', regionCode: community, foundedOn: '2022-01-01' },
    );
    return { collectiveOrganisationId: organisation.id! };
  },
  queries: {
    collectiveOrganisation: {
      query: 'query ($id: ID!) { collectiveOrganisation(id: $id) { id name } }',
      variables: (a) => ({ id: a.collectiveOrganisationId }),
    },
    collectiveOrganisations: {
      query: 'query ($c: ID!) { collectiveOrganisations(regionCode: $c) { edges { node { id name } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
  },
  mutations: {
    createCollectiveOrganisation: {
      query: 'mutation ($i: CreateCollectiveOrganisationInput!) { createCollectiveOrganisation(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权合作社', regionCode: a.community, foundedOn: '2022-01-01' } }),
    },
  },
};

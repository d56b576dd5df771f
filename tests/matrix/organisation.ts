import type { MatrixPart } from './types';

export const organisationMatrix: MatrixPart = {
  async seed({ create, street }) {
    const organisation = await create('mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }', {
      name: '矩阵测试街道党工委',
      level: 'STREET_WORKING_COMMITTEE',
      regionCode: street,
    });
    return { partyOrganisationId: organisation.id! };
  },
  queries: {
    region: { query: 'query ($c: ID!) { region(code: $c) { code name children { code } } }', variables: (a) => ({ c: a.street }) },
    regions: { query: '{ regions { code name } }', variables: () => ({}) },
    partyOrganisation: {
      query: 'query ($id: ID!) { partyOrganisation(id: $id) { id name } }',
      variables: (a) => ({ id: a.partyOrganisationId }),
    },
  },
  mutations: {
    createPartyOrganisation: {
      query: 'mutation ($i: CreatePartyOrganisationInput!) { createPartyOrganisation(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权党工委', level: 'STREET_WORKING_COMMITTEE', regionCode: a.street } }),
    },
  },
};

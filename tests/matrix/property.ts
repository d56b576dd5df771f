import { randomCreditCode } from '../helpers';
import type { MatrixPart } from './types';

export const propertyMatrix: MatrixPart = {
  async seed({ create, community, county }) {
    const company = await create('mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }', {
      name: '矩阵测试物业公司',
      creditCode: randomCreditCode(county),
      regionCode: community,
    });
    return { propertyCompanyId: company.id! };
  },
  queries: {
    propertyCompany: {
      query: 'query ($id: ID!) { propertyCompany(id: $id) { id name } }',
      variables: (a) => ({ id: a.propertyCompanyId }),
    },
    propertyCompanies: {
      query: 'query ($c: ID!) { propertyCompanies(regionCode: $c) { edges { node { id name } } totalCount } }',
      variables: (a) => ({ c: a.community }),
    },
  },
  mutations: {
    createPropertyCompany: {
      query: 'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
      variables: (a) => ({ i: { name: '越权物业公司', creditCode: randomCreditCode(a.county!), regionCode: a.community } }),
    },
  },
};

import { claimTestStreet, testIdentity, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../src/property-company/property-company.rules';

export function randomCreditCode(county = '520201'): string {
  let organisation = '';
  for (let i = 0; i < 9; i += 1) organisation += CREDIT_CODE_CHARSET[randomInt(0, 31)];
  const body = `91${county}${organisation}`;
  return body + creditCodeCheckCharacter(body);
}

/** Sends a mutation and answers its data, failing the test with the errors when there are any. */
export async function must<T>(sg: TestSubgraph, query: string, variables: Record<string, unknown>, identity = testIdentity()): Promise<T> {
  const result = await sg.query<T>(query, variables, identity);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** A new community known here with a grid in it, a company registered in it and a compound it manages since 2024-01-01. */
export async function placeCompound(
  sg: TestSubgraph,
  organisation: DataSource,
  county = '520201',
  companyName = '纠纷测试物业有限公司',
): Promise<{ community: string; gridId: string; companyId: string; compoundId: string }> {
  const { communities } = await claimTestStreet(organisation, county);
  const community = communities[0]!;
  const gridId = randomUUID();
  await sg.dataSource.query(
    `INSERT INTO grid.outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', 'GridCreated', 1, $1)`,
    [{ id: gridId, regionCode: community }],
  );
  await sg.catchUp();
  const identity = testIdentity({ regionScopes: [county] });
  const company = await must<{ createPropertyCompany: { id: string } }>(
    sg,
    'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
    { i: { name: companyName, creditCode: randomCreditCode(county), regionCode: community } },
    identity,
  );
  const companyId = company.createPropertyCompany.id;
  const compound = await must<{ registerResidentialCompound: { id: string } }>(
    sg,
    'mutation ($i: RegisterResidentialCompoundInput!) { registerResidentialCompound(input: $i) { id } }',
    { i: { name: '明湖小区', regionCode: community, gridId, managementMode: 'PROFESSIONAL', companyId, managedSince: '2024-01-01' } },
    identity,
  );
  return { community, gridId, companyId, compoundId: compound.registerResidentialCompound.id };
}

import { createDataSource } from '@gg/shared';
import { claimTestStreet, testIdentity, TEST_DATABASE_URL, type TestSubgraph } from '@gg/shared/src/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_SCHEME } from '../src/evaluation/evaluation-scheme.rules';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '../src/property-company/property-company.rules';

/** The evaluation tests write in Zhongshan (520201) and Sheyang (320924) and Dafeng (320904), and Sansui (522624); their set-up acts as an administrator of all. */
export const FIXTURE_ADMIN = () => testIdentity({ regionScopes: ['520201', '320924', '320904', '522624'] });

/** Shared set-up of the evaluation tests: places, companies, compounds and scores, made through the subgraph. */
export function randomCreditCode(county = '520201'): string {
  let organisation = '';
  for (let i = 0; i < 9; i += 1) organisation += CREDIT_CODE_CHARSET[randomInt(0, 31)];
  const body = `91${county}${organisation}`;
  return body + creditCodeCheckCharacter(body);
}

export function organisationDataSource(): DataSource {
  return createDataSource({ service: 'organisation', url: TEST_DATABASE_URL, entities: [], migrations: [], poolSize: 2 });
}

export interface Place {
  community: string;
  gridId: string;
}

/** A new community of the county known here, with a grid the grid service announced in it. */
export async function newPlace(sg: TestSubgraph, organisation: DataSource, county = '520201'): Promise<Place> {
  const { communities } = await claimTestStreet(organisation, county);
  const community = communities[0]!;
  const gridId = randomUUID();
  await sg.dataSource.query(
    `INSERT INTO grid.outbox (id, kind, name, version, payload) VALUES (gen_random_uuid(), 'EVENT', 'GridCreated', 1, $1)`,
    [{ id: gridId, regionCode: community }],
  );
  await sg.catchUp();
  return { community, gridId };
}

export async function newCompany(sg: TestSubgraph, place: Place, name = '考评测试物业有限公司'): Promise<string> {
  const result = await sg.query<{ createPropertyCompany: { id: string } }>(
    'mutation ($i: CreatePropertyCompanyInput!) { createPropertyCompany(input: $i) { id } }',
    { i: { name, creditCode: randomCreditCode(place.community.slice(0, 6)), regionCode: place.community } },
    FIXTURE_ADMIN(),
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.createPropertyCompany.id;
}

export async function newCompound(sg: TestSubgraph, place: Place, companyId: string | null, managedSince = '2020-01-01'): Promise<string> {
  const result = await sg.query<{ registerResidentialCompound: { id: string } }>(
    'mutation ($i: RegisterResidentialCompoundInput!) { registerResidentialCompound(input: $i) { id } }',
    {
      i: {
        name: '考评测试小区',
        regionCode: place.community,
        gridId: place.gridId,
        managementMode: companyId ? 'PROFESSIONAL' : 'COMMUNITY_MANAGED',
        companyId,
        managedSince,
      },
    },
    FIXTURE_ADMIN(),
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.registerResidentialCompound.id;
}

export const RECORD = `mutation ($i: RecordEvaluationScoresInput!) { recordEvaluationScores(input: $i) { id criterionKey score version } }`;

/** Every evaluator of the default scheme scores every criterion of a compound in a month with `score(kind, key)`. */
export async function scoreMonth(
  sg: TestSubgraph,
  compoundId: string,
  month: string,
  score: (kind: string, key: string) => number,
  kinds = DEFAULT_SCHEME.evaluators.map((e) => e.kind as string),
): Promise<void> {
  for (const kind of kinds) {
    const result = await sg.query(
      RECORD,
      {
        i: {
          compoundId,
          month,
          evaluatorKind: kind,
          scores: DEFAULT_SCHEME.criteria.map((c) => ({ criterionKey: c.key, score: score(kind, c.key) })),
        },
      },
      FIXTURE_ADMIN(),
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  }
}

export async function defineScheme(sg: TestSubgraph, input: Record<string, unknown>): Promise<string> {
  const result = await sg.query<{ defineEvaluationScheme: { id: string } }>(
    'mutation ($i: DefineEvaluationSchemeInput!) { defineEvaluationScheme(input: $i) { id } }',
    { i: input },
    FIXTURE_ADMIN(),
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.defineEvaluationScheme.id;
}

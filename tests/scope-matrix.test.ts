import { ROLES, type AccessPolicy, type Role } from '@gg/shared';
import type { RunningPlatform } from '../scripts/platform';
import { SERVICES } from '../scripts/services';
import { gql, startTestPlatform, tokenFor } from './helpers';
import { MATRIX } from './matrix';
import { seedCounty } from './matrix/seed';
import type { Case, Records } from './matrix/types';

/**
 * The access matrix, built from the supergraph itself: every root query and mutation the gateway
 * serves must have a case in tests/matrix/ (a field added later fails the first test until it has
 * one). Each query is run for every role, scoped to county B, against county A's records: roles the
 * field's policy does not name get FORBIDDEN, the others get none of A's records. Each mutation
 * aimed at A from B, or by a role without the right, is FORBIDDEN and changes nothing.
 */

const A = '520201'; // 钟山区
const B = '520322'; // 桐梓县

const QUERIES: Record<string, Case> = Object.assign({}, ...MATRIX.map((p) => p.queries));
const MUTATIONS: Record<string, Case> = Object.assign({}, ...MATRIX.map((p) => p.mutations));
const SECRET = new Set(MATRIX.flatMap((p) => p.secret ?? []));
const POLICY: AccessPolicy = Object.assign({}, ...SERVICES.map((s) => s.access));

/** Non-regional fields (the operators' job fields) have no county to be refused for. */
const isRegional = (c: Case) => c.regional !== false;

function rolesFor(key: string): readonly Role[] {
  const roles = POLICY[key];
  if (!roles) throw new Error(`No access policy for ${key}`);
  return roles;
}

describe('the access matrix', () => {
  let platform: RunningPlatform;
  let a: Records;
  let b: Records;
  let markersOfA: string[];

  /** A token for a role scoped to a county; a gridworker also serves that county's test grid, department staff its department. */
  const tokenOf = (role: Role, records: Records) =>
    tokenFor({
      roles: [role],
      regions: [records.county!],
      grids: role === 'GRIDWORKER' ? [records.gridId!] : [],
      ...(role === 'DEPARTMENT_STAFF' ? { department: records.departmentId! } : {}),
      kind: role === 'HOUSING_BUREAU' ? 'machine' : 'person',
    });

  beforeAll(async () => {
    platform = await startTestPlatform();
    a = await seedCounty(platform, A);
    b = await seedCounty(platform, B);
    markersOfA = Object.entries(a)
      .filter(([name]) => !SECRET.has(name))
      .map(([, value]) => value);
    // A whole read in each county, so each county's audit log holds a record to (not) leak.
    for (const records of [a, b]) {
      const staff = await tokenFor({ roles: ['COMMUNITY_STAFF'], regions: [records.community!] });
      const read = await gql(platform, staff, 'query ($id: ID!) { household(id: $id) { address(reveal: true) } }', {
        id: records.householdId,
      });
      expect(read.errors).toBeUndefined();
    }
  }, 60_000);
  afterAll(() => platform.stop());

  it('has a case for every root query and mutation the gateway serves', async () => {
    const schema = await gql<{ __schema: Record<'queryType' | 'mutationType', { fields: Array<{ name: string }> }> }>(
      platform,
      await tokenFor(),
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
    );
    const names = (t: { fields: Array<{ name: string }> }) => t.fields.map((f) => f.name).sort();
    expect(names(schema.data!.__schema.queryType)).toEqual(Object.keys(QUERIES).sort());
    expect(names(schema.data!.__schema.mutationType)).toEqual(Object.keys(MUTATIONS).sort());
  });

  it.each(Object.keys(QUERIES).filter((field) => QUERIES[field]!.regional !== false))(
    'Query.%s reaches county A’s records for a permitted role of A (the case is real)',
    async (field) => {
      const roles = rolesFor(`Query.${field}`);
      const role = roles.includes('COUNTY_ADMIN') ? 'COUNTY_ADMIN' : roles[0]!;
      const token = await tokenOf(role, a);
      const result = await gql(platform, token, QUERIES[field]!.query, QUERIES[field]!.variables(a));
      expect(result.errors).toBeUndefined();
      const json = JSON.stringify(result.data);
      expect(markersOfA.some((m) => json.includes(m))).toBe(true);
    },
  );

  it.each(Object.keys(QUERIES).flatMap((field) => ROLES.map((role) => [field, role] as const)))(
    'Query.%s as %s of county B: FORBIDDEN without the right, none of A’s records with it',
    async (field, role) => {
      const result = await gql(platform, await tokenOf(role, b), QUERIES[field]!.query, QUERIES[field]!.variables(a));
      if (rolesFor(`Query.${field}`).includes(role)) {
        expect(result.errors).toBeUndefined();
        const json = JSON.stringify(result.data);
        expect(markersOfA.filter((m) => json.includes(m))).toEqual([]);
      } else {
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        const json = JSON.stringify(result.data ?? null);
        expect(markersOfA.filter((m) => json.includes(m))).toEqual([]);
      }
    },
  );

  describe('writes', () => {
    /**
     * Rows under county A's test street in every table of every service schema that has a region
     * column: a refused write changes none of them. Other test files write elsewhere meanwhile.
     */
    async function snapshot(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const [name, dataSource] of Object.entries(platform.dataSources)) {
        const columns: Array<{ table_schema: string; table_name: string; column_name: string }> = await dataSource.query(
          `SELECT table_schema, table_name, column_name FROM information_schema.columns
           WHERE table_schema = $1 AND table_name <> 'job_run'
             AND (column_name = 'region_code' OR (table_name = 'region' AND column_name = 'code'))`,
          [name.replace(/-/g, '_')],
        );
        for (const c of columns) {
          const [{ count }] = await dataSource.query(
            `SELECT count(*)::int AS count FROM "${c.table_schema}"."${c.table_name}" WHERE "${c.column_name}" LIKE $1`,
            [`${a.street}%`],
          );
          counts[`${c.table_schema}.${c.table_name}`] = count;
        }
      }
      return counts;
    }

    it.each(Object.keys(MUTATIONS))(
      'Mutation.%s into county A is FORBIDDEN from county B and for roles without the right',
      async (field) => {
        const before = await snapshot();
        expect(Object.values(before).some((n) => n > 0)).toBe(true);
        const allowed = rolesFor(`Mutation.${field}`);
        for (const role of isRegional(MUTATIONS[field]!) ? allowed : []) {
          const result = await gql(platform, await tokenOf(role, b), MUTATIONS[field]!.query, MUTATIONS[field]!.variables(a));
          // A write naming a record of county A by id finds nothing from county B (NOT_FOUND, issue 9):
          // it must not even confirm that the record exists. Either way nothing is written.
          expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
        }
        for (const role of ROLES.filter((r) => !allowed.includes(r))) {
          const result = await gql(platform, await tokenOf(role, a), MUTATIONS[field]!.query, MUTATIONS[field]!.variables(a));
          expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
        }
        expect(await snapshot()).toEqual(before);
      },
    );
  });
});

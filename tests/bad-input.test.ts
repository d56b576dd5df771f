import type { AccessPolicy, Role } from '@gg/shared';
import type { RunningPlatform } from '../scripts/platform';
import { SERVICES } from '../scripts/services';
import { KNOWN_GAPS } from './bad-input/known-gaps';
import { seedMore, validArguments } from './bad-input/baselines';
import { INTROSPECTION, mutationShapes, operationOf, type Introspection, type Leaf, type MutationShape } from './bad-input/schema';
import { rowFingerprints } from './bad-input/snapshot';
import { badValuesFor, leafValue, withLeaf } from './bad-input/values';
import { gql, startTestPlatform, tokenFor } from './helpers';
import { MATRIX } from './matrix';
import { seedCounty } from './matrix/seed';
import type { Case, Records } from './matrix/types';

/**
 * Bad input to every mutation, generated from the supergraph: for every leaf of every argument
 * (through input objects and lists) of every mutation the gateway serves, the test sends the valid
 * write of the access matrix (tests/matrix/*) with that one leaf made bad — characters no person
 * types, blank, over-long, wrong types, impossible and out-of-range dates, malformed, unknown and
 * out-of-scope ids and region codes (tests/bad-input/values.ts) — as a permitted caller of county A.
 * Each must be refused with BAD_USER_INPUT, NOT_FOUND or FORBIDDEN naming that leaf, never with a
 * server error, and change no row. A mutation or an argument added later is covered the day it is
 * added: a mutation without a valid write in the matrix fails the first test.
 *
 * What services still get wrong is listed, one line per case, in tests/bad-input/known-gaps.ts:
 * a new failure and a gap that was fixed both fail the test, so the list stays exact.
 */

const A = '520303'; // 汇川区: no other test file writes there
const B = '520323'; // 绥阳县

const MUTATIONS: Record<string, Case> = Object.assign({}, ...MATRIX.map((p) => p.mutations));
const POLICY: AccessPolicy = Object.assign({}, ...SERVICES.map((s) => s.access));
const REFUSALS = ['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN'];
// Cases that only a broken check could accept run side by side; references (unknown and
// out-of-scope ids and codes), which services still accept at times, run one after another so an
// accepted one changes the state the next ones see in the same order every run.
const CONCURRENCY = 4;
const REFERENCE_CASES = /^(unknown|out-of-scope)/;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** Why an answer to a bad leaf is wrong, or undefined when it is a proper refusal naming the leaf. */
export function verdict(answer: Answer, mutation: string, leaf: Leaf): string | undefined {
  const errors = answer.body.errors ?? [];
  if (errors.length === 0) return 'accepted';
  const serverError = errors.find((e) => !e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR');
  if (serverError) return `server error: ${serverError.message.slice(0, 160)}`;
  if (answer.body.data?.[mutation]) return 'answered with data and an error';
  const [first] = errors;
  const code = String(first!.extensions!.code);
  if (!REFUSALS.includes(code)) return `${code}: ${first!.message.slice(0, 160)}`;
  const field = first!.extensions!.field;
  const expected = leaf.path.join('.');
  // A list refused as a whole names the list; an item, the item or its own field.
  const list = expected.replace(/(\.0)+$/, '');
  if (typeof field !== 'string') return `${code} without a field: ${first!.message.slice(0, 160)}`;
  if (field !== expected && !field.startsWith(`${expected}.`) && field !== list) return `${code} naming ${field}`;
  return undefined;
}

/** Runs tasks with at most `limit` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

describe('bad input to every mutation', () => {
  let platform: RunningPlatform;
  let a: Records;
  let b: Records;
  let shapes: Map<string, MutationShape>;
  let rowsNow: () => Promise<Record<string, string>>;

  const roleFor = (mutation: string): Role => {
    const roles = POLICY[`Mutation.${mutation}`];
    if (!roles) throw new Error(`No access policy for Mutation.${mutation}`);
    return roles.includes('COUNTY_ADMIN') ? 'COUNTY_ADMIN' : roles[0]!;
  };

  async function send(token: string, shape: MutationShape, variables: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: operationOf(shape), variables }),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Answer['body'] };
    } catch {
      return { status: response.status, body: { errors: [{ message: `not JSON (HTTP ${response.status}): ${text.slice(0, 100)}` }] } };
    }
  }

  beforeAll(async () => {
    platform = await startTestPlatform();
    a = await seedCounty(platform, A);
    b = await seedCounty(platform, B);
    Object.assign(a, await seedMore(platform, a));
    Object.assign(b, await seedMore(platform, b));
    const introspection = await gql<Introspection>(platform, await tokenFor(), INTROSPECTION);
    if (introspection.errors) throw new Error(JSON.stringify(introspection.errors));
    shapes = new Map(mutationShapes(introspection.data!).map((s) => [s.name, s]));
    rowsNow = await rowFingerprints(platform, [A, B]);
  }, 120_000);
  afterAll(() => platform.stop());

  it('has a valid write in tests/matrix for every mutation the gateway serves', () => {
    expect([...shapes.keys()].filter((name) => !MUTATIONS[name])).toEqual([]);
    expect(Object.keys(MUTATIONS).filter((name) => !shapes.has(name))).toEqual([]);
  });

  it.each(Object.keys(MUTATIONS))('Mutation.%s refuses every bad leaf, naming it, and writes nothing', async (mutation) => {
    const shape = shapes.get(mutation)!;
    const token = await tokenFor({
      roles: [roleFor(mutation)],
      regions: [A],
      grids: [a.gridId!],
      // Department staff answer their own department's whistles: the seeded whistle's.
      ...(roleFor(mutation) === 'DEPARTMENT_STAFF' ? { department: a.departmentId! } : {}),
      kind: roleFor(mutation) === 'HOUSING_BUREAU' ? 'machine' : 'person',
    });
    const before = await rowsNow();
    const cases = shape.leaves.flatMap((leaf) => {
      const baseline = leafValue(validArguments(mutation, MUTATIONS[mutation]!, a), leaf.path);
      return badValuesFor(leaf, baseline, a, b).map((bad) => ({ leaf, bad }));
    });
    const run = (selected: typeof cases, limit: number) =>
      pool(
        selected.map(({ leaf, bad }) => async () => {
          // A fresh valid write each time (new codes and keys), with one leaf made bad.
          const variables = withLeaf(validArguments(mutation, MUTATIONS[mutation]!, a), leaf.path, bad.value);
          const problem = verdict(await send(token, shape, variables), mutation, leaf);
          return problem ? `${mutation} ${leaf.path.join('.')} ${bad.label}: ${problem}` : undefined;
        }),
        limit,
      );
    const answers = [
      ...(await run(
        cases.filter((c) => !REFERENCE_CASES.test(c.bad.label)),
        CONCURRENCY,
      )),
      ...(await run(
        cases.filter((c) => REFERENCE_CASES.test(c.bad.label)),
        1,
      )),
    ];
    const failures = answers.filter((f): f is string => f !== undefined);
    const after = await rowsNow();
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    if (changed.length) failures.push(`${mutation} (any leaf): rows changed in ${changed.join(', ')}`);

    const known = KNOWN_GAPS.filter((gap) => gap.startsWith(`${mutation} `));
    const keyOf = (failure: string) => failure.replace(/: .*$/s, '');
    expect({ new: failures.filter((f) => !known.includes(keyOf(f))) }).toEqual({ new: [] });
    expect({ fixed: known.filter((gap) => !failures.some((f) => keyOf(f) === gap)) }).toEqual({ fixed: [] });
    expect(cases.length).toBeGreaterThan(0);
  });
});

import { randomUUID } from 'node:crypto';
import type { Records } from '../matrix/types';
import type { Leaf } from './schema';

/** One bad value for one leaf, and what it is in words (the key of a known gap). */
export interface BadValue {
  label: string;
  value: unknown;
}

/** A region code in a leaf: a code argument, or a value made of 2–12 digits. */
function isRegionCode(leaf: Leaf, baseline: unknown): boolean {
  const name = leaf.path.filter((p) => p !== '0').at(-1)!;
  return /(^code$|Code$)/.test(name) && (baseline === undefined || (typeof baseline === 'string' && /^\d{2,12}$/.test(baseline)));
}

// Ids of county A's seeded records by the name of the leaf that refers to them, for leaves the
// matrix's valid write leaves out (an optional reference): the out-of-scope value is county B's.
const RECORD_OF_LEAF: Record<string, string> = {
  gridId: 'gridId',
  gridIds: 'gridId',
  parentId: 'gridId',
  householdId: 'householdId',
  householdIds: 'householdId',
  addHouseholdIds: 'householdId',
  removeHouseholdIds: 'householdId',
  leaderStaffId: 'gridStaffId',
  staffId: 'gridStaffId',
  caseId: 'caseId',
  whistleId: 'whistleId',
  unitId: 'unitId',
  memberId: 'partyMemberId',
  organisationId: 'communityOrganisationId',
  partyOrganisationId: 'communityOrganisationId',
  branchId: 'communityOrganisationId',
  cadreId: 'cadreId',
  linkId: 'cadreLinkId',
  bodyId: 'jointMeetingBodyId',
  volunteerTeamId: 'volunteerTeamId',
  departmentId: 'departmentId',
  departmentIds: 'departmentId',
};

/** County B's record standing where county A's is, by value or else by the leaf's name. */
function counterpartIn(b: Records, a: Records, leaf: Leaf, baseline: unknown): string | undefined {
  const byValue = Object.keys(a).find((key) => a[key] === baseline);
  if (byValue) return b[byValue];
  if (typeof baseline === 'string' && /^\d{6,12}$/.test(baseline) && baseline.startsWith(a.county!))
    return b.county! + baseline.slice(a.county!.length);
  const name = leaf.path.filter((p) => p !== '0').at(-1)!;
  const record = RECORD_OF_LEAF[name];
  return record ? b[record] : undefined;
}

/** A text value with a character no person types in the middle of an otherwise valid one. */
function withCharacter(baseline: unknown, character: string): string {
  const text = typeof baseline === 'string' && baseline.length > 0 ? baseline : '测试值';
  const middle = Math.max(1, Math.floor(text.length / 2));
  return text.slice(0, middle) + character + text.slice(middle);
}

/**
 * Everything the test sends for a leaf: characters no person types, blank, over-long, wrong
 * types, impossible and out-of-range dates, malformed, unknown and out-of-scope ids and region
 * codes, and null where a value is required. Each is bad whatever the rest of the input is.
 */
export function badValuesFor(leaf: Leaf, baseline: unknown, a: Records, b: Records): BadValue[] {
  const values: BadValue[] = [];
  // A leaf naming an existing record (or an optional one the valid write leaves out), not a new one.
  const reference = baseline === undefined || baseline === null || Object.values(a).includes(baseline as string);
  if (leaf.nonNull) values.push({ label: 'null', value: null });
  const text = leaf.kind === 'SCALAR' && ['String', 'ID', 'Date', 'DateTime'].includes(leaf.type);
  if (text) {
    values.push(
      { label: 'NUL', value: withCharacter(baseline, '\u0000') },
      { label: 'ESC', value: withCharacter(baseline, '\u001B[31m') },
      { label: 'BEL', value: withCharacter(baseline, '\u0007') },
      { label: 'C1', value: withCharacter(baseline, '\u0085') },
      { label: 'bidi override', value: withCharacter(baseline, '\u202E') },
      { label: 'bidi isolate', value: withCharacter(baseline, '\u2066') },
      { label: 'blank', value: '' },
      { label: 'whitespace', value: ' \u3000\t ' },
      { label: 'over-long', value: '长'.repeat(10_001) },
      { label: 'wrong type (object)', value: { value: 'x' } },
    );
  }
  switch (leaf.kind === 'ENUM' ? 'enum' : leaf.type) {
    case 'String':
      values.push({ label: 'wrong type (number)', value: 12345 }, { label: 'wrong type (boolean)', value: true });
      break;
    case 'ID':
      values.push({ label: 'wrong type (boolean)', value: true });
      if (isRegionCode(leaf, baseline)) {
        const code = typeof baseline === 'string' ? baseline : a.community!;
        values.push({ label: 'malformed region code', value: `${code.slice(0, -1)}X` });
        // Unknown codes inside county A's scope, of the same level as the valid one; not for a
        // code the write creates (addRegion's), where an unknown code is the valid case.
        if (reference && code.length === 12) values.push({ label: 'unknown region code', value: `${a.street}999` });
        if (reference && code.length === 9) values.push({ label: 'unknown region code', value: `${a.county}999` });
      } else {
        values.push({ label: 'malformed id', value: 'not-an-id' }, { label: 'number as id', value: 12345 });
        if (reference) values.push({ label: 'unknown id', value: randomUUID() });
      }
      {
        const other = counterpartIn(b, a, leaf, baseline);
        if (other) values.push({ label: 'out-of-scope', value: other });
      }
      break;
    case 'Int':
      values.push(
        { label: 'wrong type (string)', value: 'abc' },
        { label: 'wrong type (fraction)', value: 1.5 },
        { label: 'negative', value: -1 },
        { label: 'beyond 32 bits', value: 2 ** 31 },
      );
      break;
    case 'Float':
      values.push({ label: 'wrong type (string)', value: 'abc' }, { label: 'negative', value: -1 });
      break;
    case 'Boolean':
      values.push({ label: 'wrong type (string)', value: 'yes' }, { label: 'wrong type (number)', value: 1 });
      break;
    case 'Date':
      values.push(
        { label: 'impossible month', value: '2025-13-01' },
        { label: 'impossible day', value: '2025-02-30' },
        { label: 'year zero', value: '0000-01-01' },
        { label: 'far future', value: '9999-12-31' },
        { label: 'before 1900', value: '1899-12-31' },
        { label: 'future', value: '2099-06-01' },
        { label: 'malformed date', value: '2025-1-1' },
        { label: 'wrong type (number)', value: 20250101 },
      );
      break;
    case 'DateTime':
      values.push(
        { label: 'impossible month', value: '2025-13-01T00:00:00Z' },
        { label: 'impossible day', value: '2025-02-30T10:00:00Z' },
        { label: 'year zero', value: '0000-01-01T00:00:00Z' },
        { label: 'far future', value: '9999-12-31T23:59:59Z' },
        { label: 'future', value: '2099-06-01T00:00:00Z' },
        { label: 'without offset', value: '2025-01-01T08:00:00' },
        { label: 'date only', value: '2025-01-01' },
        { label: 'wrong type (number)', value: 0 },
      );
      break;
    case 'Money':
      // No Money input of the graph takes a negative amount yet; one that does must skip 'negative' here.
      values.push(
        { label: 'blank', value: '' },
        { label: 'malformed amount', value: '12,345.00' },
        { label: 'over-precise amount', value: '1.234' },
        { label: 'exponent', value: '1e3' },
        { label: 'negative', value: '-1.00' },
        { label: 'beyond the largest amount', value: '99999999999999999.00' },
        { label: 'wrong type (number)', value: 12.5 },
        { label: 'wrong type (boolean)', value: true },
        { label: 'NUL', value: '1\u00000.00' },
      );
      break;
    case 'enum':
      values.push({ label: 'unknown enum value', value: 'NOT_A_VALUE' }, { label: 'wrong type (number)', value: 1 });
      break;
    default:
      throw new Error(`No bad values for the scalar ${leaf.type} at ${leaf.path.join('.')}: add them in tests/bad-input/values.ts`);
  }
  return values;
}

/** The arguments with one leaf set to a value; missing objects and list items on the way are created. */
export function withLeaf(args: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(args);
  let node: Record<string, unknown> | unknown[] = copy;
  path.forEach((key, i) => {
    const last = i === path.length - 1;
    const container = node as Record<string, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    const nextIsIndex = path[i + 1] === '0';
    let child = container[key];
    if (child === null || child === undefined || typeof child !== 'object') {
      child = nextIsIndex ? [] : {};
      container[key] = child;
    }
    node = child as Record<string, unknown>;
  });
  return copy;
}

/** The value at a path, or undefined when any step is missing. */
export function leafValue(args: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = args;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

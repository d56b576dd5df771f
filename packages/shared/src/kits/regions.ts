import { z } from 'zod';
import { coversRegion, scopePatterns, type Identity } from '../auth';
import { badInput, forbidden } from '../errors';

/**
 * Region codes, written once. The administrative tree is coded by prefix: province (2 digits) → city
 * (4) → county/district (6, GB/T 2260) → street/town (9) → community/village (12). A region's code is
 * the prefix of all its descendants' codes, so "in this subtree" is a prefix test everywhere.
 */
export const REGION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'STREET', 'COMMUNITY'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_CODE_LENGTHS: Record<RegionLevel, number> = { PROVINCE: 2, CITY: 4, COUNTY: 6, STREET: 9, COMMUNITY: 12 };

const LEVEL_BY_LENGTH = new Map<number, RegionLevel>(REGION_LEVELS.map((level) => [REGION_CODE_LENGTHS[level], level]));

const LEVEL_WORDS: Record<RegionLevel, string> = {
  PROVINCE: 'a province (2 digits)',
  CITY: 'a city (4 digits)',
  COUNTY: 'a county (6 digits)',
  STREET: 'a street (9 digits)',
  COMMUNITY: 'a community (12 digits)',
};

/** The level of a well-formed code, or undefined for anything else. */
export function regionLevelOf(code: string): RegionLevel | undefined {
  return /^\d+$/.test(code) ? LEVEL_BY_LENGTH.get(code.length) : undefined;
}

/** The parent's code (null for a province). */
export function parentRegionOf(code: string): string | null {
  const level = regionLevelOf(code);
  if (!level || level === 'PROVINCE') return null;
  return code.slice(0, REGION_CODE_LENGTHS[REGION_LEVELS[REGION_LEVELS.indexOf(level) - 1]!]);
}

/** Codes of the region and every ancestor, from the province down. */
export function regionAncestorsOf(code: string): string[] {
  const chain: string[] = [];
  for (let current: string | null = code; current; current = parentRegionOf(current)) chain.unshift(current);
  return chain;
}

/** The county (6 digits) a region at or below county level belongs to; undefined above it. */
export function countyOf(code: string): string | undefined {
  return code.length >= 6 && regionLevelOf(code) ? code.slice(0, 6) : undefined;
}

/** True when `code` is `ancestor` or inside its subtree. */
export function isInRegion(code: string, ancestor: string): boolean {
  return code.startsWith(ancestor);
}

/**
 * A region code input field: digits of one of the given levels (any level by default). Records belong
 * to a region of a stated level ("a grid belongs to a community"), said once here for every service.
 */
export function regionCodeInput(levels: readonly RegionLevel[] = REGION_LEVELS, what?: string) {
  const expected = levels.map((l) => LEVEL_WORDS[l]).join(' or ');
  return z
    .string()
    .trim()
    .refine(
      (code) => levels.includes(regionLevelOf(code) as RegionLevel),
      what ? `${what} belongs to ${expected}` : `a region code of ${expected}`,
    );
}

/** A region prefix argument of a list or a dashboard: 2–12 digits, so it can never widen a LIKE. */
export function regionPrefixInput(value: string, field = 'regionCode'): string {
  if (!/^\d{2,12}$/.test(value)) throw badInput(field, `${field} must be a region code of 2–12 digits`);
  return value;
}

/**
 * The one TypeScript check for writes: the caller's scope covers the region (FORBIDDEN naming the
 * input field, nothing written, otherwise).
 */
export function requireWritableRegion(identity: Identity, code: string, action: string, field?: string): void {
  if (!coversRegion(identity, code)) throw forbidden(`Region ${code} is outside your scope; you may not ${action} there`, field);
}

/**
 * The one SQL predicate for "inside this region and inside the caller's scopes", as a range on the
 * code column (`code >= p AND code < p || ':'`, ':' sorts right after '9'), which a btree index can
 * use even in a join (a `LIKE p || '%'` can never). Returns SQL with positional parameters starting
 * at `firstParam`, and their values.
 */
export function regionSubtreeSql(
  column: string,
  regionPrefix: string,
  identity: Identity,
  firstParam = 1,
): { sql: string; params: unknown[] } {
  regionPrefixInput(regionPrefix);
  const patterns = scopePatterns(identity);
  if (patterns.length === 0) return { sql: 'FALSE', params: [] };
  const [a, b, c] = [firstParam, firstParam + 1, firstParam + 2];
  return {
    sql: `(${column} >= $${a} AND ${column} < $${b} AND ${column} LIKE ANY($${c}::text[]))`,
    params: [regionPrefix, `${regionPrefix}:`, patterns],
  };
}

/** The same predicate for TypeORM's query builder (named parameters). */
export function regionSubtreeCondition(column: string, regionPrefix: string, identity: Identity, name = 'region') {
  regionPrefixInput(regionPrefix);
  const patterns = scopePatterns(identity);
  if (patterns.length === 0) return { sql: 'FALSE', params: {} };
  return {
    sql: `(${column} >= :${name}From AND ${column} < :${name}To AND ${column} LIKE ANY(:${name}Scopes))`,
    params: { [`${name}From`]: regionPrefix, [`${name}To`]: `${regionPrefix}:`, [`${name}Scopes`]: patterns },
  };
}

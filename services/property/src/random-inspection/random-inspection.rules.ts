import { createHash } from 'node:crypto';

/** What an inspection of a drawn company found. SERIOUS_VIOLATION is what the black list may use. */
export const FINDING_RESULTS = ['NO_PROBLEM', 'RECTIFICATION_REQUIRED', 'SERIOUS_VIOLATION'] as const;
export type FindingResult = (typeof FINDING_RESULTS)[number];

export interface Inspector {
  name: string;
  unit: string;
}

/** Limits of a draw: a county draws a few companies and a team of inspectors from lists of a manageable size. */
export const DRAW_LIMITS = { maxInspectorPool: 200, maxCompanies: 500, maxInspectors: 50 } as const;

/**
 * The canonical order of candidates before a draw, so the same candidates give the same draw whatever
 * order they were listed in: companies by id, inspectors by unit then name (code-unit order, not a
 * locale's, which could change between runtimes).
 */
export function canonicalCompanies(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}
export function canonicalInspectors(inspectors: readonly Inspector[]): Inspector[] {
  const key = (i: Inspector) => `${i.unit}\u0000${i.name}`;
  return [...inspectors].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * A deterministic stream of uniform integers from a seed: the k-th 48-bit value is the first six bytes of
 * SHA-256("<seed>|<stream>|<k>"). SHA-256 rather than a fast PRNG because a published draw must be
 * checkable by anyone with any SHA-256 tool, not only with this code. Rejection sampling keeps each
 * value in [0, n) exactly uniform.
 */
function uniformStream(seed: string, stream: string): (n: number) => number {
  let counter = 0;
  const RANGE = 2 ** 48;
  return (n: number) => {
    const limit = RANGE - (RANGE % n);
    for (;;) {
      const digest = createHash('sha256').update(`${seed}|${stream}|${counter++}`, 'utf8').digest();
      const value = digest.readUIntBE(0, 6);
      if (value < limit) return value % n;
    }
  };
}

/**
 * Draws `count` of `candidates` (already in canonical order) with a partial Fisher–Yates shuffle driven
 * by the seed: same seed, stream and candidates → same picks, in the same order.
 */
export function drawSample<T>(seed: string, stream: string, candidates: readonly T[], count: number): T[] {
  if (count > candidates.length) throw new Error(`cannot draw ${count} of ${candidates.length}`);
  const pool = [...candidates];
  const next = uniformStream(seed, stream);
  for (let i = 0; i < count; i++) {
    const j = i + next(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

export interface Draw {
  companyIds: string[];
  inspectors: Inspector[];
}

/** The whole draw (双随机): companies and inspectors from their canonical candidate lists, each its own stream. */
export function drawInspection(
  seed: string,
  candidates: { companyIds: readonly string[]; inspectors: readonly Inspector[] },
  counts: { companies: number; inspectors: number },
): Draw {
  return {
    companyIds: drawSample(seed, 'companies', canonicalCompanies(candidates.companyIds), counts.companies),
    inspectors: drawSample(seed, 'inspectors', canonicalInspectors(candidates.inspectors), counts.inspectors),
  };
}

/** Why counts cannot be drawn from the candidates, naming the input field, or undefined. */
export function drawCountsProblem(
  candidates: { companies: number; inspectors: number },
  counts: { companies: number; inspectors: number },
): { field: 'companyCount' | 'inspectorCount'; reason: string } | undefined {
  if (counts.companies > candidates.companies)
    return {
      field: 'companyCount',
      reason: `the county has ${candidates.companies} companies to draw from, fewer than ${counts.companies}`,
    };
  if (counts.inspectors > candidates.inspectors)
    return {
      field: 'inspectorCount',
      reason: `the pool holds ${candidates.inspectors} distinct inspectors, fewer than ${counts.inspectors}`,
    };
  return undefined;
}

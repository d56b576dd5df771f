import { z } from 'zod';
import {
  PARTY_ORGANISATION_KINDS,
  PARTY_ORGANISATION_LEVELS,
  type PartyOrganisationKind,
  type PartyOrganisationLevel,
} from '../party-organisation/party-organisation.rules';

/** One level a county uses, and the levels its parent may have (empty: the top of the chain). */
export interface ChainLink {
  level: PartyOrganisationLevel;
  parentLevels: PartyOrganisationLevel[];
}

/**
 * A county's chain configuration: the levels it uses, who may be whose parent, and which kinds may
 * attach outside the strict chain (to any higher level the county uses).
 */
export interface PartyChain {
  links: ChainLink[];
  looseKinds: PartyOrganisationKind[];
}

/** Kinds that a county may let attach outside the strict chain; regular and temporary ones never do. */
export const LOOSE_KINDS = ['FUNCTIONAL', 'INDUSTRY', 'TWO_NEW'] as const satisfies readonly PartyOrganisationKind[];

/** The full five-level chain (Sansui, Liupanshui): the default for a county without a configuration. */
export const FIVE_LEVEL_CHAIN: PartyChain = {
  links: [
    { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
    { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
    { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
    { level: 'BUILDING_GROUP', parentLevels: ['GRID_BRANCH'] },
    { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['BUILDING_GROUP'] },
  ],
  looseKinds: [...LOOSE_KINDS],
};

/** Four levels (Zhongshan, Dafeng): street → community → grid branch or group → central household. */
export const FOUR_LEVEL_CHAIN: PartyChain = {
  links: [
    { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
    { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
    { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
    { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['GRID_BRANCH'] },
  ],
  looseKinds: [...LOOSE_KINDS],
};

/** Three levels (Jianhu): street → community → compound branch (小区党支部). */
export const THREE_LEVEL_CHAIN: PartyChain = {
  links: [
    { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
    { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
    { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
  ],
  looseKinds: [...LOOSE_KINDS],
};

/** The rule a write broke, named in `extensions.rule` so a front end can explain it. */
export type ChainRule =
  'LEVEL_NOT_IN_CHAIN' | 'PARENT_REQUIRED' | 'PARENT_LEVEL' | 'PARENT_DISSOLVED' | 'REGION_OUTSIDE_PARENT' | 'CYCLE' | 'COUNTY_REQUIRED';

export interface ChainProblem {
  rule: ChainRule;
  message: string;
}

const rank = (level: PartyOrganisationLevel) => PARTY_ORGANISATION_LEVELS.indexOf(level);

/** The county a region belongs to: its first six digits; undefined above county level. */
export function countyOf(regionCode: string): string | undefined {
  return regionCode.length >= 6 ? regionCode.slice(0, 6) : undefined;
}

export function describeChain(chain: PartyChain): string {
  return chain.links.map((l) => l.level).join(' → ');
}

export interface ChainNode {
  level: PartyOrganisationLevel;
  kind: PartyOrganisationKind;
  regionCode: string;
}

/**
 * Why an organisation cannot sit under a parent in its county's chain, or undefined when it can.
 * The level must be one the county uses; the parent's level must be one the configuration allows
 * (for a kind the county lets attach loosely: any higher level it uses); a dissolved temporary
 * branch takes no children; and the child's region must lie inside the parent's.
 */
export function chainProblem(
  chain: PartyChain,
  child: ChainNode,
  parent: (ChainNode & { dissolvedOn?: string | null }) | undefined,
): ChainProblem | undefined {
  const link = chain.links.find((l) => l.level === child.level);
  if (!link) {
    return { rule: 'LEVEL_NOT_IN_CHAIN', message: `the county's chain (${describeChain(chain)}) has no ${child.level} level` };
  }
  if (!parent) {
    if (link.parentLevels.length === 0) return undefined;
    return { rule: 'PARENT_REQUIRED', message: `a ${child.level} organisation needs a parent (${link.parentLevels.join(' or ')})` };
  }
  const loose = chain.looseKinds.includes(child.kind);
  const parentUsed = chain.links.some((l) => l.level === parent.level);
  const allowed = loose ? parentUsed && rank(parent.level) < rank(child.level) : link.parentLevels.includes(parent.level);
  if (!allowed) {
    const expected = loose
      ? `a ${child.kind} organisation may attach to any higher level of the chain (${describeChain(chain)})`
      : `the county's chain (${describeChain(chain)}) puts a ${child.level} organisation under ${link.parentLevels.join(' or ') || 'no parent'}`;
    return {
      rule: 'PARENT_LEVEL',
      message: `a ${parent.level} organisation cannot be the parent of a ${child.level} organisation: ${expected}`,
    };
  }
  if (parent.dissolvedOn) {
    return {
      rule: 'PARENT_DISSOLVED',
      message: `the parent is a temporary branch dissolved on ${parent.dissolvedOn}; it takes no new organisations`,
    };
  }
  if (!child.regionCode.startsWith(parent.regionCode)) {
    return { rule: 'REGION_OUTSIDE_PARENT', message: `region ${child.regionCode} is outside the parent's region ${parent.regionCode}` };
  }
  return undefined;
}

/** An organisation as the configuration check sees it, with its parent when it has one. */
export interface ExistingOrganisation extends ChainNode {
  id: string;
  name: string;
  parent: ChainNode | null;
}

/**
 * The organisations a new configuration would leave invalid, each with the rule it would break.
 * Regions do not change with a configuration, so only levels and parent levels are checked.
 */
export function violationsUnder(chain: PartyChain, organisations: ExistingOrganisation[]): Array<{ id: string; problem: ChainProblem }> {
  const found: Array<{ id: string; problem: ChainProblem }> = [];
  for (const organisation of organisations) {
    const parent = organisation.parent ? { ...organisation.parent, regionCode: organisation.regionCode } : undefined;
    const problem = chainProblem(chain, organisation, parent);
    if (problem) found.push({ id: organisation.id, problem });
  }
  return found;
}

// ─── Input ────────────────────────────────────────────────────────────────────

export const configurePartyChainInput = z
  .object({
    countyCode: z.string().regex(/^\d{6}$/, 'a county code is 6 digits (GB/T 2260)'),
    links: z
      .array(z.object({ level: z.enum(PARTY_ORGANISATION_LEVELS), parentLevels: z.array(z.enum(PARTY_ORGANISATION_LEVELS)) }))
      .min(1, 'a chain has at least its top level'),
    looseKinds: z
      .array(z.enum(PARTY_ORGANISATION_KINDS))
      .nullish()
      .transform((kinds) => kinds ?? [...LOOSE_KINDS]),
    dryRun: z
      .boolean()
      .nullish()
      .transform((value) => value ?? false),
  })
  .superRefine((input, ctx) => {
    const levels = input.links.map((l) => l.level);
    input.links.forEach((link, i) => {
      if (levels.indexOf(link.level) !== i)
        ctx.addIssue({ code: 'custom', path: ['links', i, 'level'], message: `${link.level} is listed twice` });
      if (link.level === 'STREET_WORKING_COMMITTEE' && link.parentLevels.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['links', i, 'parentLevels'],
          message: 'the street working committee is the top of the chain',
        });
      }
      if (link.level !== 'STREET_WORKING_COMMITTEE' && link.parentLevels.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['links', i, 'parentLevels'], message: `${link.level} needs at least one parent level` });
      }
      link.parentLevels.forEach((parent, j) => {
        if (!levels.includes(parent)) {
          ctx.addIssue({ code: 'custom', path: ['links', i, 'parentLevels', j], message: `${parent} is not a level of this chain` });
        } else if (rank(parent) >= rank(link.level)) {
          ctx.addIssue({ code: 'custom', path: ['links', i, 'parentLevels', j], message: `${parent} is not above ${link.level}` });
        }
      });
    });
    if (!levels.includes('STREET_WORKING_COMMITTEE')) {
      ctx.addIssue({ code: 'custom', path: ['links'], message: 'a chain starts at the STREET_WORKING_COMMITTEE' });
    }
    input.looseKinds.forEach((kind, i) => {
      if (!(LOOSE_KINDS as readonly string[]).includes(kind)) {
        ctx.addIssue({ code: 'custom', path: ['looseKinds', i], message: `${kind} organisations always follow the strict chain` });
      }
    });
  });
export type ConfigurePartyChainInput = z.infer<typeof configurePartyChainInput>;

/** Links in chain order, so a configuration reads top to bottom whatever order it was given in. */
export function normaliseChain(chain: PartyChain): PartyChain {
  return {
    links: [...chain.links]
      .sort((a, b) => rank(a.level) - rank(b.level))
      .map((l) => ({ level: l.level, parentLevels: [...new Set(l.parentLevels)].sort((a, b) => rank(a) - rank(b)) })),
    looseKinds: [...new Set(chain.looseKinds)],
  };
}

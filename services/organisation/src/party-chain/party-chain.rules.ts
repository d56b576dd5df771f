import { DomainError, ErrorCode } from '@gg/shared';

/** The full chain, top to bottom (Sansui, Liupanshui); shorter county chains use a subset. */
export const PARTY_ORGANISATION_LEVELS = [
  'STREET_WORKING_COMMITTEE',
  'COMMUNITY',
  'GRID_BRANCH',
  'BUILDING_GROUP',
  'CENTRAL_HOUSEHOLD',
] as const;
export type PartyOrganisationLevel = (typeof PARTY_ORGANISATION_LEVELS)[number];

export const PARTY_ORGANISATION_KINDS = ['REGULAR', 'TEMPORARY', 'FUNCTIONAL', 'INDUSTRY', 'TWO_NEW'] as const;
export type PartyOrganisationKind = (typeof PARTY_ORGANISATION_KINDS)[number];

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

export const rank = (level: PartyOrganisationLevel) => PARTY_ORGANISATION_LEVELS.indexOf(level);

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

/** Links in chain order, so a configuration reads top to bottom whatever order it was given in. */
export function normaliseChain(chain: PartyChain): PartyChain {
  return {
    links: [...chain.links]
      .sort((a, b) => rank(a.level) - rank(b.level))
      .map((l) => ({ level: l.level, parentLevels: [...new Set(l.parentLevels)].sort((a, b) => rank(a) - rank(b)) })),
    looseKinds: [...new Set(chain.looseKinds)],
  };
}

/** A BAD_USER_INPUT that also names the domain rule broken, in `extensions.rule`. */
export function ruleBroken(field: string, rule: ChainRule, message: string): DomainError {
  const error = new DomainError(ErrorCode.BAD_USER_INPUT, `${rule}: ${message}`, field);
  (error.extensions as Record<string, unknown>).rule = rule;
  return error;
}

import { DomainError, ErrorCode, REGION_LEVELS, regionLevelOf, type RegionLevel } from '@gg/shared';

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

/** The region levels an organisation may belong to at all: a county, a street or a community. */
export const ORGANISATION_REGION_LEVELS = ['COUNTY', 'STREET', 'COMMUNITY'] as const satisfies readonly RegionLevel[];
export type OrganisationRegionLevel = (typeof ORGANISATION_REGION_LEVELS)[number];

/**
 * THE rule table of where each chain level sits (a county may restate it per link in its chain): a
 * street working committee belongs to a street, every level below it to a community (a grid branch,
 * a building group and a central household sit in the community of their grid or building).
 */
export const REGION_LEVEL_OF_CHAIN_LEVEL: Record<PartyOrganisationLevel, OrganisationRegionLevel[]> = {
  STREET_WORKING_COMMITTEE: ['STREET'],
  COMMUNITY: ['COMMUNITY'],
  GRID_BRANCH: ['COMMUNITY'],
  BUILDING_GROUP: ['COMMUNITY'],
  CENTRAL_HOUSEHOLD: ['COMMUNITY'],
};

/**
 * One level a county uses, the levels its parent may have (empty: the top of the chain), and the
 * region levels its organisations belong to (the rule table's when a stored configuration predates it).
 */
export interface ChainLink {
  level: PartyOrganisationLevel;
  parentLevels: PartyOrganisationLevel[];
  regionLevels?: OrganisationRegionLevel[];
}

/** The region levels a chain level's organisations belong to in a chain. */
export function regionLevelsOf(chain: PartyChain, level: PartyOrganisationLevel): OrganisationRegionLevel[] {
  return chain.links.find((l) => l.level === level)?.regionLevels ?? REGION_LEVEL_OF_CHAIN_LEVEL[level];
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
  | 'LEVEL_NOT_IN_CHAIN'
  | 'REGION_LEVEL'
  | 'PARENT_REQUIRED'
  | 'PARENT_LEVEL'
  | 'PARENT_DISSOLVED'
  | 'REGION_OUTSIDE_PARENT'
  | 'CYCLE'
  | 'COUNTY_REQUIRED';

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
  const misplaced = regionLevelProblem(chain, child);
  if (misplaced) return misplaced;
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

/**
 * Why an organisation's region is of the wrong level for its chain level, or undefined. A kind the
 * county lets attach loosely (an industry committee under the street) may also sit at the region
 * level of any higher level the chain uses, since it hangs off that level.
 */
export function regionLevelProblem(chain: PartyChain, child: ChainNode): ChainProblem | undefined {
  const regionLevel = regionLevelOf(child.regionCode);
  const allowed = new Set<RegionLevel>(regionLevelsOf(chain, child.level));
  if (chain.looseKinds.includes(child.kind)) {
    for (const link of chain.links)
      if (rank(link.level) < rank(child.level)) regionLevelsOf(chain, link.level).forEach((l) => allowed.add(l));
  }
  if (regionLevel && allowed.has(regionLevel)) return undefined;
  const expected = REGION_LEVELS.filter((l) => allowed.has(l))
    .map((l) => l.toLowerCase())
    .join(' or ');
  return {
    rule: 'REGION_LEVEL',
    message: `a ${child.kind === 'REGULAR' ? '' : `${child.kind} `}${child.level} organisation belongs to a ${expected}; ${child.regionCode} is ${regionLevel ? `a ${regionLevel.toLowerCase()}` : 'no region'}`,
  };
}

/** An organisation as the configuration check sees it, with its parent when it has one. */
export interface ExistingOrganisation extends ChainNode {
  id: string;
  name: string;
  parent: ChainNode | null;
}

/**
 * The organisations a new configuration would leave invalid, each with the rule it would break:
 * levels, region levels and parent levels (a parent's region never changes with a configuration).
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
      .map((l) => ({
        level: l.level,
        parentLevels: [...new Set(l.parentLevels)].sort((a, b) => rank(a) - rank(b)),
        regionLevels: ORGANISATION_REGION_LEVELS.filter((r) => (l.regionLevels ?? REGION_LEVEL_OF_CHAIN_LEVEL[l.level]).includes(r)),
      })),
    looseKinds: [...new Set(chain.looseKinds)],
  };
}

/** A BAD_USER_INPUT that also names the domain rule broken, in `extensions.rule`. */
export function ruleBroken(field: string, rule: ChainRule, message: string): DomainError {
  const error = new DomainError(ErrorCode.BAD_USER_INPUT, `${rule}: ${message}`, field);
  (error.extensions as Record<string, unknown>).rule = rule;
  return error;
}

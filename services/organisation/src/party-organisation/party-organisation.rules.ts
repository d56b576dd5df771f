import { z } from 'zod';

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

export const createPartyOrganisationInput = z.object({
  name: z.string().trim().min(2, 'a name has at least 2 characters').max(100, 'a name has at most 100 characters'),
  level: z.enum(PARTY_ORGANISATION_LEVELS),
  kind: z.enum(PARTY_ORGANISATION_KINDS).default('REGULAR'),
  regionCode: z.string().regex(/^\d{2,12}$/, 'a region code is 2–12 digits'),
  parentId: z.uuid('not a valid id').nullish(),
});
export type CreatePartyOrganisationInput = z.infer<typeof createPartyOrganisationInput>;

/**
 * Why a parent cannot take a child, or undefined when it can. The parent must sit higher in the
 * chain and its region must contain the child's (a code prefixes its descendants'). The county
 * chain configuration that narrows which levels follow which comes with the organisation issue.
 */
export function parentProblem(
  child: { level: PartyOrganisationLevel; regionCode: string },
  parent: { level: PartyOrganisationLevel; regionCode: string } | undefined,
): string | undefined {
  if (!parent) return child.level === 'STREET_WORKING_COMMITTEE' ? undefined : `a ${child.level} organisation needs a parent`;
  const childRank = PARTY_ORGANISATION_LEVELS.indexOf(child.level);
  const parentRank = PARTY_ORGANISATION_LEVELS.indexOf(parent.level);
  if (parentRank >= childRank) return `a ${parent.level} organisation cannot be the parent of a ${child.level} organisation`;
  if (!child.regionCode.startsWith(parent.regionCode)) {
    return `region ${child.regionCode} is outside the parent's region ${parent.regionCode}`;
  }
  return undefined;
}

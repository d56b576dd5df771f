import { ADMIN_ROLES, coversRegion, hasRole, isUuid, type Identity } from '@gg/shared';

/** Special groups the gridworker keeps an eye on (重点人群): 独居老人, 残疾人, 留守儿童, 低收入. */
export const SPECIAL_GROUPS = ['ELDERLY_ALONE', 'DISABLED', 'LEFT_BEHIND_CHILD', 'LOW_INCOME'] as const;
export type SpecialGroup = (typeof SPECIAL_GROUPS)[number];

/** A member's relation to the head of the household (户主), in the order members are listed. */
export const HOUSEHOLD_RELATIONS = ['HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'OTHER'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export const MAX_MEMBERS = 20;

/** Whether a member still lives in the household: moved out (迁出) and deceased (死亡) stay on record. */
export const MEMBER_STATUSES = ['PRESENT', 'MOVED_OUT', 'DECEASED'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** The personal fields of the ledger: a change to one is audited as a personal-data write. */
export const PERSONAL_FIELDS = ['name', 'phone', 'address'] as const;

/** A member's employment (就业) as the gridworker records it. */
export const EMPLOYMENTS = ['EMPLOYED', 'SELF_EMPLOYED', 'FLEXIBLE', 'UNEMPLOYED', 'RETIRED', 'STUDENT', 'OTHER'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

// ─── Who sees what ────────────────────────────────────────────────────────────

/** Where a household sits: enough to decide who may see it. */
export interface HouseholdPlace {
  regionCode: string;
  gridId: string;
}

/**
 * Which households a staff caller sees, on top of the region scope: `all` of their scope, or only
 * those of the listed grids. A caller whose only staff role is GRIDWORKER keeps the ledger of their
 * own grids (网格员管自己的网格) and sees no other, not even masked; administrators and community
 * staff see every household of their scope, masked unless `mayRevealHousehold` says otherwise.
 */
export type HouseholdVisibility = { kind: 'all' } | { kind: 'grids'; gridIds: string[] };

export function householdVisibility(identity: Identity): HouseholdVisibility {
  if (hasRole(identity, ...ADMIN_ROLES)) return { kind: 'all' };
  // Only a gridworker's grids are theirs: a `grids` claim on anyone else (a department's staff, a
  // reporting-in Party member reading a case) opens no household. Grid ids come from the token; one
  // that is not a UUID names no grid of this subgraph.
  if (!hasRole(identity, 'GRIDWORKER')) return { kind: 'grids', gridIds: [] };
  return { kind: 'grids', gridIds: identity.gridIds.filter(isUuid) };
}

/**
 * True when the caller may see a household's personal information whole (PIPL minimum necessary):
 * the gridworker of its grid, who visits it, and the staff of its community, who serve it. County
 * and city administrators and street staff see masked values only: their work is aggregates and
 * supervision, not contacting a family.
 */
export function mayRevealHousehold(identity: Identity, place: HouseholdPlace): boolean {
  if (!coversRegion(identity, place.regionCode)) return false;
  if (hasRole(identity, 'GRIDWORKER') && identity.gridIds.includes(place.gridId)) return true;
  return hasRole(identity, 'COMMUNITY_STAFF');
}

/**
 * Who takes service orders (接单人, 党员/联户接单): a Party member or a volunteer known to this service
 * as a `Volunteer` (Party members arrive by their double report), or a household leader (联户长),
 * known by their own household (a HOUSEHOLD the grid service announced). The kind follows from what
 * the taker is enrolled with, never typed.
 */
export const SERVICE_TAKER_KINDS = ['PARTY_MEMBER', 'VOLUNTEER', 'HOUSEHOLD_LEADER'] as const;
export type ServiceTakerKind = (typeof SERVICE_TAKER_KINDS)[number];

/** A volunteer with a Party member id is a Party member reporting in; one without is a volunteer. */
export function takerKindOf(source: {
  volunteer?: { partyMemberId: string | null } | null;
  householdId?: string | null;
}): ServiceTakerKind {
  if (source.volunteer) return source.volunteer.partyMemberId ? 'PARTY_MEMBER' : 'VOLUNTEER';
  return 'HOUSEHOLD_LEADER';
}

export const MAX_TAKER_SKILLS = 20;
export const MAX_TAKER_SKILL_LENGTH = 30;

import { ADMIN_ROLES, coversRegion, hasRole, isInRegion, type Identity } from '@gg/shared';

/** How a volunteer came: registered by community staff, or a Party member's double report (双报到). */
export const VOLUNTEER_SOURCES = ['REGISTERED', 'DOUBLE_REPORT'] as const;
export type VolunteerSource = (typeof VOLUNTEER_SOURCES)[number];

/** Roles in a team: one leader (队长) at a time, deputies, members. */
export const TEAM_ROLES = ['LEADER', 'DEPUTY_LEADER', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** When a volunteer can serve, in the coarse periods community staff plan activities by. */
export const AVAILABILITY_PERIODS = ['WEEKDAY_DAYTIME', 'WEEKDAY_EVENING', 'WEEKEND_DAYTIME', 'WEEKEND_EVENING'] as const;
export type AvailabilityPeriod = (typeof AVAILABILITY_PERIODS)[number];

/**
 * A volunteer serves in teams of their own community or of the street above it: a team of another
 * community does not take them (they would serve where they are not known).
 */
export function mayJoinTeam(volunteerRegion: string, teamRegion: string): boolean {
  return isInRegion(volunteerRegion, teamRegion);
}

/**
 * Who sees a registered volunteer's personal information whole (PIPL minimum necessary): the staff
 * of the volunteer's community, who organise them, and the volunteer themselves. Others see it masked.
 */
export function mayRevealVolunteer(identity: Identity, volunteer: { regionCode: string; accountSubject: string | null }): boolean {
  if (volunteer.accountSubject !== null && volunteer.accountSubject === identity.subject && coversRegion(identity, volunteer.regionCode))
    return true;
  return coversRegion(identity, volunteer.regionCode) && hasRole(identity, 'COMMUNITY_STAFF');
}

/** An administrator of the region acts for anyone in it. */
export function isAdminOf(identity: Identity, regionCode: string): boolean {
  return hasRole(identity, ...ADMIN_ROLES) && coversRegion(identity, regionCode);
}

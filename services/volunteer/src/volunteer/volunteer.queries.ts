import {
  badInput,
  isUuid,
  loadScopedById,
  paginate,
  residentIdFromCipher,
  scopedQuery,
  timestampKey,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { Volunteer, VolunteerTeamMember } from './volunteer.entity';

/** A page of volunteers (the type the generated resolver types map `VolunteerConnection` to). */
export type VolunteerPage = Connection<Volunteer>;
export type VolunteerTeamMemberPage = Connection<VolunteerTeamMember>;

/** Volunteers by id for one request, scoped, one statement per batch. */
export function loadVolunteer(context: SubgraphContext, id: string): Promise<Volunteer | null> {
  return loadScopedById(context, Volunteer, id);
}

/** A team's volunteers the caller may see, by when they became volunteers, then id, in one statement. */
export function teamVolunteers(context: SubgraphContext, teamId: string, args: ConnectionArgs): Promise<VolunteerPage> {
  if (!isUuid(teamId)) throw badInput('teamId', 'teamId is not a team id');
  const query = scopedQuery(context.dataSource, Volunteer, 'v', context.identity).andWhere(
    `EXISTS (SELECT 1 FROM ${context.dataSource.getMetadata(VolunteerTeamMember).tablePath} m WHERE m.volunteer_id = v.id AND m.team_id = :teamId)`,
    { teamId },
  );
  return paginate(query, args, [
    timestampKey<Volunteer>('v.joined_at', 'ASC', (v) => v.joinedAt),
    { column: 'v.id', direction: 'ASC', value: (v) => v.id },
  ]);
}

/** A team's memberships the caller may see, in joining order, in one statement. */
export function teamMembers(context: SubgraphContext, teamId: string, args: ConnectionArgs): Promise<VolunteerTeamMemberPage> {
  const query = scopedQuery(context.dataSource, VolunteerTeamMember, 'm', context.identity).andWhere('m.team_id = :teamId', { teamId });
  return paginate(query, args, [
    timestampKey<VolunteerTeamMember>('m.joined_at', 'ASC', (m) => m.joinedAt),
    { column: 'm.id', direction: 'ASC', value: (m) => m.id },
  ]);
}

/** The teams a volunteer is in (a handful), as the caller may see them. */
export function membershipsOf(context: SubgraphContext, volunteerId: string): Promise<VolunteerTeamMember[]> {
  return scopedQuery(context.dataSource, VolunteerTeamMember, 'm', context.identity)
    .andWhere('m.volunteer_id = :volunteerId', { volunteerId })
    .orderBy('m.joined_at', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getMany();
}

/**
 * The caller's own volunteer records (one per community they serve in), found by their login's
 * subject, within their scope.
 */
export function myVolunteerRecords(context: SubgraphContext): Promise<Volunteer[]> {
  return scopedQuery(context.dataSource, Volunteer, 'v', context.identity)
    .andWhere('v.account_subject = :subject', { subject: context.identity.subject })
    .orderBy('v.region_code', 'ASC')
    .getMany();
}

/** A registered volunteer's ID number, decrypted (to mask it, or to reveal it once audited). */
export function residentIdOfVolunteer(volunteer: Volunteer): string | null {
  return volunteer.residentIdCipher === null ? null : residentIdFromCipher(volunteer.residentIdCipher);
}

import { consumeEvent, DoubleReportAssigned, PermanentEventError } from '@gg/shared';
import { VolunteerTeam } from '../volunteer-team/volunteer-team.entity';
import { Volunteer, VolunteerTeamMember } from './volunteer.entity';

/**
 * 双报到 → 志愿者: a double report assigned to a team makes the member a volunteer of the report's
 * community (the same Volunteer a registration makes, without retyping: the person stays in the
 * organisation service) and a member of that team. Idempotent: delivery is at least once, and the
 * unique (community, member) and (team, volunteer) keys turn a repeated event into nothing. A report
 * assigned to a grid only (no team) adds no volunteer.
 */
export const doubleReportToVolunteer = consumeEvent(DoubleReportAssigned, async (payload, delivery) => {
  if (!payload.volunteerTeamId) return;
  const { manager } = delivery;
  // The organisation service assigns only teams this service announced; a team missing here will never
  // appear, so it is a fault to see at once (a dead letter) rather than retried ahead of later events.
  const team = await manager.findOneBy(VolunteerTeam, { id: payload.volunteerTeamId });
  if (!team) throw new PermanentEventError(`No volunteer team ${payload.volunteerTeamId} here`);
  // The volunteer lives where the member reported in; a team of another line keeps them in its own region.
  const regionCode = payload.regionCode.startsWith(team.regionCode) ? payload.regionCode : team.regionCode;
  await manager
    .createQueryBuilder()
    .insert()
    .into(Volunteer)
    .values({
      regionCode,
      partyMemberId: payload.memberId,
      gridId: payload.gridId,
      doubleReportId: payload.doubleReportId,
      source: 'DOUBLE_REPORT',
      joinedAt: delivery.occurredAt,
    })
    .orIgnore()
    .execute();
  const volunteer = await manager.findOneByOrFail(Volunteer, { regionCode, partyMemberId: payload.memberId });
  await manager
    .createQueryBuilder()
    .insert()
    .into(VolunteerTeamMember)
    .values({ regionCode: team.regionCode, teamId: team.id, volunteerId: volunteer.id, role: 'MEMBER', joinedAt: delivery.occurredAt })
    .orIgnore()
    .execute();
});

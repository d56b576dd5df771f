import { consumeEvent, DoubleReportAssigned, PermanentEventError } from '@gg/shared';
import { VolunteerTeam } from '../volunteer-team/volunteer-team.entity';
import { Volunteer } from './volunteer.entity';

/**
 * 双报到 → 志愿者: a double report assigned to a team makes the member a volunteer of that team, with
 * nothing retyped. Idempotent: delivery is at least once, and the unique (team, member) key turns a
 * repeated event into nothing. A report assigned to a grid only (no team) adds no volunteer.
 */
export const doubleReportToVolunteer = consumeEvent(DoubleReportAssigned, async (payload, delivery) => {
  if (!payload.volunteerTeamId) return;
  // The organisation service assigns only teams this service announced; a team missing here will never
  // appear, so it is a fault to see at once (a dead letter) rather than retried ahead of later events.
  const team = await delivery.manager.findOneBy(VolunteerTeam, { id: payload.volunteerTeamId });
  if (!team) throw new PermanentEventError(`No volunteer team ${payload.volunteerTeamId} here`);
  await delivery.manager
    .createQueryBuilder()
    .insert()
    .into(Volunteer)
    .values({
      regionCode: team.regionCode,
      teamId: team.id,
      partyMemberId: payload.memberId,
      gridId: payload.gridId,
      doubleReportId: payload.doubleReportId,
      source: 'DOUBLE_REPORT',
      joinedAt: delivery.occurredAt,
    })
    .orIgnore()
    .execute();
});

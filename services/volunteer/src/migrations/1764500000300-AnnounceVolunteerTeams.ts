import { announceExisting, VolunteerTeamCreated } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams created before the outbox existed were never announced: a VolunteerTeamCreated event for each,
 * so other services' reference tables (rebuilt from this outbox) know every team.
 */
export class AnnounceVolunteerTeams1764500000300 implements MigrationInterface {
  name = 'AnnounceVolunteerTeams1764500000300';

  async up(runner: QueryRunner): Promise<void> {
    await announceExisting(runner, {
      event: VolunteerTeamCreated,
      aggregateType: 'VolunteerTeam',
      table: 'volunteer_team',
      alias: 't',
      id: 't.id::text',
      payload: `jsonb_build_object('id', t.id, 'regionCode', t.region_code)`,
      orderBy: 't.created_at, t.id',
    });
  }

  async down(): Promise<void> {
    // The events may have been delivered already: they stay, as every published event does.
  }
}

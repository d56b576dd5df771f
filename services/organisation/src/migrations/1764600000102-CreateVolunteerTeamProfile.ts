import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What volunteer teams do (category, skills), fed by VolunteerTeamProfiled, for double-report suggestions. */
export class CreateVolunteerTeamProfile1764600000102 implements MigrationInterface {
  name = 'CreateVolunteerTeamProfile1764600000102';

  async up(runner: QueryRunner): Promise<void> {
    const profile = tableOf(runner, 'volunteer_team_profile');
    await runner.query(`CREATE TABLE ${profile} (
      "team_id" uuid PRIMARY KEY,
      "region_code" varchar(12) NOT NULL,
      "category" varchar(30) NOT NULL,
      "skills" text array NOT NULL,
      "position" bigint NOT NULL
    )`);
    await runner.query(`CREATE INDEX "volunteer_team_profile_region_idx" ON ${profile} ("region_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'volunteer_team_profile')}`);
  }
}

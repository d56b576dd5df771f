import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVolunteer1764600000501 implements MigrationInterface {
  name = 'CreateVolunteer1764600000501';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'volunteer');
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "team_id" uuid NOT NULL,
      "party_member_id" uuid,
      "grid_id" uuid,
      "double_report_id" uuid,
      "source" varchar(20) NOT NULL,
      "joined_at" timestamptz NOT NULL,
      CONSTRAINT "volunteer_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES ${tableOf(runner, 'volunteer_team')} ("id")
    )`);
    // A member is a volunteer of a team once, however often the double report's event is delivered.
    await runner.query(`CREATE UNIQUE INDEX "volunteer_team_member_key" ON ${t} ("team_id", "party_member_id")`);
    await runner.query(`CREATE INDEX "volunteer_region_idx" ON ${t} ("region_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'volunteer')}`);
  }
}

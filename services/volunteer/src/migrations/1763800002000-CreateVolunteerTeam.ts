import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVolunteerTeam1763800002000 implements MigrationInterface {
  name = 'CreateVolunteerTeam1763800002000';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'volunteer_team');
    // region_code has no foreign key: regions live in the organisation subgraph's schema.
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "category" varchar(20) NOT NULL,
      "skills" text[] NOT NULL DEFAULT '{}',
      "description" varchar(500),
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE UNIQUE INDEX "volunteer_team_region_name_key" ON ${t} ("region_code", "name")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'volunteer_team')}`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cadre liaison (联系包保) with its yearly compliance report, and joint meetings (联席会议). */
export class CreateCadreLiaison1763800000500 implements MigrationInterface {
  name = 'CreateCadreLiaison1763800000500';

  async up(runner: QueryRunner): Promise<void> {
    const cadre = tableOf(runner, 'cadre');
    await runner.query(`CREATE TABLE ${cadre} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(50) NOT NULL,
      "post" varchar(100) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "cadre_region_idx" ON ${cadre} ("region_code")`);

    const link = tableOf(runner, 'cadre_liaison_link');
    await runner.query(`CREATE TABLE ${link} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "cadre_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "level" varchar(20) NOT NULL,
      "grid_id" uuid,
      "linked_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "cadre_liaison_link_cadre_id_fkey" FOREIGN KEY ("cadre_id") REFERENCES ${cadre} ("id"),
      CONSTRAINT "cadre_liaison_link_grid_check" CHECK (("level" = 'GRID') = ("grid_id" IS NOT NULL))
    )`);
    // 1 street, 1 community and 1 grid per cadre (Tongzi).
    await runner.query(`CREATE UNIQUE INDEX "cadre_liaison_link_cadre_level_key" ON ${link} ("cadre_id", "level")`);
    await runner.query(`CREATE INDEX "cadre_liaison_link_region_idx" ON ${link} ("region_code")`);

    const activity = tableOf(runner, 'cadre_liaison_activity');
    await runner.query(`CREATE TABLE ${activity} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "link_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "kind" varchar(20) NOT NULL,
      "occurred_on" date NOT NULL,
      "note" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "cadre_liaison_activity_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES ${link} ("id")
    )`);
    await runner.query(`CREATE INDEX "cadre_liaison_activity_link_idx" ON ${activity} ("link_id", "occurred_on")`);

    const report = tableOf(runner, 'cadre_liaison_report');
    await runner.query(`CREATE TABLE ${report} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "cadre_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "year" integer NOT NULL,
      "compliant" boolean NOT NULL,
      "links" jsonb NOT NULL,
      "compiled_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "cadre_liaison_report_cadre_id_fkey" FOREIGN KEY ("cadre_id") REFERENCES ${cadre} ("id")
    )`);
    // Idempotent per year: one row per cadre and year, upserted by the yearly job.
    await runner.query(`CREATE UNIQUE INDEX "cadre_liaison_report_cadre_year_key" ON ${report} ("cadre_id", "year")`);
    await runner.query(`CREATE INDEX "cadre_liaison_report_region_idx" ON ${report} ("region_code", "year")`);

    const body = tableOf(runner, 'joint_meeting_body');
    await runner.query(`CREATE TABLE ${body} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "member_units" text array NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "joint_meeting_body_region_idx" ON ${body} ("region_code")`);

    const meeting = tableOf(runner, 'joint_meeting');
    await runner.query(`CREATE TABLE ${meeting} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "body_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "held_on" date NOT NULL,
      "problems_tabled" integer NOT NULL,
      "problems_solved" integer NOT NULL,
      "note" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "joint_meeting_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES ${body} ("id"),
      CONSTRAINT "joint_meeting_problems_check" CHECK ("problems_solved" >= 0 AND "problems_solved" <= "problems_tabled")
    )`);
    await runner.query(`CREATE INDEX "joint_meeting_body_idx" ON ${meeting} ("body_id", "held_on")`);
    await runner.query(`CREATE INDEX "joint_meeting_region_idx" ON ${meeting} ("region_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'joint_meeting',
      'joint_meeting_body',
      'cadre_liaison_report',
      'cadre_liaison_activity',
      'cadre_liaison_link',
      'cadre',
    ]) {
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
    }
  }
}

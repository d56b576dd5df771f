import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities and their sign-ups, and the time bank's source key: a transfer another aggregate posts
 * (an attendance's credit) names what it is for, uniquely, so the same service is credited once.
 */
export class CreateActivity1764700000301 implements MigrationInterface {
  name = 'CreateActivity1764700000301';

  async up(runner: QueryRunner): Promise<void> {
    const activity = tableOf(runner, 'activity');
    const signUp = tableOf(runner, 'activity_sign_up');
    const transfer = tableOf(runner, 'time_bank_transfer');
    await runner.query(`ALTER TABLE ${transfer} ADD COLUMN "source_key" varchar(100)`);
    await runner.query(`CREATE UNIQUE INDEX "time_bank_transfer_source_key" ON ${transfer} ("source_key")`);
    await runner.query(`CREATE TABLE ${activity} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "team_id" uuid,
      "title" varchar(100) NOT NULL,
      "place" varchar(200) NOT NULL,
      "description" varchar(1000),
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "capacity" int NOT NULL,
      "organiser_subject" varchar(200) NOT NULL,
      "organiser_name" varchar(50) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "activity_time_check" CHECK ("ends_at" > "starts_at"),
      CONSTRAINT "activity_capacity_check" CHECK ("capacity" > 0),
      CONSTRAINT "activity_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES ${tableOf(runner, 'volunteer_team')} ("id")
    )`);
    await runner.query(`CREATE INDEX "activity_region_starts_idx" ON ${activity} ("region_code", "starts_at")`);
    await runner.query(`CREATE TABLE ${signUp} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "activity_id" uuid NOT NULL,
      "volunteer_id" uuid NOT NULL,
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "signed_up_at" timestamptz NOT NULL,
      "signed_up_by" varchar(200) NOT NULL,
      "arrived_at" timestamptz,
      "left_at" timestamptz,
      "minutes_served" int,
      "attendance_confirmed_at" timestamptz,
      "attendance_confirmed_by" varchar(200),
      "transfer_id" uuid,
      CONSTRAINT "activity_sign_up_attendance_check" CHECK (("attendance_confirmed_at" IS NULL) = ("minutes_served" IS NULL)),
      CONSTRAINT "activity_sign_up_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES ${activity} ("id"),
      CONSTRAINT "activity_sign_up_volunteer_id_fkey" FOREIGN KEY ("volunteer_id") REFERENCES ${tableOf(runner, 'volunteer')} ("id"),
      CONSTRAINT "activity_sign_up_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES ${transfer} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "activity_sign_up_key" ON ${signUp} ("activity_id", "volunteer_id")`);
    await runner.query(`CREATE INDEX "activity_sign_up_volunteer_time_idx" ON ${signUp} ("volunteer_id", "starts_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'activity_sign_up')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'activity')}`);
    await runner.query(`DROP INDEX "${schemaOf(runner.connection)}"."time_bank_transfer_source_key"`);
    await runner.query(`ALTER TABLE ${tableOf(runner, 'time_bank_transfer')} DROP COLUMN "source_key"`);
  }
}

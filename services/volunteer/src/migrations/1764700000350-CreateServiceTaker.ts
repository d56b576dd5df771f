import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateServiceTaker1764700000350 implements MigrationInterface {
  name = 'CreateServiceTaker1764700000350';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'service_taker');
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "kind" varchar(20) NOT NULL,
      "volunteer_id" uuid,
      "household_id" uuid,
      "grid_id" uuid,
      "account_subject" varchar(200) NOT NULL,
      "skills" text array NOT NULL DEFAULT '{}',
      "enrolled_by" varchar(200) NOT NULL,
      "enrolled_at" timestamptz NOT NULL,
      CONSTRAINT "service_taker_one_source_check" CHECK (("volunteer_id" IS NULL) <> ("household_id" IS NULL)),
      CONSTRAINT "service_taker_volunteer_id_fkey" FOREIGN KEY ("volunteer_id") REFERENCES ${tableOf(runner, 'volunteer')} ("id")
    )`);
    // A volunteer, and a household leader's household, is enrolled once.
    await runner.query(`CREATE UNIQUE INDEX "service_taker_volunteer_key" ON ${t} ("volunteer_id") WHERE "volunteer_id" IS NOT NULL`);
    await runner.query(`CREATE UNIQUE INDEX "service_taker_household_key" ON ${t} ("household_id") WHERE "household_id" IS NOT NULL`);
    await runner.query(`CREATE INDEX "service_taker_region_idx" ON ${t} ("region_code")`);
    await runner.query(`CREATE INDEX "service_taker_account_idx" ON ${t} ("account_subject")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'service_taker')}`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGrid1763800001000 implements MigrationInterface {
  name = 'CreateGrid1763800001000';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'grid');
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "county_code" varchar(6) NOT NULL,
      "code" varchar(32) NOT NULL,
      "name" varchar(100) NOT NULL,
      "kind" varchar(20) NOT NULL,
      "dedicated_type" varchar(30),
      "households" integer,
      "service_radius_minutes" smallint,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "grid_dedicated_type_check" CHECK (("kind" = 'DEDICATED') = ("dedicated_type" IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX "grid_region_idx" ON ${t} ("region_code")`);
    await runner.query(`CREATE UNIQUE INDEX "grid_county_code_key" ON ${t} ("county_code", "code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'grid')}`);
  }
}

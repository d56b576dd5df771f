import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The household ledger (台账): households of a grid and their members, personal information protected. */
export class CreateHouseholdLedger1763800001200 implements MigrationInterface {
  name = 'CreateHouseholdLedger1763800001200';

  async up(runner: QueryRunner): Promise<void> {
    const household = tableOf(runner, 'household');
    const member = tableOf(runner, 'household_member');
    await runner.query(`CREATE TABLE ${household} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "grid_id" uuid NOT NULL,
      "address" text NOT NULL,
      "special_groups" text array NOT NULL,
      "last_visited_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "household_grid_id_fkey" FOREIGN KEY ("grid_id") REFERENCES ${tableOf(runner, 'grid')} ("id"),
      CONSTRAINT "household_id_grid_region_key" UNIQUE ("id", "grid_id", "region_code")
    )`);
    await runner.query(`CREATE INDEX "household_region_idx" ON ${household} ("region_code")`);
    await runner.query(`CREATE INDEX "household_grid_idx" ON ${household} ("grid_id")`);

    // The resident ID number has no clear-text column: a cipher to read it back, a keyed hash to find it.
    await runner.query(`CREATE TABLE ${member} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "household_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "grid_id" uuid NOT NULL,
      "name" varchar(50) NOT NULL,
      "phone" varchar(20),
      "resident_id_cipher" text NOT NULL,
      "resident_id_hash" varchar(64) NOT NULL,
      "relation" varchar(20) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "household_member_household_fkey" FOREIGN KEY ("household_id", "grid_id", "region_code")
        REFERENCES ${household} ("id", "grid_id", "region_code")
    )`);
    await runner.query(`CREATE INDEX "household_member_household_idx" ON ${member} ("household_id")`);
    await runner.query(`CREATE UNIQUE INDEX "household_member_resident_id_hash_key" ON ${member} ("resident_id_hash")`);
    await runner.query(`CREATE UNIQUE INDEX "household_member_head_key" ON ${member} ("household_id") WHERE "relation" = 'HEAD'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'household_member')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'household')}`);
  }
}

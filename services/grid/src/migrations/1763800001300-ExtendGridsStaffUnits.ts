import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grid levels and parents, grid lineage (merges and splits keep their history), grid staff,
 * ten-household units (十联户), and the ledger additions: members' employment and households' unit.
 */
export class ExtendGridsStaffUnits1763800001300 implements MigrationInterface {
  name = 'ExtendGridsStaffUnits1763800001300';

  async up(runner: QueryRunner): Promise<void> {
    const grid = tableOf(runner, 'grid');
    const lineage = tableOf(runner, 'grid_lineage');
    const staff = tableOf(runner, 'grid_staff');
    const unit = tableOf(runner, 'ten_household_unit');
    const household = tableOf(runner, 'household');
    const member = tableOf(runner, 'household_member');

    // Existing grids become active top-level grids; the defaults only fill them and are dropped so
    // that every new row says its level and status explicitly.
    await runner.query(`ALTER TABLE ${grid}
      ADD COLUMN "level" smallint NOT NULL DEFAULT 1,
      ADD COLUMN "parent_id" uuid,
      ADD COLUMN "status" varchar(10) NOT NULL DEFAULT 'ACTIVE',
      ADD COLUMN "retired_at" timestamptz`);
    await runner.query(`ALTER TABLE ${grid} ALTER COLUMN "level" DROP DEFAULT, ALTER COLUMN "status" DROP DEFAULT`);
    await runner.query(`ALTER TABLE ${grid} ADD CONSTRAINT "grid_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES ${grid} ("id")`);
    await runner.query(`ALTER TABLE ${grid} ADD CONSTRAINT "grid_level_check" CHECK ("level" BETWEEN 1 AND 4)`);
    await runner.query(`ALTER TABLE ${grid} ADD CONSTRAINT "grid_status_check" CHECK (("status" = 'ACTIVE') = ("retired_at" IS NULL))`);
    await runner.query(`CREATE INDEX "grid_parent_idx" ON ${grid} ("parent_id")`);

    await runner.query(`CREATE TABLE ${lineage} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "predecessor_id" uuid NOT NULL,
      "successor_id" uuid NOT NULL,
      "change" varchar(10) NOT NULL,
      "reason" text NOT NULL,
      "changed_by" varchar(200) NOT NULL,
      "changed_at" timestamptz NOT NULL,
      CONSTRAINT "grid_lineage_predecessor_fkey" FOREIGN KEY ("predecessor_id") REFERENCES ${grid} ("id"),
      CONSTRAINT "grid_lineage_successor_fkey" FOREIGN KEY ("successor_id") REFERENCES ${grid} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "grid_lineage_pair_key" ON ${lineage} ("predecessor_id", "successor_id")`);
    await runner.query(`CREATE INDEX "grid_lineage_successor_idx" ON ${lineage} ("successor_id")`);

    await runner.query(`CREATE TABLE ${staff} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "grid_id" uuid NOT NULL,
      "name" varchar(50) NOT NULL,
      "phone" varchar(20),
      "role" varchar(20) NOT NULL,
      "employment" varchar(10),
      "post" varchar(1),
      "recruited_from" varchar(20),
      "subject" varchar(200),
      "appointed_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "grid_staff_grid_id_fkey" FOREIGN KEY ("grid_id") REFERENCES ${grid} ("id"),
      CONSTRAINT "grid_staff_employment_check" CHECK (("role" = 'GRIDWORKER') = ("employment" IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX "grid_staff_grid_idx" ON ${staff} ("grid_id")`);
    await runner.query(`CREATE INDEX "grid_staff_region_idx" ON ${staff} ("region_code")`);

    await runner.query(`CREATE TABLE ${unit} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "grid_id" uuid NOT NULL,
      "name" varchar(100) NOT NULL,
      "leader_staff_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "ten_household_unit_grid_id_fkey" FOREIGN KEY ("grid_id") REFERENCES ${grid} ("id"),
      CONSTRAINT "ten_household_unit_leader_fkey" FOREIGN KEY ("leader_staff_id") REFERENCES ${staff} ("id")
    )`);
    await runner.query(`CREATE INDEX "ten_household_unit_grid_idx" ON ${unit} ("grid_id")`);
    await runner.query(`CREATE INDEX "ten_household_unit_region_idx" ON ${unit} ("region_code")`);
    await runner.query(`CREATE UNIQUE INDEX "ten_household_unit_grid_name_key" ON ${unit} ("grid_id", "name")`);

    await runner.query(`ALTER TABLE ${household} ADD COLUMN "unit_id" uuid`);
    await runner.query(
      `ALTER TABLE ${household} ADD CONSTRAINT "household_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES ${unit} ("id")`,
    );
    await runner.query(`CREATE INDEX "household_unit_idx" ON ${household} ("unit_id")`);
    await runner.query(`ALTER TABLE ${member} ADD COLUMN "employment" varchar(20)`);
    // Merging or splitting grids moves households to the new grid; members follow in the same statement.
    await runner.query(`ALTER TABLE ${member} DROP CONSTRAINT "household_member_household_fkey"`);
    await runner.query(`ALTER TABLE ${member} ADD CONSTRAINT "household_member_household_fkey"
      FOREIGN KEY ("household_id", "grid_id", "region_code") REFERENCES ${household} ("id", "grid_id", "region_code") ON UPDATE CASCADE`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const household = tableOf(runner, 'household');
    const member = tableOf(runner, 'household_member');
    await runner.query(`ALTER TABLE ${member} DROP CONSTRAINT "household_member_household_fkey"`);
    await runner.query(`ALTER TABLE ${member} ADD CONSTRAINT "household_member_household_fkey"
      FOREIGN KEY ("household_id", "grid_id", "region_code") REFERENCES ${household} ("id", "grid_id", "region_code")`);
    await runner.query(`ALTER TABLE ${member} DROP COLUMN "employment"`);
    await runner.query(`ALTER TABLE ${household} DROP COLUMN "unit_id"`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'ten_household_unit')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'grid_staff')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'grid_lineage')}`);
    await runner.query(`ALTER TABLE ${tableOf(runner, 'grid')}
      DROP COLUMN "level", DROP COLUMN "parent_id", DROP COLUMN "status", DROP COLUMN "retired_at"`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whistles go to departments on record (DEPARTMENT references) or to the reporting-in Party members
 * of the community, by a type of the county's whistle list. A whistle's `target` (the department's
 * id, or PARTY_MEMBERS) is unique per case; whistles blown before keep their department's name as
 * their target and their `department` text, with no type.
 */
export class WhistlesToDepartments1764700000200 implements MigrationInterface {
  name = 'WhistlesToDepartments1764700000200';

  async up(runner: QueryRunner): Promise<void> {
    const w = tableOf(runner, 'case_whistle');
    await runner.query(`ALTER TABLE ${w} ADD "target" varchar(100)`);
    await runner.query(`UPDATE ${w} SET "target" = "department"`);
    await runner.query(`ALTER TABLE ${w} ALTER COLUMN "target" SET NOT NULL`);
    await runner.query(`ALTER TABLE ${w} ALTER COLUMN "department" DROP NOT NULL`);
    await runner.query(`ALTER TABLE ${w} ADD "department_id" uuid`);
    await runner.query(`ALTER TABLE ${w} ADD "whistle_type" varchar(30)`);
    await runner.query(`ALTER TABLE ${w} ADD "answerer" varchar(20) NOT NULL DEFAULT 'DEPARTMENT'`);
    await runner.query(`DROP INDEX ${tableOf(runner, 'case_whistle_department_key')}`);
    await runner.query(`CREATE UNIQUE INDEX "case_whistle_target_key" ON ${w} ("case_id", "target")`);
    // A department's staff list what waits for them (myWork).
    await runner.query(`CREATE INDEX "case_whistle_department_idx" ON ${w} ("department_id", "answered_at")`);
    // Region.gridStats counts a region's whistles.
    await runner.query(`CREATE INDEX "case_whistle_region_idx" ON ${w} ("region_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const w = tableOf(runner, 'case_whistle');
    await runner.query(`DROP INDEX ${tableOf(runner, 'case_whistle_region_idx')}`);
    await runner.query(`DROP INDEX ${tableOf(runner, 'case_whistle_department_idx')}`);
    await runner.query(`DROP INDEX ${tableOf(runner, 'case_whistle_target_key')}`);
    await runner.query(`UPDATE ${w} SET "department" = "target" WHERE "department" IS NULL`);
    await runner.query(`CREATE UNIQUE INDEX "case_whistle_department_key" ON ${w} ("case_id", "department")`);
    await runner.query(
      `ALTER TABLE ${w} DROP COLUMN "answerer", DROP COLUMN "whistle_type", DROP COLUMN "department_id", DROP COLUMN "target"`,
    );
    await runner.query(`ALTER TABLE ${w} ALTER COLUMN "department" SET NOT NULL`);
  }
}

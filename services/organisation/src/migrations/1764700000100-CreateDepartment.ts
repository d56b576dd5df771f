import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** County departments (部门), one name per county. */
export class CreateDepartment1764700000100 implements MigrationInterface {
  name = 'CreateDepartment1764700000100';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'department');
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "kind" varchar(30) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_department" PRIMARY KEY ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "department_county_name_key" ON ${t} ("region_code", "name")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'department')}`);
  }
}

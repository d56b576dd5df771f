import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A case may name the residential compound (小区) it is about: an id of the property service, checked against its references. */
export class AddCaseCompound1764700000250 implements MigrationInterface {
  name = 'AddCaseCompound1764700000250';

  async up(runner: QueryRunner): Promise<void> {
    const cases = tableOf(runner, 'grid_case');
    await runner.query(`ALTER TABLE ${cases} ADD "compound_id" uuid`);
    await runner.query(`CREATE INDEX "grid_case_compound_idx" ON ${cases} ("compound_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Dropping the column drops its index.
    await runner.query(`ALTER TABLE ${tableOf(runner, 'grid_case')} DROP COLUMN "compound_id"`);
  }
}

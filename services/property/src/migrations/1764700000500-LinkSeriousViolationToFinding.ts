import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A serious violation found in a random inspection (双随机) names its finding: the finding and the
 * violation that puts the company on the black list are one fact, recorded once (a unique index).
 */
export class LinkSeriousViolationToFinding1764700000500 implements MigrationInterface {
  name = 'LinkSeriousViolationToFinding1764700000500';

  async up(runner: QueryRunner): Promise<void> {
    const violation = tableOf(runner, 'serious_violation');
    await runner.query(`ALTER TABLE ${violation} ADD COLUMN "inspection_finding_id" uuid`);
    await runner.query(`CREATE UNIQUE INDEX "serious_violation_finding_key" ON ${violation} ("inspection_finding_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const violation = tableOf(runner, 'serious_violation');
    await runner.query(`DROP INDEX "${schemaOf(runner.connection)}"."serious_violation_finding_key"`);
    await runner.query(`ALTER TABLE ${violation} DROP COLUMN "inspection_finding_id"`);
  }
}

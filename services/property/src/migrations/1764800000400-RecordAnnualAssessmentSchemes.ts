import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An annual assessment records the scheme version each quarter was scored under and, in words, which
 * version gave the stars and why. Assessments published before have neither (null): the graph then
 * reads the versions from the quarters' runs; their rows are not changed (a publication is permanent).
 */
export class RecordAnnualAssessmentSchemes1764800000400 implements MigrationInterface {
  name = 'RecordAnnualAssessmentSchemes1764800000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${tableOf(runner, 'annual_assessment')} ADD COLUMN "quarter_schemes" jsonb, ADD COLUMN "scheme_explanation" text`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${tableOf(runner, 'annual_assessment')} DROP COLUMN "quarter_schemes", DROP COLUMN "scheme_explanation"`,
    );
  }
}

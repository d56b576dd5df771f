import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Published annual assessments and their entries: a publication is permanent (the database refuses changes). */
export class CreateAnnualAssessment1764700000404 implements MigrationInterface {
  name = 'CreateAnnualAssessment1764700000404';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const assessment = tableOf(runner, 'annual_assessment');
    const entry = tableOf(runner, 'annual_assessment_entry');
    await runner.query(`CREATE TABLE ${assessment} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "year" integer NOT NULL,
      "scheme_id" uuid NOT NULL,
      "published_by" varchar(200) NOT NULL,
      "published_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE UNIQUE INDEX "annual_assessment_key" ON ${assessment} ("region_code", "year")`);
    await runner.query(`CREATE TABLE ${entry} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "assessment_id" uuid NOT NULL,
      "subject_kind" varchar(10) NOT NULL,
      "subject_id" uuid NOT NULL,
      "quarter_scores" jsonb NOT NULL,
      "score" numeric(5,2),
      "stars" smallint,
      "missing_quarters" jsonb NOT NULL,
      "arithmetic" text NOT NULL
    )`);
    await runner.query(`CREATE UNIQUE INDEX "annual_assessment_entry_key" ON ${entry} ("assessment_id", "subject_kind", "subject_id")`);
    for (const [table, name] of [
      [assessment, 'annual_assessment'],
      [entry, 'annual_assessment_entry'],
    ] as const) {
      await runner.query(
        `CREATE TRIGGER "${name}_no_change" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${schema}."evaluation_append_only"()`,
      );
      await runner.query(
        `CREATE TRIGGER "${name}_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."evaluation_append_only"()`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'annual_assessment_entry')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'annual_assessment')}`);
  }
}

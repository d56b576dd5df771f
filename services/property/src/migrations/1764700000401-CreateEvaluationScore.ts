import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evaluators' monthly scores per compound and criterion, and their revisions (append-only, by trigger). */
export class CreateEvaluationScore1764700000401 implements MigrationInterface {
  name = 'CreateEvaluationScore1764700000401';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const score = tableOf(runner, 'evaluation_score');
    const revision = tableOf(runner, 'evaluation_score_revision');
    await runner.query(`CREATE TABLE ${score} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "compound_id" uuid NOT NULL,
      "month" varchar(7) NOT NULL,
      "evaluator_kind" varchar(40) NOT NULL,
      "criterion_key" varchar(40) NOT NULL,
      "scheme_id" uuid NOT NULL,
      "score" smallint NOT NULL,
      "notes" text,
      "evidence" jsonb NOT NULL,
      "version" integer NOT NULL,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "evaluation_score_compound_id_fkey" FOREIGN KEY ("compound_id") REFERENCES ${tableOf(runner, 'residential_compound')} ("id")
    )`);
    await runner.query(
      `CREATE UNIQUE INDEX "evaluation_score_key" ON ${score} ("compound_id", "month", "evaluator_kind", "criterion_key")`,
    );
    await runner.query(`CREATE INDEX "evaluation_score_region_idx" ON ${score} ("region_code", "month")`);
    await runner.query(`CREATE TABLE ${revision} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "score_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "score" smallint NOT NULL,
      "notes" text,
      "evidence" jsonb NOT NULL,
      "reason" text,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL
    )`);
    await runner.query(`CREATE UNIQUE INDEX "evaluation_score_revision_key" ON ${revision} ("score_id", "version")`);
    await runner.query(`CREATE FUNCTION ${schema}."evaluation_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused): a correction is a new row', TG_TABLE_NAME, TG_OP;
      END
    $$`);
    await runner.query(
      `CREATE TRIGGER "evaluation_score_revision_no_change" BEFORE UPDATE OR DELETE ON ${revision} FOR EACH ROW EXECUTE FUNCTION ${schema}."evaluation_append_only"()`,
    );
    await runner.query(
      `CREATE TRIGGER "evaluation_score_revision_no_truncate" BEFORE TRUNCATE ON ${revision} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."evaluation_append_only"()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'evaluation_score_revision')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'evaluation_score')}`);
    await runner.query(`DROP FUNCTION "${schemaOf(runner.connection)}"."evaluation_append_only"()`);
  }
}

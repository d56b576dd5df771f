import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarterly evaluation runs (one per county and quarter) and the scores they computed, one per
 * compound and company and run. Scores go to the housing bureau: the database refuses to change them.
 */
export class CreateQuarterlyEvaluation1764700000403 implements MigrationInterface {
  name = 'CreateQuarterlyEvaluation1764700000403';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const run = tableOf(runner, 'quarterly_evaluation_run');
    const compound = tableOf(runner, 'compound_quarter_score');
    const company = tableOf(runner, 'company_quarter_score');
    await runner.query(`CREATE TABLE ${run} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "quarter" varchar(6) NOT NULL,
      "status" varchar(12) NOT NULL,
      "scheme_id" uuid,
      "requested_by" varchar(200) NOT NULL,
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      "started_at" timestamptz,
      "finished_at" timestamptz,
      "attempts" integer NOT NULL DEFAULT 0,
      "compounds" integer,
      "compounds_scored" integer,
      "companies" integer
    )`);
    await runner.query(`CREATE UNIQUE INDEX "quarterly_evaluation_run_key" ON ${run} ("region_code", "quarter")`);
    await runner.query(`CREATE TABLE ${compound} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "run_id" uuid NOT NULL,
      "compound_id" uuid NOT NULL,
      "quarter" varchar(6) NOT NULL,
      "management_mode" varchar(30) NOT NULL,
      "company_id" uuid,
      "score" numeric(5,2),
      "explanation" jsonb NOT NULL,
      "missing" jsonb NOT NULL,
      "computed_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE UNIQUE INDEX "compound_quarter_score_key" ON ${compound} ("run_id", "compound_id")`);
    await runner.query(`CREATE INDEX "compound_quarter_score_compound_idx" ON ${compound} ("compound_id", "quarter")`);
    await runner.query(`CREATE TABLE ${company} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "run_id" uuid NOT NULL,
      "company_id" uuid NOT NULL,
      "quarter" varchar(6) NOT NULL,
      "score" numeric(5,2),
      "compounds" jsonb NOT NULL,
      "missing_compounds" jsonb NOT NULL,
      "arithmetic" text NOT NULL,
      "computed_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE UNIQUE INDEX "company_quarter_score_key" ON ${company} ("run_id", "company_id")`);
    await runner.query(`CREATE INDEX "company_quarter_score_company_idx" ON ${company} ("company_id", "quarter")`);
    // The same append-only function as the score revisions (migration 1764700000401).
    for (const [table, name] of [
      [compound, 'compound_quarter_score'],
      [company, 'company_quarter_score'],
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
    for (const table of ['company_quarter_score', 'compound_quarter_score', 'quarterly_evaluation_run'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
  }
}

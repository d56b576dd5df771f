import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation schemes per county and year, versioned. A frozen version (used by a score or an
 * evaluation) is kept as it was by the database itself: a trigger refuses its update or deletion.
 */
export class CreateEvaluationScheme1764700000400 implements MigrationInterface {
  name = 'CreateEvaluationScheme1764700000400';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const scheme = tableOf(runner, 'evaluation_scheme');
    await runner.query(`CREATE TABLE ${scheme} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "year" integer NOT NULL,
      "version" integer NOT NULL,
      "criteria" jsonb NOT NULL,
      "evaluators" jsonb NOT NULL,
      "star_thresholds" jsonb NOT NULL,
      "red_rule" jsonb NOT NULL,
      "black_rule" jsonb NOT NULL,
      "residents_voice" jsonb NOT NULL,
      "frozen_at" timestamptz,
      "defined_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE UNIQUE INDEX "evaluation_scheme_version_key" ON ${scheme} ("region_code", "year", "version")`);
    await runner.query(`CREATE FUNCTION ${schema}."evaluation_scheme_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.frozen_at IS NOT NULL THEN
          RAISE EXCEPTION 'evaluation scheme % is frozen (in use): define a new version instead', OLD.id;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END
    $$`);
    await runner.query(
      `CREATE TRIGGER "evaluation_scheme_frozen" BEFORE UPDATE OR DELETE ON ${scheme} FOR EACH ROW EXECUTE FUNCTION ${schema}."evaluation_scheme_frozen"()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'evaluation_scheme')}`);
    await runner.query(`DROP FUNCTION "${schemaOf(runner.connection)}"."evaluation_scheme_frozen"()`);
  }
}

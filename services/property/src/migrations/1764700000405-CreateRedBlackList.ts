import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Red-and-black lists, their entries and serious violations. A published list and its entries are
 * permanent: the database refuses any update or deletion (corrections are new versions). Violations
 * are records of fact: only added, too.
 */
export class CreateRedBlackList1764700000405 implements MigrationInterface {
  name = 'CreateRedBlackList1764700000405';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const list = tableOf(runner, 'red_black_list');
    const entry = tableOf(runner, 'red_black_entry');
    const violation = tableOf(runner, 'serious_violation');
    await runner.query(`CREATE TABLE ${list} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "half" varchar(6) NOT NULL,
      "version" integer NOT NULL,
      "replaces_id" uuid,
      "reason" text,
      "scheme_id" uuid NOT NULL,
      "rule" text NOT NULL,
      "published_by" varchar(200) NOT NULL,
      "published_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE UNIQUE INDEX "red_black_list_version_key" ON ${list} ("region_code", "half", "version")`);
    await runner.query(`CREATE UNIQUE INDEX "red_black_list_replaces_key" ON ${list} ("replaces_id")`);
    await runner.query(`CREATE TABLE ${entry} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "list_id" uuid NOT NULL,
      "company_id" uuid NOT NULL,
      "kind" varchar(5) NOT NULL,
      "rank" integer,
      "score" numeric(5,2),
      "reason" text NOT NULL
    )`);
    await runner.query(`CREATE UNIQUE INDEX "red_black_entry_key" ON ${entry} ("list_id", "company_id")`);
    await runner.query(`CREATE TABLE ${violation} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "company_id" uuid NOT NULL,
      "occurred_on" date NOT NULL,
      "description" text NOT NULL,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "serious_violation_company_idx" ON ${violation} ("company_id", "occurred_on")`);
    for (const [table, name] of [
      [list, 'red_black_list'],
      [entry, 'red_black_entry'],
      [violation, 'serious_violation'],
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
    for (const table of ['serious_violation', 'red_black_entry', 'red_black_list'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
  }
}

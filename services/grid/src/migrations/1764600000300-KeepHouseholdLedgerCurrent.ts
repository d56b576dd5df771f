import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger kept current (维护台账): members who moved out or died stay on record with the day, and
 * every change is kept in an append-only history that the database itself refuses to rewrite (like
 * the personal-data audit log): who changed which fields of which record, never the values.
 */
export class KeepHouseholdLedgerCurrent1764600000300 implements MigrationInterface {
  name = 'KeepHouseholdLedgerCurrent1764600000300';

  async up(runner: QueryRunner): Promise<void> {
    const members = tableOf(runner, 'household_member');
    await runner.query(`ALTER TABLE ${members} ADD "status" varchar(12) NOT NULL DEFAULT 'PRESENT'`);
    await runner.query(`ALTER TABLE ${members} ADD "left_on" date`);
    await runner.query(`ALTER TABLE ${members} ADD CONSTRAINT "household_member_status_check"
      CHECK (("status" = 'PRESENT') = ("left_on" IS NULL) AND "status" IN ('PRESENT', 'MOVED_OUT', 'DECEASED'))`);
    const t = tableOf(runner, 'household_ledger_change');
    const fn = `"${schemaOf(runner.connection)}"."household_ledger_change_append_only"`;
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "household_id" uuid NOT NULL,
      "member_id" uuid,
      "region_code" varchar(12) NOT NULL,
      "grid_id" uuid NOT NULL,
      "action" varchar(30) NOT NULL,
      "fields" text[] NOT NULL,
      "personal" boolean NOT NULL,
      "note" text,
      "changed_by" varchar(200) NOT NULL,
      "changed_by_name" varchar(100) NOT NULL,
      "operation_name" varchar(200),
      "changed_at" timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX "household_ledger_change_household_idx" ON ${t} ("household_id", "changed_at")`);
    await runner.query(`CREATE INDEX "household_ledger_change_region_idx" ON ${t} ("region_code")`);
    await runner.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'household_ledger_change is append-only: % refused', TG_OP;
      END
    $$`);
    await runner.query(
      `CREATE TRIGGER "household_ledger_change_no_change" BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    await runner.query(
      `CREATE TRIGGER "household_ledger_change_no_truncate" BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'household_ledger_change')}`);
    await runner.query(`DROP FUNCTION "${schemaOf(runner.connection)}"."household_ledger_change_append_only"()`);
    const members = tableOf(runner, 'household_member');
    await runner.query(`ALTER TABLE ${members} DROP CONSTRAINT "household_member_status_check"`);
    await runner.query(`ALTER TABLE ${members} DROP COLUMN "left_on", DROP COLUMN "status"`);
  }
}

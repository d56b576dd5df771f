import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time bank's double-entry ledger. The database itself keeps the two invariants that no code
 * path may break: entries and transfers are append-only (a correction is a reversal, a new
 * transfer), and every transfer's entries sum to zero when its transaction commits.
 */
export class CreateTimeBank1764600000500 implements MigrationInterface {
  name = 'CreateTimeBank1764600000500';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner.connection);
    const account = tableOf(runner, 'time_bank_account');
    const transfer = tableOf(runner, 'time_bank_transfer');
    const entry = tableOf(runner, 'time_bank_entry');
    await runner.query(`CREATE TABLE ${account} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "holder_kind" varchar(20) NOT NULL,
      "holder_key" varchar(64) NOT NULL,
      "opened_at" timestamptz NOT NULL
    )`);
    await runner.query(`CREATE UNIQUE INDEX "time_bank_account_holder_key" ON ${account} ("holder_kind", "holder_key")`);
    await runner.query(`CREATE INDEX "time_bank_account_region_idx" ON ${account} ("region_code")`);
    await runner.query(`CREATE TABLE ${transfer} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "kind" varchar(20) NOT NULL,
      "reason" varchar(200) NOT NULL,
      "reverses_id" uuid,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL,
      CONSTRAINT "time_bank_transfer_reverses_id_fkey" FOREIGN KEY ("reverses_id") REFERENCES ${transfer} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "time_bank_transfer_reverses_key" ON ${transfer} ("reverses_id")`);
    await runner.query(`CREATE TABLE ${entry} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "transfer_id" uuid NOT NULL,
      "account_id" uuid NOT NULL,
      "minutes" int NOT NULL,
      "recorded_at" timestamptz NOT NULL,
      CONSTRAINT "time_bank_entry_minutes_check" CHECK ("minutes" <> 0),
      CONSTRAINT "time_bank_entry_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES ${transfer} ("id"),
      CONSTRAINT "time_bank_entry_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES ${account} ("id")
    )`);
    await runner.query(`CREATE INDEX "time_bank_entry_account_idx" ON ${entry} ("account_id", "recorded_at", "id")`);
    await runner.query(`CREATE INDEX "time_bank_entry_transfer_idx" ON ${entry} ("transfer_id")`);

    const appendOnly = `"${schema}"."time_bank_append_only"`;
    await runner.query(`CREATE FUNCTION ${appendOnly}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused (post a reversal instead)', TG_TABLE_NAME, TG_OP;
      END
    $$`);
    for (const [name, table] of [
      ['time_bank_transfer', transfer],
      ['time_bank_entry', entry],
    ] as const) {
      await runner.query(
        `CREATE TRIGGER "${name}_no_change" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${appendOnly}()`,
      );
      await runner.query(
        `CREATE TRIGGER "${name}_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${appendOnly}()`,
      );
    }
    // Checked at commit (deferred), when all entries of the transfer are in: at least two, summing to zero.
    const balanced = `"${schema}"."time_bank_transfer_balanced"`;
    await runner.query(`CREATE FUNCTION ${balanced}() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total bigint; lines int;
      BEGIN
        SELECT COALESCE(SUM(minutes), 0), COUNT(*) INTO total, lines FROM ${entry} WHERE transfer_id = NEW.transfer_id;
        IF total <> 0 OR lines < 2 THEN
          RAISE EXCEPTION 'time bank transfer % is unbalanced (% minutes over % entries)', NEW.transfer_id, total, lines;
        END IF;
        RETURN NULL;
      END
    $$`);
    await runner.query(`CREATE CONSTRAINT TRIGGER "time_bank_entry_balanced" AFTER INSERT ON ${entry}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${balanced}()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner.connection);
    await runner.query(`DROP TABLE ${tableOf(runner, 'time_bank_entry')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'time_bank_transfer')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'time_bank_account')}`);
    await runner.query(`DROP FUNCTION "${schema}"."time_bank_transfer_balanced"()`);
    await runner.query(`DROP FUNCTION "${schema}"."time_bank_append_only"()`);
  }
}

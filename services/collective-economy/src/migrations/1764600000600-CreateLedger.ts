import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger: entries, their lines and closed periods. The database itself keeps the books whole,
 * whatever code writes to them: rows are never updated or deleted (as the audit log), every entry
 * balances when its transaction commits (a deferred constraint trigger), and nothing is posted on a
 * day of a closed month or year.
 */
export class CreateLedger1764600000600 implements MigrationInterface {
  name = 'CreateLedger1764600000600';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const entry = tableOf(runner, 'ledger_entry');
    const line = tableOf(runner, 'ledger_line');
    const closed = tableOf(runner, 'ledger_period_close');
    await runner.query(`CREATE TABLE ${entry} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "posted_on" date NOT NULL,
      "description" varchar(200) NOT NULL,
      "reverses_entry_id" uuid,
      "reason" text,
      "posted_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "ledger_entry_reversal_reason_check" CHECK (("reverses_entry_id" IS NULL) = ("reason" IS NULL))
    )`);
    await runner.query(`CREATE INDEX "ledger_entry_organisation_day_idx" ON ${entry} ("organisation_id", "posted_on")`);
    // An entry is reversed once: a second correction of the same mistake would undo it twice.
    await runner.query(`CREATE UNIQUE INDEX "ledger_entry_reverses_key" ON ${entry} ("reverses_entry_id")`);
    await runner.query(`CREATE TABLE ${line} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "entry_id" uuid NOT NULL,
      "position" integer NOT NULL,
      "account" varchar(40) NOT NULL,
      "debit_fen" bigint NOT NULL,
      "credit_fen" bigint NOT NULL,
      CONSTRAINT "ledger_line_amount_check" CHECK ("debit_fen" >= 0 AND "credit_fen" >= 0 AND ("debit_fen" = 0) <> ("credit_fen" = 0))
    )`);
    await runner.query(`CREATE UNIQUE INDEX "ledger_line_entry_position_key" ON ${line} ("entry_id", "position")`);
    await runner.query(`CREATE TABLE ${closed} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "period" varchar(7) NOT NULL,
      "closed_by" varchar(200) NOT NULL,
      "closed_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE UNIQUE INDEX "ledger_period_close_key" ON ${closed} ("organisation_id", "period")`);
    await runner.query(
      `ALTER TABLE ${entry} ADD CONSTRAINT "ledger_entry_organisation_fk" FOREIGN KEY ("organisation_id") REFERENCES ${tableOf(runner, 'collective_organisation')} ("id")`,
    );

    await runner.query(`CREATE FUNCTION ${schema}."ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only (% on %): correct an entry by reversing it', TG_OP, TG_TABLE_NAME;
      END
    $$`);
    for (const [table, name] of [
      [entry, 'ledger_entry'],
      [line, 'ledger_line'],
      [closed, 'ledger_period_close'],
    ] as const) {
      await runner.query(
        `CREATE TRIGGER "${name}_no_change" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${schema}."ledger_append_only"()`,
      );
      await runner.query(
        `CREATE TRIGGER "${name}_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."ledger_append_only"()`,
      );
    }
    await runner.query(`CREATE FUNCTION ${schema}."ledger_entry_open_period"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ${closed} c WHERE c.organisation_id = NEW.organisation_id
                   AND c.period IN (to_char(NEW.posted_on, 'YYYY'), to_char(NEW.posted_on, 'YYYY-MM'))) THEN
          RAISE EXCEPTION 'the ledger period of % is closed', NEW.posted_on;
        END IF;
        RETURN NEW;
      END
    $$`);
    await runner.query(
      `CREATE TRIGGER "ledger_entry_open_period" BEFORE INSERT ON ${entry} FOR EACH ROW EXECUTE FUNCTION ${schema}."ledger_entry_open_period"()`,
    );
    // Checked at commit, when all of an entry's lines are in: at least two, debits equal to credits.
    await runner.query(`CREATE FUNCTION ${schema}."ledger_entry_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE checked uuid;
      BEGIN
        IF TG_TABLE_NAME = 'ledger_entry' THEN checked := NEW.id; ELSE checked := NEW.entry_id; END IF;
        IF (SELECT count(*) < 2 OR coalesce(sum(l.debit_fen) <> sum(l.credit_fen), TRUE) FROM ${line} l WHERE l.entry_id = checked) THEN
          RAISE EXCEPTION 'ledger entry % is not balanced', checked;
        END IF;
        RETURN NULL;
      END
    $$`);
    for (const [table, name] of [
      [entry, 'ledger_entry'],
      [line, 'ledger_line'],
    ] as const) {
      await runner.query(`CREATE CONSTRAINT TRIGGER "${name}_balanced" AFTER INSERT ON ${table} DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ${schema}."ledger_entry_balanced"()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    for (const table of ['ledger_line', 'ledger_entry', 'ledger_period_close']) await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
    for (const fn of ['ledger_append_only', 'ledger_entry_open_period', 'ledger_entry_balanced'])
      await runner.query(`DROP FUNCTION ${schema}."${fn}"()`);
  }
}

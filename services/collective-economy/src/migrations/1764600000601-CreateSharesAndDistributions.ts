import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shareholders, their share movements (issues and transfers: the register at any date is their
 * sum, so history is never lost; movements are append-only), each organisation's community share
 * rate, and the annual distributions with their allocations.
 */
export class CreateSharesAndDistributions1764600000601 implements MigrationInterface {
  name = 'CreateSharesAndDistributions1764600000601';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const organisation = tableOf(runner, 'collective_organisation');
    const shareholder = tableOf(runner, 'shareholder');
    const movement = tableOf(runner, 'share_movement');
    const distribution = tableOf(runner, 'distribution');
    const allocation = tableOf(runner, 'distribution_allocation');
    await runner.query(`ALTER TABLE ${organisation} ADD "community_share_bp" integer NOT NULL DEFAULT 2000`);
    await runner.query(
      `ALTER TABLE ${organisation} ADD CONSTRAINT "collective_organisation_share_rate_check" CHECK ("community_share_bp" BETWEEN 0 AND 10000)`,
    );
    await runner.query(`CREATE TABLE ${shareholder} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "name" varchar(50) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "shareholder_organisation_idx" ON ${shareholder} ("organisation_id")`);
    await runner.query(`CREATE TABLE ${movement} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "shareholder_id" uuid NOT NULL,
      "effective_on" date NOT NULL,
      "shares" bigint NOT NULL,
      "capital_fen" bigint NOT NULL,
      "kind" varchar(20) NOT NULL,
      "transfer_id" uuid,
      "recorded_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "share_movement_shares_check" CHECK ("shares" <> 0)
    )`);
    await runner.query(`CREATE INDEX "share_movement_organisation_day_idx" ON ${movement} ("organisation_id", "effective_on")`);
    await runner.query(`CREATE FUNCTION ${schema}."share_movement_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'share movements are append-only (% refused): record a transfer instead', TG_OP;
      END
    $$`);
    await runner.query(
      `CREATE TRIGGER "share_movement_no_change" BEFORE UPDATE OR DELETE ON ${movement} FOR EACH ROW EXECUTE FUNCTION ${schema}."share_movement_append_only"()`,
    );
    await runner.query(
      `CREATE TRIGGER "share_movement_no_truncate" BEFORE TRUNCATE ON ${movement} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."share_movement_append_only"()`,
    );
    await runner.query(`CREATE TABLE ${distribution} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "year" integer NOT NULL,
      "record_date" date NOT NULL,
      "status" varchar(20) NOT NULL,
      "income_fen" bigint NOT NULL,
      "expense_fen" bigint NOT NULL,
      "community_share_bp" integer NOT NULL,
      "community_share_fen" bigint NOT NULL,
      "shareholders_fen" bigint NOT NULL,
      "nothing_to_distribute" boolean NOT NULL,
      "drafted_by" varchar(200) NOT NULL,
      "reviewed_by" varchar(200),
      "approved_by" varchar(200),
      "posted_entry_id" uuid,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "distribution_four_eyes_check" CHECK ("approved_by" IS NULL OR "approved_by" <> "drafted_by")
    )`);
    // One distribution per organisation and year: a year is never distributed twice.
    await runner.query(`CREATE UNIQUE INDEX "distribution_organisation_year_key" ON ${distribution} ("organisation_id", "year")`);
    await runner.query(`CREATE TABLE ${allocation} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "distribution_id" uuid NOT NULL,
      "shareholder_id" uuid NOT NULL,
      "shares" bigint NOT NULL,
      "amount_fen" bigint NOT NULL
    )`);
    await runner.query(`CREATE UNIQUE INDEX "distribution_allocation_key" ON ${allocation} ("distribution_id", "shareholder_id")`);
    await runner.query(`CREATE INDEX "distribution_allocation_shareholder_idx" ON ${allocation} ("shareholder_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['distribution_allocation', 'distribution', 'share_movement', 'shareholder'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
    await runner.query(`DROP FUNCTION "${schemaOf(runner.connection)}"."share_movement_append_only"()`);
    await runner.query(
      `ALTER TABLE ${tableOf(runner, 'collective_organisation')} DROP CONSTRAINT "collective_organisation_share_rate_check"`,
    );
    await runner.query(`ALTER TABLE ${tableOf(runner, 'collective_organisation')} DROP COLUMN "community_share_bp"`);
  }
}

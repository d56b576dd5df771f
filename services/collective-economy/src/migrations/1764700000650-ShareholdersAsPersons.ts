import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shareholders become persons (PIPL): a phone and a resident ID number (encrypted, with a keyed
 * look-up hash, as the grid keeps household members) and the resident account (token subject) that
 * sees its own record. Shareholders registered before hold a name only: their new columns stay
 * empty until staff complete them (`updateShareholder`), nothing is invented. Distributions record
 * when each step was taken; a posting made before is dated from its ledger entry. Community share
 * rates set per year are kept as an append-only history.
 */
export class ShareholdersAsPersons1764700000650 implements MigrationInterface {
  name = 'ShareholdersAsPersons1764700000650';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const shareholder = tableOf(runner, 'shareholder');
    const distribution = tableOf(runner, 'distribution');
    const rate = tableOf(runner, 'community_share_rate');
    await runner.query(`ALTER TABLE ${shareholder}
      ADD "phone" varchar(20),
      ADD "resident_id_cipher" text,
      ADD "resident_id_hash" varchar(64),
      ADD "account_subject" varchar(200),
      ADD CONSTRAINT "shareholder_resident_id_check" CHECK (("resident_id_cipher" IS NULL) = ("resident_id_hash" IS NULL))`);
    // One person is one shareholder of an organisation; one resident account is linked to one of its records.
    await runner.query(
      `CREATE UNIQUE INDEX "shareholder_resident_id_key" ON ${shareholder} ("organisation_id", "resident_id_hash") WHERE "resident_id_hash" IS NOT NULL`,
    );
    // Leads with the subject: a resident's own records are found by it.
    await runner.query(
      `CREATE UNIQUE INDEX "shareholder_account_key" ON ${shareholder} ("account_subject", "organisation_id") WHERE "account_subject" IS NOT NULL`,
    );

    await runner.query(
      `ALTER TABLE ${distribution} ADD "reviewed_at" timestamptz, ADD "approved_at" timestamptz, ADD "posted_at" timestamptz`,
    );
    await runner.query(`UPDATE ${distribution} d SET "posted_at" = e."created_at"
      FROM ${tableOf(runner, 'ledger_entry')} e WHERE e."id" = d."posted_entry_id"`);

    await runner.query(`CREATE TABLE ${rate} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "from_year" integer NOT NULL,
      "basis_points" integer NOT NULL,
      "set_by" varchar(200) NOT NULL,
      "set_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "community_share_rate_basis_points_check" CHECK ("basis_points" BETWEEN 0 AND 10000)
    )`);
    await runner.query(`CREATE INDEX "community_share_rate_organisation_idx" ON ${rate} ("organisation_id", "from_year")`);
    await runner.query(
      `ALTER TABLE ${rate} ADD CONSTRAINT "community_share_rate_organisation_fk" FOREIGN KEY ("organisation_id") REFERENCES ${tableOf(runner, 'collective_organisation')} ("id")`,
    );
    await runner.query(`CREATE FUNCTION ${schema}."community_share_rate_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'community share rates are append-only (% refused): set a new rate instead', TG_OP;
      END
    $$`);
    await runner.query(
      `CREATE TRIGGER "community_share_rate_no_change" BEFORE UPDATE OR DELETE ON ${rate} FOR EACH ROW EXECUTE FUNCTION ${schema}."community_share_rate_append_only"()`,
    );
    await runner.query(
      `CREATE TRIGGER "community_share_rate_no_truncate" BEFORE TRUNCATE ON ${rate} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."community_share_rate_append_only"()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const shareholder = tableOf(runner, 'shareholder');
    await runner.query(`DROP TABLE ${tableOf(runner, 'community_share_rate')}`);
    await runner.query(`DROP FUNCTION "${schemaOf(runner.connection)}"."community_share_rate_append_only"()`);
    await runner.query(
      `ALTER TABLE ${tableOf(runner, 'distribution')} DROP COLUMN "reviewed_at", DROP COLUMN "approved_at", DROP COLUMN "posted_at"`,
    );
    await runner.query(`DROP INDEX ${tableOf(runner, 'shareholder_account_key')}`);
    await runner.query(`DROP INDEX ${tableOf(runner, 'shareholder_resident_id_key')}`);
    await runner.query(`ALTER TABLE ${shareholder} DROP CONSTRAINT "shareholder_resident_id_check",
      DROP COLUMN "phone", DROP COLUMN "resident_id_cipher", DROP COLUMN "resident_id_hash", DROP COLUMN "account_subject"`);
  }
}

import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rent reductions (租金减免): a charge raised is corrected by an append-only reduction with its reason
 * and its own adjusting ledger entry, never by changing the charge's amount. The charge keeps a
 * running total of what was taken off (as it keeps what was paid), and the two together never pass
 * its amount.
 */
export class RentReductions1764800000600 implements MigrationInterface {
  name = 'RentReductions1764800000600';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const charge = tableOf(runner, 'rent_charge');
    const reduction = tableOf(runner, 'rent_reduction');
    // Every charge raised so far has had nothing taken off; new ones are written with their own figure.
    await runner.query(`ALTER TABLE ${charge} ADD "reduced_fen" bigint NOT NULL DEFAULT 0`);
    await runner.query(`ALTER TABLE ${charge} ALTER COLUMN "reduced_fen" DROP DEFAULT`);
    await runner.query(`ALTER TABLE ${charge} DROP CONSTRAINT "rent_charge_paid_check"`);
    await runner.query(
      `ALTER TABLE ${charge} ADD CONSTRAINT "rent_charge_paid_check" CHECK ("paid_fen" >= 0 AND "reduced_fen" >= 0 AND "paid_fen" + "reduced_fen" <= "amount_fen")`,
    );
    await runner.query(`CREATE TABLE ${reduction} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "charge_id" uuid NOT NULL,
      "reduced_on" date NOT NULL,
      "amount_fen" bigint NOT NULL,
      "reason" varchar(1000) NOT NULL,
      "entry_id" uuid NOT NULL,
      "recorded_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "rent_reduction_amount_check" CHECK ("amount_fen" > 0)
    )`);
    await runner.query(`CREATE INDEX "rent_reduction_charge_idx" ON ${reduction} ("charge_id")`);
    await runner.query(`CREATE UNIQUE INDEX "rent_reduction_entry_key" ON ${reduction} ("entry_id")`);
    await runner.query(
      `CREATE TRIGGER "rent_reduction_no_change" BEFORE UPDATE OR DELETE ON ${reduction} FOR EACH ROW EXECUTE FUNCTION ${schema}."collective_record_append_only"()`,
    );
    await runner.query(
      `CREATE TRIGGER "rent_reduction_no_truncate" BEFORE TRUNCATE ON ${reduction} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."collective_record_append_only"()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const charge = tableOf(runner, 'rent_charge');
    await runner.query(`DROP TABLE ${tableOf(runner, 'rent_reduction')}`);
    await runner.query(`ALTER TABLE ${charge} DROP CONSTRAINT "rent_charge_paid_check"`);
    await runner.query(`ALTER TABLE ${charge} DROP COLUMN "reduced_fen"`);
    await runner.query(
      `ALTER TABLE ${charge} ADD CONSTRAINT "rent_charge_paid_check" CHECK ("paid_fen" >= 0 AND "paid_fen" <= "amount_fen")`,
    );
  }
}

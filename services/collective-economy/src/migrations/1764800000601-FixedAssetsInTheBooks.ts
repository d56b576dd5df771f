import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fixed assets in the books: each posting of an asset (registration, change, a month's
 * depreciation, disposal) links its ledger entry to the asset with what it moved, append-only; a
 * month's depreciation is posted once per asset. Assets registered before are brought into the books
 * by the first monthly depreciation run (as a registration), not here: a migration posts nothing.
 */
export class FixedAssetsInTheBooks1764800000601 implements MigrationInterface {
  name = 'FixedAssetsInTheBooks1764800000601';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const posting = tableOf(runner, 'capital_posting');
    await runner.query(`CREATE TABLE ${posting} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "capital_id" uuid NOT NULL,
      "mode" varchar(12) NOT NULL,
      "month" varchar(7),
      "entry_id" uuid NOT NULL,
      "cost_fen" bigint NOT NULL,
      "depreciation_fen" bigint NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "capital_posting_capital_idx" ON ${posting} ("capital_id")`);
    await runner.query(`CREATE UNIQUE INDEX "capital_posting_entry_key" ON ${posting} ("entry_id")`);
    // One depreciation posting per asset and month: the monthly run's idempotency rests on it.
    await runner.query(`CREATE UNIQUE INDEX "capital_posting_month_key" ON ${posting} ("capital_id", "month") WHERE "month" IS NOT NULL`);
    await runner.query(
      `CREATE TRIGGER "capital_posting_no_change" BEFORE UPDATE OR DELETE ON ${posting} FOR EACH ROW EXECUTE FUNCTION ${schema}."collective_record_append_only"()`,
    );
    await runner.query(
      `CREATE TRIGGER "capital_posting_no_truncate" BEFORE TRUNCATE ON ${posting} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."collective_record_append_only"()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'capital_posting')}`);
  }
}

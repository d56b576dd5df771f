import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The three capitals (三资) and their histories, leases, rent charges and rent payments. Capitals,
 * their histories and payments are append-only (database triggers, as the ledger); a rent charge is
 * unique per lease and month, so the monthly job raises it once however often it runs, and its paid
 * amount never passes its amount.
 */
export class CreateCapitalsAndLeases1764700000600 implements MigrationInterface {
  name = 'CreateCapitalsAndLeases1764700000600';

  async up(runner: QueryRunner): Promise<void> {
    const schema = `"${schemaOf(runner.connection)}"`;
    const capital = tableOf(runner, 'capital');
    const change = tableOf(runner, 'capital_change');
    const lease = tableOf(runner, 'lease');
    const charge = tableOf(runner, 'rent_charge');
    const payment = tableOf(runner, 'rent_payment');
    await runner.query(`CREATE TABLE ${capital} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "category" varchar(10) NOT NULL,
      "kind" varchar(20) NOT NULL,
      "name" varchar(100) NOT NULL,
      "location" varchar(200),
      "acquired_on" date NOT NULL,
      "useful_life_months" integer,
      "residual_rate_bp" integer,
      "registered_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "capital_depreciation_check" CHECK (("category" = 'ASSET') = ("useful_life_months" IS NOT NULL AND "residual_rate_bp" IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX "capital_organisation_category_idx" ON ${capital} ("organisation_id", "category")`);
    await runner.query(`CREATE TABLE ${change} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "capital_id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "kind" varchar(10) NOT NULL,
      "effective_on" date NOT NULL,
      "amount_fen" bigint NOT NULL,
      "reason" varchar(1000) NOT NULL,
      "recorded_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "capital_change_amount_check" CHECK ("amount_fen" >= 0 AND ("kind" = 'DISPOSED') = ("amount_fen" = 0))
    )`);
    await runner.query(`CREATE INDEX "capital_change_capital_day_idx" ON ${change} ("capital_id", "effective_on")`);
    await runner.query(`CREATE TABLE ${lease} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "capital_id" uuid NOT NULL,
      "tenant_kind" varchar(20) NOT NULL,
      "tenant_name" varchar(100) NOT NULL,
      "tenant_phone" varchar(20),
      "starts_on" date NOT NULL,
      "ends_on" date NOT NULL,
      "monthly_rent_fen" bigint NOT NULL,
      "due_day" integer NOT NULL,
      "terminated_on" date,
      "termination_reason" varchar(1000),
      "created_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "lease_term_check" CHECK ("ends_on" >= "starts_on"),
      CONSTRAINT "lease_rent_check" CHECK ("monthly_rent_fen" > 0),
      CONSTRAINT "lease_due_day_check" CHECK ("due_day" BETWEEN 1 AND 28),
      CONSTRAINT "lease_termination_check" CHECK (("terminated_on" IS NULL) = ("termination_reason" IS NULL)
        AND ("terminated_on" IS NULL OR "terminated_on" BETWEEN "starts_on" AND "ends_on"))
    )`);
    await runner.query(`CREATE INDEX "lease_organisation_idx" ON ${lease} ("organisation_id")`);
    await runner.query(`CREATE INDEX "lease_capital_idx" ON ${lease} ("capital_id")`);
    await runner.query(`CREATE TABLE ${charge} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "lease_id" uuid NOT NULL,
      "month" varchar(7) NOT NULL,
      "raised_on" date NOT NULL,
      "due_on" date NOT NULL,
      "amount_fen" bigint NOT NULL,
      "paid_fen" bigint NOT NULL,
      "entry_id" uuid NOT NULL,
      "overdue_since" date,
      "settled_on" date,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "rent_charge_paid_check" CHECK ("paid_fen" >= 0 AND "paid_fen" <= "amount_fen"),
      CONSTRAINT "rent_charge_amount_check" CHECK ("amount_fen" > 0)
    )`);
    // One charge per lease and month: the job's idempotency rests on it.
    await runner.query(`CREATE UNIQUE INDEX "rent_charge_lease_month_key" ON ${charge} ("lease_id", "month")`);
    await runner.query(`CREATE INDEX "rent_charge_organisation_due_idx" ON ${charge} ("organisation_id", "due_on")`);
    await runner.query(`CREATE TABLE ${payment} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "charge_id" uuid NOT NULL,
      "paid_on" date NOT NULL,
      "amount_fen" bigint NOT NULL,
      "entry_id" uuid NOT NULL,
      "recorded_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "rent_payment_amount_check" CHECK ("amount_fen" > 0)
    )`);
    await runner.query(`CREATE INDEX "rent_payment_charge_idx" ON ${payment} ("charge_id")`);

    await runner.query(`CREATE FUNCTION ${schema}."collective_record_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused): record a change instead', TG_TABLE_NAME, TG_OP;
      END
    $$`);
    for (const [table, name] of [
      [capital, 'capital'],
      [change, 'capital_change'],
      [payment, 'rent_payment'],
    ] as const) {
      await runner.query(
        `CREATE TRIGGER "${name}_no_change" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${schema}."collective_record_append_only"()`,
      );
      await runner.query(
        `CREATE TRIGGER "${name}_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}."collective_record_append_only"()`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['rent_payment', 'rent_charge', 'lease', 'capital_change', 'capital'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
    await runner.query(`DROP FUNCTION "${schemaOf(runner.connection)}"."collective_record_append_only"()`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Property disputes (物业纠纷, "3+X" mediation) on compounds, their mediating bodies and their steps. */
export class CreatePropertyDispute1764700000450 implements MigrationInterface {
  name = 'CreatePropertyDispute1764700000450';

  async up(runner: QueryRunner): Promise<void> {
    const dispute = tableOf(runner, 'property_dispute');
    await runner.query(`CREATE TABLE ${dispute} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "compound_id" uuid NOT NULL,
      "company_id" uuid,
      "category" varchar(30) NOT NULL,
      "summary" text NOT NULL,
      "filed_on" date NOT NULL,
      "status" varchar(20) NOT NULL,
      "outcome" varchar(30),
      "outcome_note" text,
      "closed_on" date,
      "filed_by" varchar(200) NOT NULL,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "property_dispute_compound_id_fkey" FOREIGN KEY ("compound_id") REFERENCES ${tableOf(runner, 'residential_compound')} ("id"),
      CONSTRAINT "property_dispute_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES ${tableOf(runner, 'property_company')} ("id"),
      CONSTRAINT "property_dispute_status_check" CHECK ("status" IN ('FILED', 'MEDIATING', 'CLOSED')),
      CONSTRAINT "property_dispute_closed_check" CHECK (("status" = 'CLOSED') = ("outcome" IS NOT NULL AND "closed_on" IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX "property_dispute_region_idx" ON ${dispute} ("region_code", "filed_on")`);
    await runner.query(`CREATE INDEX "property_dispute_company_idx" ON ${dispute} ("company_id", "status")`);
    await runner.query(`CREATE INDEX "property_dispute_compound_idx" ON ${dispute} ("compound_id")`);
    await runner.query(`CREATE TABLE ${tableOf(runner, 'property_dispute_mediator')} (
      "dispute_id" uuid NOT NULL,
      "position" integer NOT NULL,
      "kind" varchar(30) NOT NULL,
      "body" varchar(100),
      PRIMARY KEY ("dispute_id", "position"),
      CONSTRAINT "property_dispute_mediator_dispute_id_fkey" FOREIGN KEY ("dispute_id") REFERENCES ${dispute} ("id")
    )`);
    await runner.query(`CREATE TABLE ${tableOf(runner, 'property_dispute_step')} (
      "dispute_id" uuid NOT NULL,
      "sequence" integer NOT NULL,
      "status" varchar(20) NOT NULL,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("dispute_id", "sequence"),
      CONSTRAINT "property_dispute_step_dispute_id_fkey" FOREIGN KEY ("dispute_id") REFERENCES ${dispute} ("id")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['property_dispute_step', 'property_dispute_mediator', 'property_dispute'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
  }
}

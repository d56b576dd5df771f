import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Random inspection draws (双随机一公开) with their seeds, candidates and picks, and the findings per drawn company. */
export class CreateRandomInspection1764700000460 implements MigrationInterface {
  name = 'CreateRandomInspection1764700000460';

  async up(runner: QueryRunner): Promise<void> {
    const draw = tableOf(runner, 'random_inspection_draw');
    const finding = tableOf(runner, 'random_inspection_finding');
    await runner.query(`CREATE TABLE ${draw} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "title" varchar(100) NOT NULL,
      "seed" varchar(100) NOT NULL,
      "candidate_company_ids" jsonb NOT NULL,
      "candidate_inspectors" jsonb NOT NULL,
      "drawn_company_ids" jsonb NOT NULL,
      "drawn_inspectors" jsonb NOT NULL,
      "drawn_by" varchar(200) NOT NULL,
      "drawn_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz,
      "version" int NOT NULL DEFAULT 1
    )`);
    await runner.query(`CREATE INDEX "random_inspection_draw_region_idx" ON ${draw} ("region_code", "drawn_at")`);
    await runner.query(`CREATE TABLE ${finding} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "draw_id" uuid NOT NULL,
      "company_id" uuid NOT NULL,
      "inspected_on" date NOT NULL,
      "result" varchar(30) NOT NULL,
      "note" text,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "random_inspection_finding_draw_id_fkey" FOREIGN KEY ("draw_id") REFERENCES ${draw} ("id"),
      CONSTRAINT "random_inspection_finding_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES ${tableOf(runner, 'property_company')} ("id"),
      CONSTRAINT "random_inspection_finding_result_check" CHECK ("result" IN ('NO_PROBLEM', 'RECTIFICATION_REQUIRED', 'SERIOUS_VIOLATION'))
    )`);
    // One finding per drawn company and draw: a second is a CONFLICT, not a silent replacement.
    await runner.query(`CREATE UNIQUE INDEX "random_inspection_finding_draw_company_key" ON ${finding} ("draw_id", "company_id")`);
    await runner.query(`CREATE INDEX "random_inspection_finding_company_idx" ON ${finding} ("company_id", "inspected_on")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'random_inspection_finding')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'random_inspection_draw')}`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases residents filed on compounds, from the grid's events (the residents' voice). */
export class CreateCompoundComplaint1764700000402 implements MigrationInterface {
  name = 'CreateCompoundComplaint1764700000402';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'compound_complaint');
    await runner.query(`CREATE TABLE ${t} (
      "case_id" uuid PRIMARY KEY,
      "region_code" varchar(12) NOT NULL,
      "compound_id" uuid NOT NULL,
      "category" varchar(50) NOT NULL,
      "reported_at" timestamptz NOT NULL,
      "deadline_at" timestamptz NOT NULL,
      "resolved_at" timestamptz,
      "in_time" boolean
    )`);
    await runner.query(`CREATE INDEX "compound_complaint_compound_idx" ON ${t} ("compound_id", "reported_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'compound_complaint')}`);
  }
}

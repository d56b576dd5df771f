import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Double reports get an optimistic version and an append-only history of their lifecycle steps
 * (`applyVersionedChange`): existing reports start at version 0 with no history rows.
 */
export class DoubleReportHistory1764500000100 implements MigrationInterface {
  name = 'DoubleReportHistory1764500000100';

  async up(runner: QueryRunner): Promise<void> {
    const report = tableOf(runner, 'double_report');
    const event = tableOf(runner, 'double_report_event');
    await runner.query(`ALTER TABLE ${report} ADD COLUMN "version" integer NOT NULL DEFAULT 0`);
    await runner.query(`CREATE TABLE ${event} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "double_report_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "action" varchar(20) NOT NULL,
      "from_status" varchar(20) NOT NULL,
      "to_status" varchar(20) NOT NULL,
      "actor" varchar(200) NOT NULL,
      "occurred_at" timestamptz NOT NULL,
      CONSTRAINT "double_report_event_double_report_id_fkey" FOREIGN KEY ("double_report_id") REFERENCES ${report} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "double_report_event_report_version_key" ON ${event} ("double_report_id", "version")`);
    await runner.query(`CREATE INDEX "double_report_event_region_idx" ON ${event} ("region_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'double_report_event')}`);
    await runner.query(`ALTER TABLE ${tableOf(runner, 'double_report')} DROP COLUMN "version"`);
  }
}

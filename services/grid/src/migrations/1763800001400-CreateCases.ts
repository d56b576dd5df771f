import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents' cases (民情事件) with their history, escalations and whistles (吹哨报到), the
 * per-county case policy (deadlines by class, quiet and reopen periods), and gridworkers' visits.
 */
export class CreateCases1763800001400 implements MigrationInterface {
  name = 'CreateCases1763800001400';

  async up(runner: QueryRunner): Promise<void> {
    const grid = tableOf(runner, 'grid');
    const household = tableOf(runner, 'household');
    const policy = tableOf(runner, 'case_policy');
    const gridCase = tableOf(runner, 'grid_case');
    const event = tableOf(runner, 'case_event');
    const escalation = tableOf(runner, 'case_escalation');
    const whistle = tableOf(runner, 'case_whistle');
    const visit = tableOf(runner, 'visit');

    await runner.query(`CREATE TABLE ${policy} (
      "county_code" varchar(6) PRIMARY KEY,
      "small_hours" integer NOT NULL,
      "big_hours" integer NOT NULL,
      "hard_hours" integer NOT NULL,
      "urgent_hours" integer NOT NULL,
      "auto_close_days" integer NOT NULL,
      "reopen_days" integer NOT NULL,
      "updated_by" varchar(200) NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);

    await runner.query(`CREATE TABLE ${gridCase} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "grid_id" uuid NOT NULL,
      "household_id" uuid,
      "compound" varchar(100),
      "reporter_subject" varchar(200) NOT NULL,
      "reporter_name" varchar(50) NOT NULL,
      "reporter_kind" varchar(20) NOT NULL,
      "channel" varchar(20) NOT NULL,
      "category" varchar(50) NOT NULL,
      "description" text NOT NULL,
      "severity" varchar(10) NOT NULL,
      "handling_level" varchar(12) NOT NULL,
      "status" varchar(12) NOT NULL,
      "assignee_subject" varchar(200),
      "assignee_name" varchar(50),
      "deadline_at" timestamptz NOT NULL,
      "reported_at" timestamptz NOT NULL,
      "resolved_at" timestamptz,
      "closed_at" timestamptz,
      "rating" smallint,
      "rating_comment" text,
      "rejection_reason" text,
      "idempotency_key" varchar(100),
      "version" integer NOT NULL,
      CONSTRAINT "grid_case_grid_id_fkey" FOREIGN KEY ("grid_id") REFERENCES ${grid} ("id"),
      CONSTRAINT "grid_case_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES ${household} ("id"),
      CONSTRAINT "grid_case_rating_check" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5)
    )`);
    await runner.query(`CREATE INDEX "grid_case_region_idx" ON ${gridCase} ("region_code")`);
    await runner.query(`CREATE INDEX "grid_case_grid_idx" ON ${gridCase} ("grid_id")`);
    await runner.query(`CREATE INDEX "grid_case_status_deadline_idx" ON ${gridCase} ("status", "deadline_at")`);
    // A retried report (same reporter, same key) finds the first case instead of creating a second.
    await runner.query(`CREATE UNIQUE INDEX "grid_case_idempotency_key" ON ${gridCase} ("reporter_subject", "idempotency_key")`);

    await runner.query(`CREATE TABLE ${event} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "sequence" integer NOT NULL,
      "action" varchar(20) NOT NULL,
      "actor_subject" varchar(200) NOT NULL,
      "actor_name" varchar(50) NOT NULL,
      "occurred_at" timestamptz NOT NULL,
      "from_status" varchar(12),
      "to_status" varchar(12) NOT NULL,
      "from_level" varchar(12),
      "to_level" varchar(12) NOT NULL,
      "note" text,
      CONSTRAINT "case_event_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES ${gridCase} ("id")
    )`);
    // One event per version of a case: the history cannot fork, whatever runs concurrently.
    await runner.query(`CREATE UNIQUE INDEX "case_event_sequence_key" ON ${event} ("case_id", "sequence")`);

    await runner.query(`CREATE TABLE ${escalation} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "missed_deadline_at" timestamptz NOT NULL,
      "from_level" varchar(12) NOT NULL,
      "to_level" varchar(12) NOT NULL,
      "reason" text NOT NULL,
      "automatic" boolean NOT NULL,
      "escalated_by" varchar(200) NOT NULL,
      "escalated_at" timestamptz NOT NULL,
      CONSTRAINT "case_escalation_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES ${gridCase} ("id")
    )`);
    // A deadline is escalated at most once, however many job runs see it overdue.
    await runner.query(`CREATE UNIQUE INDEX "case_escalation_deadline_key" ON ${escalation} ("case_id", "missed_deadline_at")`);

    await runner.query(`CREATE TABLE ${whistle} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "department" varchar(100) NOT NULL,
      "blown_by" varchar(200) NOT NULL,
      "blown_at" timestamptz NOT NULL,
      "answer_by" timestamptz NOT NULL,
      "answered_at" timestamptz,
      "answered_by" varchar(200),
      "answer_action" text,
      "flagged_at" timestamptz,
      CONSTRAINT "case_whistle_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES ${gridCase} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "case_whistle_department_key" ON ${whistle} ("case_id", "department")`);
    await runner.query(`CREATE INDEX "case_whistle_answer_by_idx" ON ${whistle} ("answer_by")`);

    await runner.query(`CREATE TABLE ${visit} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "grid_id" uuid NOT NULL,
      "household_id" uuid NOT NULL,
      "visitor_subject" varchar(200) NOT NULL,
      "visitor_name" varchar(50) NOT NULL,
      "visited_at" timestamptz NOT NULL,
      "note" text NOT NULL,
      "case_id" uuid,
      CONSTRAINT "visit_grid_id_fkey" FOREIGN KEY ("grid_id") REFERENCES ${grid} ("id"),
      CONSTRAINT "visit_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES ${household} ("id"),
      CONSTRAINT "visit_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES ${gridCase} ("id")
    )`);
    await runner.query(`CREATE INDEX "visit_household_idx" ON ${visit} ("household_id", "visited_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['visit', 'case_whistle', 'case_escalation', 'case_event', 'grid_case', 'case_policy'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
  }
}

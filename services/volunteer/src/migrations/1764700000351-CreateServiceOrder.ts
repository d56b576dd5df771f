import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateServiceOrder1764700000351 implements MigrationInterface {
  name = 'CreateServiceOrder1764700000351';

  async up(runner: QueryRunner): Promise<void> {
    const order = tableOf(runner, 'service_order');
    const event = tableOf(runner, 'service_order_event');
    const flag = tableOf(runner, 'service_order_flag');
    await runner.query(`CREATE TABLE ${order} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "category" varchar(20) NOT NULL,
      "description" varchar(500) NOT NULL,
      "grid_id" uuid,
      "state" varchar(20) NOT NULL,
      "state_since" timestamptz NOT NULL,
      "version" integer NOT NULL,
      "orderer_subject" varchar(200) NOT NULL,
      "taker_id" uuid,
      "placed_at" timestamptz NOT NULL,
      "dispatched_at" timestamptz,
      "accepted_at" timestamptz,
      "done_at" timestamptz,
      "rated_at" timestamptz,
      "rating" smallint,
      "rating_comment" varchar(500),
      CONSTRAINT "service_order_rating_check" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5),
      CONSTRAINT "service_order_taker_id_fkey" FOREIGN KEY ("taker_id") REFERENCES ${tableOf(runner, 'service_taker')} ("id")
    )`);
    await runner.query(`CREATE INDEX "service_order_region_idx" ON ${order} ("region_code", "placed_at", "id")`);
    await runner.query(`CREATE INDEX "service_order_taker_idx" ON ${order} ("taker_id", "state")`);
    await runner.query(`CREATE INDEX "service_order_orderer_idx" ON ${order} ("orderer_subject", "placed_at")`);
    await runner.query(`CREATE TABLE ${event} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "order_id" uuid NOT NULL,
      "version" integer NOT NULL,
      "action" varchar(20) NOT NULL,
      "from_state" varchar(20),
      "to_state" varchar(20) NOT NULL,
      "taker_id" uuid,
      "actor_subject" varchar(200) NOT NULL,
      "note" varchar(500),
      "occurred_at" timestamptz NOT NULL,
      CONSTRAINT "service_order_event_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES ${order} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "service_order_event_order_key" ON ${event} ("order_id", "version")`);
    await runner.query(`CREATE TABLE ${flag} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "order_id" uuid NOT NULL,
      "stage" varchar(20) NOT NULL,
      "stage_since" timestamptz NOT NULL,
      "due_at" timestamptz NOT NULL,
      "flagged_at" timestamptz NOT NULL,
      CONSTRAINT "service_order_flag_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES ${order} ("id")
    )`);
    // Once per stage and per time the stage began: the overdue job's runs flag nothing twice.
    await runner.query(`CREATE UNIQUE INDEX "service_order_flag_key" ON ${flag} ("order_id", "stage", "stage_since")`);
    await runner.query(`CREATE INDEX "service_order_flag_region_idx" ON ${flag} ("region_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'service_order_flag')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'service_order_event')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'service_order')}`);
  }
}

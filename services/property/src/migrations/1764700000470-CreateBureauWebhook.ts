import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The housing bureau's webhook endpoints, their signing secrets, the messages to them and every attempt. */
export class CreateBureauWebhook1764700000470 implements MigrationInterface {
  name = 'CreateBureauWebhook1764700000470';

  async up(runner: QueryRunner): Promise<void> {
    const webhook = tableOf(runner, 'bureau_webhook');
    const secret = tableOf(runner, 'bureau_webhook_secret');
    const delivery = tableOf(runner, 'bureau_webhook_delivery');
    const attempt = tableOf(runner, 'bureau_webhook_attempt');
    await runner.query(`CREATE TABLE ${webhook} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "url" varchar(2000) NOT NULL,
      "description" varchar(200),
      "registered_by" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "disabled_at" timestamptz,
      "version" int NOT NULL DEFAULT 1
    )`);
    await runner.query(`CREATE INDEX "bureau_webhook_region_idx" ON ${webhook} ("region_code")`);
    await runner.query(`CREATE TABLE ${secret} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "webhook_id" uuid NOT NULL,
      "secret_cipher" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "retires_at" timestamptz,
      CONSTRAINT "bureau_webhook_secret_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES ${webhook} ("id")
    )`);
    await runner.query(`CREATE INDEX "bureau_webhook_secret_webhook_idx" ON ${secret} ("webhook_id", "created_at")`);
    await runner.query(`CREATE TABLE ${delivery} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "webhook_id" uuid NOT NULL,
      "event_type" varchar(100) NOT NULL,
      "event_id" uuid NOT NULL,
      "body" text NOT NULL,
      "status" varchar(20) NOT NULL,
      "attempt_count" int NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "delivered_at" timestamptz,
      CONSTRAINT "bureau_webhook_delivery_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES ${webhook} ("id"),
      CONSTRAINT "bureau_webhook_delivery_status_check" CHECK ("status" IN ('PENDING', 'DELIVERED', 'FAILED'))
    )`);
    // One message per endpoint and event: a replayed event (at-least-once delivery) adds nothing.
    await runner.query(`CREATE UNIQUE INDEX "bureau_webhook_delivery_event_key" ON ${delivery} ("webhook_id", "event_id")`);
    await runner.query(`CREATE INDEX "bureau_webhook_delivery_webhook_idx" ON ${delivery} ("webhook_id", "created_at")`);
    await runner.query(`CREATE TABLE ${attempt} (
      "delivery_id" uuid NOT NULL,
      "attempt" int NOT NULL,
      "attempted_at" timestamptz NOT NULL,
      "webhook_timestamp" bigint NOT NULL,
      "signatures" int NOT NULL,
      "outcome" varchar(20) NOT NULL,
      "status_code" int,
      "error" text,
      "duration_ms" int,
      PRIMARY KEY ("delivery_id", "attempt"),
      CONSTRAINT "bureau_webhook_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES ${delivery} ("id")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['bureau_webhook_attempt', 'bureau_webhook_delivery', 'bureau_webhook_secret', 'bureau_webhook'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
  }
}

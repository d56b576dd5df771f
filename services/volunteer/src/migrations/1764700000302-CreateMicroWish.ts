import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Micro-wishes (微心愿) and their append-only history. */
export class CreateMicroWish1764700000302 implements MigrationInterface {
  name = 'CreateMicroWish1764700000302';

  async up(runner: QueryRunner): Promise<void> {
    const wish = tableOf(runner, 'micro_wish');
    const step = tableOf(runner, 'micro_wish_step');
    await runner.query(`CREATE TABLE ${wish} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "title" varchar(100) NOT NULL,
      "description" varchar(1000),
      "status" varchar(12) NOT NULL,
      "poster_subject" varchar(200) NOT NULL,
      "on_behalf" boolean NOT NULL DEFAULT false,
      "posted_at" timestamptz NOT NULL,
      "claimant_kind" varchar(20),
      "claimant_name" varchar(100),
      "claimant_subject" varchar(200),
      "claimed_at" timestamptz,
      "claim_expires_at" timestamptz,
      "fulfilled_at" timestamptz,
      "evidence" varchar(1000),
      "confirmed_at" timestamptz,
      "version" int NOT NULL DEFAULT 1,
      CONSTRAINT "micro_wish_claimant_check" CHECK (("status" = 'ON_WALL') = ("claimant_kind" IS NULL))
    )`);
    await runner.query(`CREATE INDEX "micro_wish_region_status_idx" ON ${wish} ("region_code", "status")`);
    await runner.query(`CREATE INDEX "micro_wish_claim_expiry_idx" ON ${wish} ("claim_expires_at") WHERE "status" = 'CLAIMED'`);
    await runner.query(`CREATE TABLE ${step} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "wish_id" uuid NOT NULL,
      "version" int NOT NULL,
      "action" varchar(20) NOT NULL,
      "from_status" varchar(12),
      "to_status" varchar(12) NOT NULL,
      "actor_subject" varchar(200) NOT NULL,
      "at" timestamptz NOT NULL,
      CONSTRAINT "micro_wish_step_wish_id_fkey" FOREIGN KEY ("wish_id") REFERENCES ${wish} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "micro_wish_step_key" ON ${step} ("wish_id", "version")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'micro_wish_step')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'micro_wish')}`);
  }
}

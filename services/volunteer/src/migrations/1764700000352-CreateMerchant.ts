import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMerchant1764700000352 implements MigrationInterface {
  name = 'CreateMerchant1764700000352';

  async up(runner: QueryRunner): Promise<void> {
    const merchant = tableOf(runner, 'merchant');
    const reward = tableOf(runner, 'merchant_reward');
    const redemption = tableOf(runner, 'reward_redemption');
    await runner.query(`CREATE TABLE ${merchant} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "account_subject" varchar(200) NOT NULL,
      "registered_at" timestamptz NOT NULL
    )`);
    await runner.query(`CREATE UNIQUE INDEX "merchant_region_name_key" ON ${merchant} ("region_code", "name")`);
    await runner.query(`CREATE TABLE ${reward} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "merchant_id" uuid NOT NULL,
      "name" varchar(100) NOT NULL,
      "price_minutes" int NOT NULL,
      "stock" int NOT NULL,
      "offered_at" timestamptz NOT NULL,
      CONSTRAINT "merchant_reward_stock_check" CHECK ("stock" >= 0),
      CONSTRAINT "merchant_reward_price_check" CHECK ("price_minutes" > 0),
      CONSTRAINT "merchant_reward_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES ${merchant} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "merchant_reward_merchant_name_key" ON ${reward} ("merchant_id", "name")`);
    await runner.query(`CREATE TABLE ${redemption} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "reward_id" uuid NOT NULL,
      "merchant_id" uuid NOT NULL,
      "account_id" uuid NOT NULL,
      "transfer_id" uuid NOT NULL,
      "price_minutes" int NOT NULL,
      "redeemed_by" varchar(200) NOT NULL,
      "redeemed_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "used_by" varchar(200),
      CONSTRAINT "reward_redemption_reward_id_fkey" FOREIGN KEY ("reward_id") REFERENCES ${reward} ("id"),
      CONSTRAINT "reward_redemption_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES ${merchant} ("id"),
      CONSTRAINT "reward_redemption_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES ${tableOf(runner, 'time_bank_account')} ("id"),
      CONSTRAINT "reward_redemption_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES ${tableOf(runner, 'time_bank_transfer')} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "reward_redemption_transfer_key" ON ${redemption} ("transfer_id")`);
    await runner.query(`CREATE INDEX "reward_redemption_region_idx" ON ${redemption} ("region_code")`);
    await runner.query(`CREATE INDEX "reward_redemption_merchant_idx" ON ${redemption} ("merchant_id", "redeemed_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'reward_redemption')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'merchant_reward')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'merchant')}`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A redemption cancelled before the shop took its code: when, by whom, why, and the reversal that gave
 * the hours back. A redemption is used or cancelled, never both (a CHECK, besides the conditional
 * updates that decide a cancellation racing the shop's verification).
 */
export class RedemptionCancellation1764800000301 implements MigrationInterface {
  name = 'RedemptionCancellation1764800000301';

  async up(runner: QueryRunner): Promise<void> {
    const redemption = tableOf(runner, 'reward_redemption');
    await runner.query(`ALTER TABLE ${redemption}
      ADD COLUMN "cancelled_at" timestamptz,
      ADD COLUMN "cancelled_by" varchar(200),
      ADD COLUMN "cancel_reason" varchar(200),
      ADD COLUMN "reversal_transfer_id" uuid,
      ADD CONSTRAINT "reward_redemption_used_or_cancelled_check" CHECK ("used_at" IS NULL OR "cancelled_at" IS NULL),
      ADD CONSTRAINT "reward_redemption_reversal_transfer_id_fkey" FOREIGN KEY ("reversal_transfer_id") REFERENCES ${tableOf(runner, 'time_bank_transfer')} ("id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'reward_redemption')}
      DROP CONSTRAINT "reward_redemption_reversal_transfer_id_fkey",
      DROP CONSTRAINT "reward_redemption_used_or_cancelled_check",
      DROP COLUMN "reversal_transfer_id",
      DROP COLUMN "cancel_reason",
      DROP COLUMN "cancelled_by",
      DROP COLUMN "cancelled_at"`);
  }
}

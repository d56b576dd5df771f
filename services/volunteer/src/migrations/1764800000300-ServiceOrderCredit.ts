import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service order's time in the time bank: the minutes the taker states when reporting the order done,
 * and the credit the resident's rating (群众评单, which confirms the service) posts to the taker's
 * account, once (unique). Orders done before have neither.
 */
export class ServiceOrderCredit1764800000300 implements MigrationInterface {
  name = 'ServiceOrderCredit1764800000300';

  async up(runner: QueryRunner): Promise<void> {
    const order = tableOf(runner, 'service_order');
    await runner.query(`ALTER TABLE ${order}
      ADD COLUMN "minutes_served" int,
      ADD COLUMN "credit_transfer_id" uuid,
      ADD CONSTRAINT "service_order_minutes_served_check" CHECK ("minutes_served" IS NULL OR "minutes_served" BETWEEN 1 AND 1440),
      ADD CONSTRAINT "service_order_credit_transfer_id_fkey" FOREIGN KEY ("credit_transfer_id") REFERENCES ${tableOf(runner, 'time_bank_transfer')} ("id")`);
    await runner.query(`CREATE UNIQUE INDEX "service_order_credit_transfer_key" ON ${order} ("credit_transfer_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const order = tableOf(runner, 'service_order');
    await runner.query(`DROP INDEX ${tableOf(runner, 'service_order_credit_transfer_key')}`);
    await runner.query(`ALTER TABLE ${order}
      DROP CONSTRAINT "service_order_credit_transfer_id_fkey",
      DROP CONSTRAINT "service_order_minutes_served_check",
      DROP COLUMN "credit_transfer_id",
      DROP COLUMN "minutes_served"`);
  }
}

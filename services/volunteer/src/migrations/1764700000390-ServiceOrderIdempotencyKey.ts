import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resident's app may send an order again on a poor connection: the key it generated once per order
 * makes the retry return the first order (unique per orderer, as a grid case's report key). Existing
 * orders have none.
 */
export class ServiceOrderIdempotencyKey1764700000390 implements MigrationInterface {
  name = 'ServiceOrderIdempotencyKey1764700000390';

  async up(runner: QueryRunner): Promise<void> {
    const order = tableOf(runner, 'service_order');
    await runner.query(`ALTER TABLE ${order} ADD COLUMN "idempotency_key" varchar(100)`);
    await runner.query(`CREATE UNIQUE INDEX "service_order_idempotency_key" ON ${order} ("orderer_subject", "idempotency_key")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const order = tableOf(runner, 'service_order');
    await runner.query(`DROP INDEX ${tableOf(runner, 'service_order_idempotency_key')}`);
    await runner.query(`ALTER TABLE ${order} DROP COLUMN "idempotency_key"`);
  }
}

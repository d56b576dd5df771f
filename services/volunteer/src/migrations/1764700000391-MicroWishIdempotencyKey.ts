import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A wisher's app may send a wish again on a poor connection: the key it generated once per wish makes
 * the retry return the first wish (unique per poster, as a service order's key). Existing wishes have none.
 */
export class MicroWishIdempotencyKey1764700000391 implements MigrationInterface {
  name = 'MicroWishIdempotencyKey1764700000391';

  async up(runner: QueryRunner): Promise<void> {
    const wish = tableOf(runner, 'micro_wish');
    await runner.query(`ALTER TABLE ${wish} ADD COLUMN "idempotency_key" varchar(100)`);
    await runner.query(`CREATE UNIQUE INDEX "micro_wish_idempotency_key" ON ${wish} ("poster_subject", "idempotency_key")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX ${tableOf(runner, 'micro_wish_idempotency_key')}`);
    await runner.query(`ALTER TABLE ${tableOf(runner, 'micro_wish')} DROP COLUMN "idempotency_key"`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A red-and-black list records the scheme version each quarter of its half was scored under and, in
 * words, which version gave the bars and why. Lists published before have neither (null): the graph then
 * reads the versions from the quarters' runs; their rows are not changed (a publication is permanent).
 */
export class RecordRedBlackListSchemes1764800000470 implements MigrationInterface {
  name = 'RecordRedBlackListSchemes1764800000470';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${tableOf(runner, 'red_black_list')} ADD COLUMN "quarter_schemes" jsonb, ADD COLUMN "scheme_explanation" text`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'red_black_list')} DROP COLUMN "quarter_schemes", DROP COLUMN "scheme_explanation"`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A whistle keeps what its blower asks for (`note`): those who answer read it on the whistle itself,
 * and a reporting-in Party member, who does not see the case, has nothing else to go by.
 */
export class AddWhistleNote1764700000170 implements MigrationInterface {
  name = 'AddWhistleNote1764700000170';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'case_whistle')} ADD "note" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'case_whistle')} DROP COLUMN "note"`);
  }
}

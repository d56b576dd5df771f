import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A collective organisation's founding Party secretary (a Party member the organisation service
 * announced) and its annual income target: 50,000 yuan unless set, the figure Tianzhu's Xingfu and
 * Huimin communities reach (集体经济年收入均达5万元以上).
 */
export class CollectiveOrganisationProfile1764700000601 implements MigrationInterface {
  name = 'CollectiveOrganisationProfile1764700000601';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'collective_organisation');
    await runner.query(`ALTER TABLE ${t} ADD "founding_party_secretary_id" uuid`);
    await runner.query(`ALTER TABLE ${t} ADD "annual_income_target_fen" bigint NOT NULL DEFAULT 5000000`);
    await runner.query(
      `ALTER TABLE ${t} ADD CONSTRAINT "collective_organisation_income_target_check" CHECK ("annual_income_target_fen" >= 0)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'collective_organisation');
    await runner.query(`ALTER TABLE ${t} DROP CONSTRAINT "collective_organisation_income_target_check"`);
    await runner.query(`ALTER TABLE ${t} DROP COLUMN "annual_income_target_fen"`);
    await runner.query(`ALTER TABLE ${t} DROP COLUMN "founding_party_secretary_id"`);
  }
}

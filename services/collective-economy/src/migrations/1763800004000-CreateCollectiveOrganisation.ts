import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCollectiveOrganisation1763800004000 implements MigrationInterface {
  name = 'CreateCollectiveOrganisation1763800004000';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'collective_organisation');
    // region_code has no foreign key: regions belong to the organisation subgraph's schema.
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "founded_on" date NOT NULL,
      "business_lines" text[] NOT NULL,
      "registered_capital_fen" bigint NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "collective_organisation_capital_check" CHECK ("registered_capital_fen" >= 0)
    )`);
    await runner.query(`CREATE UNIQUE INDEX "collective_organisation_region_name_key" ON ${t} ("region_code", "name")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'collective_organisation')}`);
  }
}

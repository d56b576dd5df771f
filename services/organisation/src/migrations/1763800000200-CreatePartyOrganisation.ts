import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePartyOrganisation1763800000200 implements MigrationInterface {
  name = 'CreatePartyOrganisation1763800000200';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'party_organisation');
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL REFERENCES ${tableOf(runner, 'region')} ("code"),
      "name" varchar(100) NOT NULL,
      "level" varchar(30) NOT NULL,
      "kind" varchar(20) NOT NULL,
      "parent_id" uuid REFERENCES ${t} ("id"),
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "party_organisation_region_idx" ON ${t} ("region_code")`);
    await runner.query(`CREATE INDEX "party_organisation_parent_idx" ON ${t} ("parent_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'party_organisation')}`);
  }
}

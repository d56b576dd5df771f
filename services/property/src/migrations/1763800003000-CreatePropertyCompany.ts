import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Property companies. `region_code` has no foreign key: the region tree belongs to the organisation
 * subgraph, and no service reads another's tables.
 */
export class CreatePropertyCompany1763800003000 implements MigrationInterface {
  name = 'CreatePropertyCompany1763800003000';

  async up(runner: QueryRunner): Promise<void> {
    const t = tableOf(runner, 'property_company');
    await runner.query(`CREATE TABLE ${t} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "credit_code" varchar(18) NOT NULL,
      "has_party_organisation" boolean NOT NULL DEFAULT false,
      "party_building_instructor" varchar(50),
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX "property_company_region_idx" ON ${t} ("region_code")`);
    await runner.query(`CREATE UNIQUE INDEX "property_company_credit_code_key" ON ${t} ("credit_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'property_company')}`);
  }
}

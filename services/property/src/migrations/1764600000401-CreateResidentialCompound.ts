import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// The modes as they stand in this migration (a later change of the enum is a later migration).
const MODES = `'PROFESSIONAL', 'COMMUNITY_MANAGED', 'OWNER_SELF_MANAGED', 'STATE_OWNED_FALLBACK'`;

/**
 * Residential compounds, their management periods and owners' committees. `region_code`, `grid_id` have
 * no foreign key: regions and grids belong to other services (checked against the reference table).
 */
export class CreateResidentialCompound1764600000401 implements MigrationInterface {
  name = 'CreateResidentialCompound1764600000401';

  async up(runner: QueryRunner): Promise<void> {
    const compound = tableOf(runner, 'residential_compound');
    const company = tableOf(runner, 'property_company');
    const period = tableOf(runner, 'compound_management_period');
    const committee = tableOf(runner, 'owners_committee');
    const member = tableOf(runner, 'owners_committee_member');
    await runner.query(`CREATE TABLE ${compound} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "grid_id" uuid NOT NULL,
      "management_mode" varchar(30) NOT NULL,
      "company_id" uuid,
      "managed_since" date NOT NULL,
      "version" int NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "residential_compound_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES ${company} ("id"),
      CONSTRAINT "residential_compound_mode_check" CHECK ("management_mode" IN (${MODES})),
      -- A company exactly when PROFESSIONAL: the rule holds even for rows written outside the commands.
      CONSTRAINT "residential_compound_company_check" CHECK (("management_mode" = 'PROFESSIONAL') = ("company_id" IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX "residential_compound_region_idx" ON ${compound} ("region_code")`);
    await runner.query(`CREATE INDEX "residential_compound_company_idx" ON ${compound} ("company_id")`);
    await runner.query(`CREATE TABLE ${period} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "compound_id" uuid NOT NULL,
      "sequence" int NOT NULL,
      "management_mode" varchar(30) NOT NULL,
      "company_id" uuid,
      "since" date NOT NULL,
      "until" date,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "compound_management_period_compound_id_fkey" FOREIGN KEY ("compound_id") REFERENCES ${compound} ("id"),
      CONSTRAINT "compound_management_period_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES ${company} ("id"),
      CONSTRAINT "compound_management_period_mode_check" CHECK ("management_mode" IN (${MODES})),
      CONSTRAINT "compound_management_period_until_check" CHECK ("until" IS NULL OR "until" >= "since")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "compound_management_period_compound_idx" ON ${period} ("compound_id", "sequence")`);
    // At most one open period per compound: the current management.
    await runner.query(`CREATE UNIQUE INDEX "compound_management_period_open_key" ON ${period} ("compound_id") WHERE "until" IS NULL`);
    await runner.query(`CREATE TABLE ${committee} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "compound_id" uuid NOT NULL,
      "term_start" date NOT NULL,
      "term_end" date NOT NULL,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "owners_committee_compound_id_fkey" FOREIGN KEY ("compound_id") REFERENCES ${compound} ("id"),
      CONSTRAINT "owners_committee_term_check" CHECK ("term_end" > "term_start")
    )`);
    await runner.query(`CREATE INDEX "owners_committee_compound_idx" ON ${committee} ("compound_id", "term_start")`);
    await runner.query(`CREATE TABLE ${member} (
      "committee_id" uuid NOT NULL,
      "position" int NOT NULL,
      "name" varchar(50) NOT NULL,
      "role" varchar(20) NOT NULL,
      PRIMARY KEY ("committee_id", "position"),
      CONSTRAINT "owners_committee_member_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES ${committee} ("id"),
      CONSTRAINT "owners_committee_member_role_check" CHECK ("role" IN ('DIRECTOR', 'DEPUTY_DIRECTOR', 'MEMBER'))
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['owners_committee_member', 'owners_committee', 'compound_management_period', 'residential_compound'])
      await runner.query(`DROP TABLE ${tableOf(runner, table)}`);
  }
}

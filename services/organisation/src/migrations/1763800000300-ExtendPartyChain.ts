import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const FOUR_LEVELS = [
  { level: 'STREET_WORKING_COMMITTEE', parentLevels: [] },
  { level: 'COMMUNITY', parentLevels: ['STREET_WORKING_COMMITTEE'] },
  { level: 'GRID_BRANCH', parentLevels: ['COMMUNITY'] },
  { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['GRID_BRANCH'] },
];
const THREE_LEVELS = FOUR_LEVELS.slice(0, 3);
const FIVE_LEVELS = [
  ...THREE_LEVELS,
  { level: 'BUILDING_GROUP', parentLevels: ['GRID_BRANCH'] },
  { level: 'CENTRAL_HOUSEHOLD', parentLevels: ['BUILDING_GROUP'] },
];

/** The chain configurations the reports describe; other counties use the five-level default. */
const CONFIGURATIONS: Array<[county: string, links: unknown]> = [
  ['522624', FIVE_LEVELS], // 三穗县: 街道党工委 → 社区党委 → 网格党支部 → 楼栋党小组 → 党员中心户
  ['520201', FOUR_LEVELS], // 钟山区: 街道 → 社区 → 网格党支部(党小组) → 党员中心户
  ['320904', FOUR_LEVELS], // 大丰区: 网格党小组 and 党员中心户
  ['320925', THREE_LEVELS], // 建湖县: 街道 → 社区 → 小区党支部
];

/**
 * The county chain configurations, and what the chain needs on each organisation: its materialised
 * path (subtree reads in one statement), the grid a grid branch or building group serves, the life of
 * a temporary branch (平急转换), the households of a central household, yearly branch assessments
 * and the two-new registry.
 */
export class ExtendPartyChain1763800000300 implements MigrationInterface {
  name = 'ExtendPartyChain1763800000300';

  async up(runner: QueryRunner): Promise<void> {
    const region = tableOf(runner, 'region');
    const organisation = tableOf(runner, 'party_organisation');
    const configuration = tableOf(runner, 'party_chain_configuration');
    await runner.query(`CREATE TABLE ${configuration} (
      "region_code" varchar(6) PRIMARY KEY,
      "links" jsonb NOT NULL,
      "loose_kinds" text array NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "updated_by" varchar(200) NOT NULL,
      CONSTRAINT "party_chain_configuration_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES ${region} ("code")
    )`);
    for (const [county, links] of CONFIGURATIONS) {
      await runner.query(
        `INSERT INTO ${configuration} ("region_code", "links", "loose_kinds", "updated_by") VALUES ($1, $2, $3, 'migration')`,
        [county, JSON.stringify(links), ['FUNCTIONAL', 'INDUSTRY', 'TWO_NEW']],
      );
    }

    await runner.query(`ALTER TABLE ${organisation}
      ADD COLUMN "path" text,
      ADD COLUMN "grid_id" uuid,
      ADD COLUMN "activation_reason" text,
      ADD COLUMN "activated_on" date,
      ADD COLUMN "dissolved_on" date,
      ADD COLUMN "dissolution_note" text`);
    // Materialised path: the ids from the top of the chain down to the organisation, each followed by '/'.
    await runner.query(`WITH RECURSIVE chain ("id", "path") AS (
        SELECT "id", "id"::text || '/' FROM ${organisation} WHERE "parent_id" IS NULL
        UNION ALL
        SELECT o."id", chain."path" || o."id"::text || '/' FROM ${organisation} o JOIN chain ON o."parent_id" = chain."id"
      )
      UPDATE ${organisation} o SET "path" = chain."path" FROM chain WHERE o."id" = chain."id"`);
    // Temporary branches created before their life was recorded: activated the day they were created.
    await runner.query(`UPDATE ${organisation} SET "activated_on" = "created_at"::date, "activation_reason" = '（启用原因未记录）'
      WHERE "kind" = 'TEMPORARY'`);
    await runner.query(`ALTER TABLE ${organisation} ALTER COLUMN "path" SET NOT NULL`);
    await runner.query(`CREATE INDEX "party_organisation_path_idx" ON ${organisation} ("path")`);
    await runner.query(`ALTER TABLE ${organisation} ADD CONSTRAINT "party_organisation_temporary_check"
      CHECK ((("kind" = 'TEMPORARY') = ("activated_on" IS NOT NULL AND "activation_reason" IS NOT NULL))
        AND ("dissolved_on" IS NULL OR ("kind" = 'TEMPORARY' AND "dissolved_on" >= "activated_on")))`);
    await runner.query(`ALTER TABLE ${organisation} ADD CONSTRAINT "party_organisation_grid_check"
      CHECK ("grid_id" IS NULL OR "level" IN ('GRID_BRANCH', 'BUILDING_GROUP'))`);

    // A household is served by one central household (党员中心户).
    const link = tableOf(runner, 'central_household_link');
    await runner.query(`CREATE TABLE ${link} (
      "organisation_id" uuid NOT NULL,
      "household_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "linked_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "central_household_link_pkey" PRIMARY KEY ("organisation_id", "household_id"),
      CONSTRAINT "central_household_link_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES ${organisation} ("id")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "central_household_link_household_key" ON ${link} ("household_id")`);
    await runner.query(`CREATE INDEX "central_household_link_region_idx" ON ${link} ("region_code")`);

    const assessment = tableOf(runner, 'branch_assessment');
    await runner.query(`CREATE TABLE ${assessment} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "year" integer NOT NULL,
      "passed" boolean NOT NULL,
      "demonstration_level" varchar(20),
      "note" text,
      "assessed_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "branch_assessment_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES ${organisation} ("id"),
      CONSTRAINT "branch_assessment_demonstration_check" CHECK ("demonstration_level" IS NULL OR "passed")
    )`);
    await runner.query(`CREATE UNIQUE INDEX "branch_assessment_organisation_year_key" ON ${assessment} ("organisation_id", "year")`);
    await runner.query(`CREATE INDEX "branch_assessment_region_idx" ON ${assessment} ("region_code")`);

    const twoNew = tableOf(runner, 'two_new_entity');
    await runner.query(`CREATE TABLE ${twoNew} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "name" varchar(100) NOT NULL,
      "kind" varchar(30) NOT NULL,
      "party_organisation_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "two_new_entity_party_organisation_id_fkey" FOREIGN KEY ("party_organisation_id") REFERENCES ${organisation} ("id")
    )`);
    await runner.query(`CREATE INDEX "two_new_entity_region_idx" ON ${twoNew} ("region_code")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const organisation = tableOf(runner, 'party_organisation');
    await runner.query(`DROP TABLE ${tableOf(runner, 'two_new_entity')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'branch_assessment')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'central_household_link')}`);
    await runner.query(
      `ALTER TABLE ${organisation} DROP CONSTRAINT "party_organisation_grid_check", DROP CONSTRAINT "party_organisation_temporary_check"`,
    );
    await runner.query(`DROP INDEX ${tableOf(runner, 'party_organisation_path_idx')}`);
    await runner.query(`ALTER TABLE ${organisation} DROP COLUMN "path", DROP COLUMN "grid_id", DROP COLUMN "activation_reason",
      DROP COLUMN "activated_on", DROP COLUMN "dissolved_on", DROP COLUMN "dissolution_note"`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'party_chain_configuration')}`);
  }
}

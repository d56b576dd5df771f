import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The county's Party chain becomes a per-county setting (kits/county-settings, key `party-chain`),
 * like every other county choice: the configured rows move over with who changed them and when, and
 * the table of its own goes. A county without a row keeps the five-level default, as before.
 */
export class PartyChainToCountySetting1764500000102 implements MigrationInterface {
  name = 'PartyChainToCountySetting1764500000102';

  async up(runner: QueryRunner): Promise<void> {
    const configuration = tableOf(runner, 'party_chain_configuration');
    await runner.query(
      `INSERT INTO ${tableOf(runner, 'county_setting')} (county_code, key, value, updated_by, updated_at)
       SELECT c.region_code, 'party-chain', jsonb_build_object('links', c.links, 'looseKinds', to_jsonb(c.loose_kinds)), c.updated_by, c.updated_at
       FROM ${configuration} c
       ON CONFLICT (county_code, key) DO NOTHING`,
    );
    await runner.query(`DROP TABLE ${configuration}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const configuration = tableOf(runner, 'party_chain_configuration');
    const setting = tableOf(runner, 'county_setting');
    await runner.query(`CREATE TABLE ${configuration} (
      "region_code" varchar(6) PRIMARY KEY,
      "links" jsonb NOT NULL,
      "loose_kinds" text array NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "updated_by" varchar(200) NOT NULL,
      CONSTRAINT "party_chain_configuration_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES ${tableOf(runner, 'region')} ("code")
    )`);
    await runner.query(
      `INSERT INTO ${configuration} (region_code, links, loose_kinds, updated_at, updated_by)
       SELECT s.county_code, s.value->'links', ARRAY(SELECT jsonb_array_elements_text(s.value->'looseKinds')), s.updated_at, s.updated_by
       FROM ${setting} s WHERE s.key = 'party-chain'`,
    );
    await runner.query(`DELETE FROM ${setting} WHERE key = 'party-chain'`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A street has one street working committee (街道党工委): a unique partial index, so two concurrent
 * creates cannot both pass. A database holding two for a street stops here with the streets named,
 * for an administrator to merge them by hand; nothing is deleted by a migration.
 */
export class OneStreetCommittee1764600000100 implements MigrationInterface {
  name = 'OneStreetCommittee1764600000100';

  async up(runner: QueryRunner): Promise<void> {
    const organisation = tableOf(runner, 'party_organisation');
    const doubled: Array<{ region_code: string }> = await runner.query(
      `SELECT region_code FROM ${organisation} WHERE level = 'STREET_WORKING_COMMITTEE' GROUP BY region_code HAVING count(*) > 1`,
    );
    if (doubled.length > 0) {
      throw new Error(
        `Streets with more than one street working committee: ${doubled.map((r) => r.region_code).join(', ')}. Move the organisations under one and remove the others, then migrate again`,
      );
    }
    await runner.query(
      `CREATE UNIQUE INDEX "party_organisation_street_committee_key" ON ${organisation} ("region_code") WHERE "level" = 'STREET_WORKING_COMMITTEE'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX ${tableOf(runner, 'party_organisation_street_committee_key')}`);
  }
}

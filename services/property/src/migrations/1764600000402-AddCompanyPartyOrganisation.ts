import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A company's own Party organisation: an id of the organisation service (no foreign key, a PARTY_ORGANISATION reference). */
export class AddCompanyPartyOrganisation1764600000402 implements MigrationInterface {
  name = 'AddCompanyPartyOrganisation1764600000402';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'property_company')} ADD COLUMN "party_organisation_id" uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'property_company')} DROP COLUMN "party_organisation_id"`);
  }
}

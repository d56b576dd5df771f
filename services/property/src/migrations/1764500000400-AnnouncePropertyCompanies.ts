import { announceExisting, PropertyCompanyRegistered } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Companies registered before the outbox existed were never announced: a PropertyCompanyRegistered event
 * for each, so other services' reference tables (rebuilt from this outbox) know every company.
 */
export class AnnouncePropertyCompanies1764500000400 implements MigrationInterface {
  name = 'AnnouncePropertyCompanies1764500000400';

  async up(runner: QueryRunner): Promise<void> {
    await announceExisting(runner, {
      event: PropertyCompanyRegistered,
      aggregateType: 'PropertyCompany',
      table: 'property_company',
      alias: 't',
      id: 't.id::text',
      payload: `jsonb_build_object('id', t.id, 'regionCode', t.region_code)`,
      orderBy: 't.created_at, t.id',
    });
  }

  async down(): Promise<void> {
    // The events may have been delivered already: they stay, as every published event does.
  }
}

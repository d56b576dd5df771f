import { announceExisting, CollectiveOrganisationCreated } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations registered before the outbox existed were never announced: a CollectiveOrganisationCreated
 * event for each, so other services' reference tables (rebuilt from this outbox) know every organisation.
 */
export class AnnounceCollectiveOrganisations1764500000500 implements MigrationInterface {
  name = 'AnnounceCollectiveOrganisations1764500000500';

  async up(runner: QueryRunner): Promise<void> {
    await announceExisting(runner, {
      event: CollectiveOrganisationCreated,
      aggregateType: 'CollectiveOrganisation',
      table: 'collective_organisation',
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

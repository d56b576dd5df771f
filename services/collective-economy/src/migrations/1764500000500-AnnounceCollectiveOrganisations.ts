import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations registered before the outbox existed were never announced: append a CollectiveOrganisationCreated
 * event for each organisation that has none, so other services' reference tables (rebuilt from this outbox)
 * know every organisation. Safe to run on a database where some were already announced.
 */
export class AnnounceCollectiveOrganisations1764500000500 implements MigrationInterface {
  name = 'AnnounceCollectiveOrganisations1764500000500';

  async up(runner: QueryRunner): Promise<void> {
    const outbox = tableOf(runner, 'outbox');
    // Positions follow commit order only under the outbox lock (see appendToOutbox).
    await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [outbox]);
    await runner.query(
      `INSERT INTO ${outbox} (id, kind, name, version, aggregate_type, aggregate_id, payload)
       SELECT gen_random_uuid(), 'EVENT', 'CollectiveOrganisationCreated', 1, 'CollectiveOrganisation', t.id::text,
              jsonb_build_object('id', t.id, 'regionCode', t.region_code)
       FROM ${tableOf(runner, 'collective_organisation')} t
       WHERE NOT EXISTS (SELECT 1 FROM ${outbox} o WHERE o.name = 'CollectiveOrganisationCreated' AND o.aggregate_id = t.id::text)
       ORDER BY t.created_at, t.id`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    // The events may have been delivered already: they stay, as every published event does.
    void runner;
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Companies registered before the outbox existed were never announced: append a PropertyCompanyRegistered
 * event for each company that has none, so other services' reference tables (rebuilt from this outbox)
 * know every company. Safe to run on a database where some were already announced.
 */
export class AnnouncePropertyCompanies1764500000400 implements MigrationInterface {
  name = 'AnnouncePropertyCompanies1764500000400';

  async up(runner: QueryRunner): Promise<void> {
    const outbox = tableOf(runner, 'outbox');
    // Positions follow commit order only under the outbox lock (see appendToOutbox).
    await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [outbox]);
    await runner.query(
      `INSERT INTO ${outbox} (id, kind, name, version, aggregate_type, aggregate_id, payload)
       SELECT gen_random_uuid(), 'EVENT', 'PropertyCompanyRegistered', 1, 'PropertyCompany', t.id::text,
              jsonb_build_object('id', t.id, 'regionCode', t.region_code)
       FROM ${tableOf(runner, 'property_company')} t
       WHERE NOT EXISTS (SELECT 1 FROM ${outbox} o WHERE o.name = 'PropertyCompanyRegistered' AND o.aggregate_id = t.id::text)
       ORDER BY t.created_at, t.id`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    // The events may have been delivered already: they stay, as every published event does.
    void runner;
  }
}

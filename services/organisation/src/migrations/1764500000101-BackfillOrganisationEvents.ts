import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces what existed before the outbox: every region (the code load, and streets and communities
 * added since), every Party organisation (dissolved temporary branches also as dissolved) and every
 * member, as the commands now do. Other services check region codes and ids against these events, so
 * their reference tables can be built from here. Regions go first, parents before children; the
 * payloads are ids and codes only. Run once, as a migration, so no event is written twice.
 */
export class BackfillOrganisationEvents1764500000101 implements MigrationInterface {
  name = 'BackfillOrganisationEvents1764500000101';

  async up(runner: QueryRunner): Promise<void> {
    const outbox = tableOf(runner, 'outbox');
    const columns = `(id, kind, name, version, aggregate_type, aggregate_id, payload)`;
    await runner.query(
      `INSERT INTO ${outbox} ${columns}
       SELECT gen_random_uuid(), 'EVENT', 'RegionAdded', 1, 'Region', r.code,
              jsonb_build_object('code', r.code, 'level', r.level, 'parentCode', r.parent_code)
       FROM ${tableOf(runner, 'region')} r ORDER BY length(r.code), r.code`,
    );
    await runner.query(
      `INSERT INTO ${outbox} ${columns}
       SELECT gen_random_uuid(), 'EVENT', 'PartyOrganisationCreated', 1, 'PartyOrganisation', o.id::text,
              jsonb_build_object('id', o.id, 'regionCode', o.region_code, 'level', o.level, 'kind', o.kind)
       FROM ${tableOf(runner, 'party_organisation')} o ORDER BY o.path`,
    );
    await runner.query(
      `INSERT INTO ${outbox} ${columns}
       SELECT gen_random_uuid(), 'EVENT', 'PartyOrganisationDissolved', 1, 'PartyOrganisation', o.id::text,
              jsonb_build_object('id', o.id, 'regionCode', o.region_code)
       FROM ${tableOf(runner, 'party_organisation')} o WHERE o.dissolved_on IS NOT NULL ORDER BY o.path`,
    );
    await runner.query(
      `INSERT INTO ${outbox} ${columns}
       SELECT gen_random_uuid(), 'EVENT', 'PartyMemberRegistered', 1, 'PartyMember', m.id::text,
              jsonb_build_object('id', m.id, 'regionCode', m.region_code, 'organisationId', m.organisation_id)
       FROM ${tableOf(runner, 'party_member')} m ORDER BY m.created_at, m.id`,
    );
  }

  async down(): Promise<void> {
    // Events once published cannot be called back: other services may have read them. Nothing to undo.
  }
}

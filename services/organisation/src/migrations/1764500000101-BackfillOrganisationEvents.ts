import { announceExisting, PartyMemberRegistered, PartyOrganisationCreated, PartyOrganisationDissolved, RegionAdded } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces what existed before the outbox: every region (the code load, and streets and communities
 * added since), every Party organisation (dissolved temporary branches also as dissolved) and every
 * member, as the commands now do. Other services check region codes and ids against these events, so
 * their reference tables can be built from here. Regions go first, parents before children; the
 * payloads are ids and codes only.
 */
export class BackfillOrganisationEvents1764500000101 implements MigrationInterface {
  name = 'BackfillOrganisationEvents1764500000101';

  async up(runner: QueryRunner): Promise<void> {
    await announceExisting(runner, {
      event: RegionAdded,
      aggregateType: 'Region',
      table: 'region',
      alias: 'r',
      id: 'r.code',
      payload: `jsonb_build_object('code', r.code, 'level', r.level, 'parentCode', r.parent_code)`,
      orderBy: 'length(r.code), r.code',
    });
    await announceExisting(runner, {
      event: PartyOrganisationCreated,
      aggregateType: 'PartyOrganisation',
      table: 'party_organisation',
      alias: 'o',
      id: 'o.id::text',
      payload: `jsonb_build_object('id', o.id, 'regionCode', o.region_code, 'level', o.level, 'kind', o.kind)`,
      orderBy: 'o.path',
    });
    await announceExisting(runner, {
      event: PartyOrganisationDissolved,
      aggregateType: 'PartyOrganisation',
      table: 'party_organisation',
      alias: 'o',
      id: 'o.id::text',
      payload: `jsonb_build_object('id', o.id, 'regionCode', o.region_code)`,
      where: 'o.dissolved_on IS NOT NULL',
      orderBy: 'o.path',
    });
    await announceExisting(runner, {
      event: PartyMemberRegistered,
      aggregateType: 'PartyMember',
      table: 'party_member',
      alias: 'm',
      id: 'm.id::text',
      payload: `jsonb_build_object('id', m.id, 'regionCode', m.region_code, 'organisationId', m.organisation_id)`,
      orderBy: 'm.created_at, m.id',
    });
  }

  async down(): Promise<void> {
    // Events once published cannot be called back: other services may have read them. Nothing to undo.
  }
}

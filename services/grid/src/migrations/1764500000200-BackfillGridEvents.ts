import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces the grids and households that existed before the outbox did, so other services'
 * reference tables can be built from the owner: `GridCreated` for every grid, `GridRetired` (with
 * its successors) for every grid a merge or split retired, `HouseholdRegistered` for every household
 * in its present grid. In the order they happened; the outbox lock keeps positions in commit order.
 */
export class BackfillGridEvents1764500000200 implements MigrationInterface {
  name = 'BackfillGridEvents1764500000200';

  async up(runner: QueryRunner): Promise<void> {
    const outbox = tableOf(runner, 'outbox');
    await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [outbox]);
    const insert = (select: string) =>
      runner.query(`INSERT INTO ${outbox} (id, kind, name, version, aggregate_type, aggregate_id, payload) ${select}`);
    await insert(
      `SELECT gen_random_uuid(), 'EVENT', 'GridCreated', 1, 'Grid', g.id::text, jsonb_build_object('id', g.id, 'regionCode', g.region_code)
       FROM ${tableOf(runner, 'grid')} g ORDER BY g.created_at, g.id`,
    );
    await insert(
      `SELECT gen_random_uuid(), 'EVENT', 'GridRetired', 1, 'Grid', g.id::text,
              jsonb_build_object('id', g.id, 'regionCode', g.region_code, 'successorIds',
                COALESCE((SELECT jsonb_agg(l.successor_id ORDER BY l.changed_at, l.successor_id)
                          FROM ${tableOf(runner, 'grid_lineage')} l WHERE l.predecessor_id = g.id), '[]'::jsonb))
       FROM ${tableOf(runner, 'grid')} g WHERE g.status <> 'ACTIVE' ORDER BY g.retired_at, g.id`,
    );
    await insert(
      `SELECT gen_random_uuid(), 'EVENT', 'HouseholdRegistered', 1, 'Household', h.id::text,
              jsonb_build_object('id', h.id, 'regionCode', h.region_code, 'gridId', h.grid_id)
       FROM ${tableOf(runner, 'household')} h ORDER BY h.created_at, h.id`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    // The events may already have been consumed; removing them would not undo that. Nothing to do.
    void runner;
  }
}

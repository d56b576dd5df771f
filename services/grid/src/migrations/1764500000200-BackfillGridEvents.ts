import { announceExisting, GridCreated, GridRetired, HouseholdRegistered, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces the grids and households that existed before the outbox did, so other services'
 * reference tables can be built from the owner: `GridCreated` for every grid, `GridRetired` (with
 * its successors) for every grid a merge or split retired, `HouseholdRegistered` for every household
 * in its present grid. In the order they happened.
 */
export class BackfillGridEvents1764500000200 implements MigrationInterface {
  name = 'BackfillGridEvents1764500000200';

  async up(runner: QueryRunner): Promise<void> {
    await announceExisting(runner, {
      event: GridCreated,
      aggregateType: 'Grid',
      table: 'grid',
      alias: 'g',
      id: 'g.id::text',
      payload: `jsonb_build_object('id', g.id, 'regionCode', g.region_code)`,
      orderBy: 'g.created_at, g.id',
    });
    await announceExisting(runner, {
      event: GridRetired,
      aggregateType: 'Grid',
      table: 'grid',
      alias: 'g',
      id: 'g.id::text',
      payload: `jsonb_build_object('id', g.id, 'regionCode', g.region_code, 'successorIds',
        COALESCE((SELECT jsonb_agg(l.successor_id ORDER BY l.changed_at, l.successor_id)
                  FROM ${tableOf(runner, 'grid_lineage')} l WHERE l.predecessor_id = g.id), '[]'::jsonb))`,
      where: `g.status <> 'ACTIVE'`,
      orderBy: 'g.retired_at, g.id',
    });
    await announceExisting(runner, {
      event: HouseholdRegistered,
      aggregateType: 'Household',
      table: 'household',
      alias: 'h',
      id: 'h.id::text',
      payload: `jsonb_build_object('id', h.id, 'regionCode', h.region_code, 'gridId', h.grid_id)`,
      orderBy: 'h.created_at, h.id',
    });
  }

  async down(): Promise<void> {
    // The events may already have been consumed; removing them would not undo that. Nothing to do.
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A wish claimed by a volunteer (a registered volunteer or a Party member who reported in) links to
 * their volunteer record, found by the claimant's login. Existing claims stay unlinked.
 */
export class WishClaimantVolunteer1764700000380 implements MigrationInterface {
  name = 'WishClaimantVolunteer1764700000380';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'micro_wish')}
      ADD COLUMN "claimant_volunteer_id" uuid,
      ADD CONSTRAINT "micro_wish_claimant_volunteer_id_fkey" FOREIGN KEY ("claimant_volunteer_id") REFERENCES ${tableOf(runner, 'volunteer')} ("id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${tableOf(runner, 'micro_wish')} DROP CONSTRAINT "micro_wish_claimant_volunteer_id_fkey", DROP COLUMN "claimant_volunteer_id"`,
    );
  }
}

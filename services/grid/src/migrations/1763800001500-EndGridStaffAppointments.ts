import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff appointments can end (a gridworker leaves); the row stays, with when it ended. */
export class EndGridStaffAppointments1763800001500 implements MigrationInterface {
  name = 'EndGridStaffAppointments1763800001500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'grid_staff')} ADD "ended_at" timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'grid_staff')} DROP COLUMN "ended_at"`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A joint meeting is recorded once per date: the (body, day) index becomes unique, so a meeting
 * entered twice (or by two people at once) is a CONFLICT instead of doubling the year's figures. A
 * database already holding a doubled meeting stops here with the bodies and days named; nothing is
 * deleted by a migration.
 */
export class OneJointMeetingPerDay1764600000101 implements MigrationInterface {
  name = 'OneJointMeetingPerDay1764600000101';

  async up(runner: QueryRunner): Promise<void> {
    const meeting = tableOf(runner, 'joint_meeting');
    const doubled: Array<{ body_id: string; held_on: string }> = await runner.query(
      `SELECT body_id, held_on::text AS held_on FROM ${meeting} GROUP BY body_id, held_on HAVING count(*) > 1`,
    );
    if (doubled.length > 0) {
      throw new Error(
        `Joint meetings recorded twice on one date: ${doubled.map((d) => `${d.body_id} on ${d.held_on}`).join(', ')}. Keep one of each, then migrate again`,
      );
    }
    await runner.query(`CREATE UNIQUE INDEX "joint_meeting_body_day_key" ON ${meeting} ("body_id", "held_on")`);
    // The unique index serves every read the old one did.
    await runner.query(`DROP INDEX ${tableOf(runner, 'joint_meeting_body_idx')}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const meeting = tableOf(runner, 'joint_meeting');
    await runner.query(`CREATE INDEX "joint_meeting_body_idx" ON ${meeting} ("body_id", "held_on")`);
    await runner.query(`DROP INDEX ${tableOf(runner, 'joint_meeting_body_day_key')}`);
  }
}

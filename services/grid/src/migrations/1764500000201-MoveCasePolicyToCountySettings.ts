import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case policies become the county setting `case-policy` (one table of per-county settings with
 * defaults for every service): each county's row moves over with who set it and when, and the old
 * table goes.
 */
export class MoveCasePolicyToCountySettings1764500000201 implements MigrationInterface {
  name = 'MoveCasePolicyToCountySettings1764500000201';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `INSERT INTO ${tableOf(runner, 'county_setting')} (county_code, key, value, updated_by, updated_at)
       SELECT p.county_code, 'case-policy',
              jsonb_build_object('smallHours', p.small_hours, 'bigHours', p.big_hours, 'hardHours', p.hard_hours,
                                 'urgentHours', p.urgent_hours, 'autoCloseDays', p.auto_close_days, 'reopenDays', p.reopen_days),
              p.updated_by, p.updated_at
       FROM ${tableOf(runner, 'case_policy')} p
       ON CONFLICT (county_code, key) DO NOTHING`,
    );
    await runner.query(`DROP TABLE ${tableOf(runner, 'case_policy')}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const policy = tableOf(runner, 'case_policy');
    await runner.query(`CREATE TABLE ${policy} (
      "county_code" varchar(6) PRIMARY KEY,
      "small_hours" integer NOT NULL, "big_hours" integer NOT NULL, "hard_hours" integer NOT NULL, "urgent_hours" integer NOT NULL,
      "auto_close_days" integer NOT NULL, "reopen_days" integer NOT NULL,
      "updated_by" varchar(200) NOT NULL, "updated_at" timestamptz NOT NULL
    )`);
    await runner.query(
      `INSERT INTO ${policy} SELECT s.county_code, (s.value->>'smallHours')::int, (s.value->>'bigHours')::int, (s.value->>'hardHours')::int,
              (s.value->>'urgentHours')::int, (s.value->>'autoCloseDays')::int, (s.value->>'reopenDays')::int, s.updated_by, s.updated_at
       FROM ${tableOf(runner, 'county_setting')} s WHERE s.key = 'case-policy'`,
    );
    await runner.query(`DELETE FROM ${tableOf(runner, 'county_setting')} WHERE key = 'case-policy'`);
  }
}

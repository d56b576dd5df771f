import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A whistle still unanswered when its case stops being handled (resolved, closed or rejected) is
 * withdrawn with the case (`withdrawn_at`): nobody is asked to answer for a case that is over, and
 * one withdrawn before its limit is not overdue. Whistles of cases already over are backfilled with
 * the time their case last left an open status (its history), so the figures change for the past too.
 */
export class AddWhistleWithdrawnAt1764800000200 implements MigrationInterface {
  name = 'AddWhistleWithdrawnAt1764800000200';

  async up(runner: QueryRunner): Promise<void> {
    const whistle = tableOf(runner, 'case_whistle');
    await runner.query(`ALTER TABLE ${whistle} ADD "withdrawn_at" timestamptz`);
    await runner.query(
      `UPDATE ${whistle} w SET withdrawn_at = COALESCE(
         (SELECT max(e.occurred_at) FROM ${tableOf(runner, 'case_event')} e
           WHERE e.case_id = c.id AND e.from_status = ANY($1::text[]) AND NOT (e.to_status = ANY($1::text[]))),
         c.closed_at, c.resolved_at, now())
       FROM ${tableOf(runner, 'grid_case')} c
       WHERE c.id = w.case_id AND w.answered_at IS NULL AND NOT (c.status = ANY($1::text[]))`,
      [['REPORTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED']],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${tableOf(runner, 'case_whistle')} DROP COLUMN "withdrawn_at"`);
  }
}

import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Party members (personal information protected) and their double reporting (双报到). */
export class CreatePartyMember1763800000400 implements MigrationInterface {
  name = 'CreatePartyMember1763800000400';

  async up(runner: QueryRunner): Promise<void> {
    const organisation = tableOf(runner, 'party_organisation');
    const member = tableOf(runner, 'party_member');
    // The resident ID number has no clear-text column: a cipher to read it back, a keyed hash to find it.
    await runner.query(`CREATE TABLE ${member} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "organisation_id" uuid NOT NULL,
      "name" varchar(50) NOT NULL,
      "phone" varchar(20),
      "resident_id_cipher" text NOT NULL,
      "resident_id_hash" varchar(64) NOT NULL,
      "posts" text array NOT NULL,
      "service_commitments" text array NOT NULL,
      "identity_shown" boolean NOT NULL,
      "temporary_branch_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "party_member_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES ${organisation} ("id"),
      CONSTRAINT "party_member_temporary_branch_id_fkey" FOREIGN KEY ("temporary_branch_id") REFERENCES ${organisation} ("id"),
      CONSTRAINT "party_member_pledge_check" CHECK (cardinality("posts") <= 2 AND cardinality("service_commitments") <= 2)
    )`);
    await runner.query(`CREATE INDEX "party_member_region_idx" ON ${member} ("region_code")`);
    await runner.query(`CREATE INDEX "party_member_organisation_idx" ON ${member} ("organisation_id")`);
    await runner.query(`CREATE UNIQUE INDEX "party_member_resident_id_hash_key" ON ${member} ("resident_id_hash")`);

    const report = tableOf(runner, 'double_report');
    await runner.query(`CREATE TABLE ${report} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "member_id" uuid NOT NULL,
      "work_unit" varchar(100) NOT NULL,
      "certificate_no" varchar(50) NOT NULL,
      "letter_no" varchar(50) NOT NULL,
      "skills" text array NOT NULL,
      "wish" text,
      "status" varchar(20) NOT NULL,
      "grid_id" uuid,
      "volunteer_team_id" uuid,
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      "confirmed_at" timestamptz,
      "assigned_at" timestamptz,
      "withdrawn_at" timestamptz,
      "withdrawal_reason" text,
      CONSTRAINT "double_report_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES ${member} ("id"),
      CONSTRAINT "double_report_status_check" CHECK (("status" <> 'ASSIGNED' OR "grid_id" IS NOT NULL) AND ("status" = 'WITHDRAWN') = ("withdrawn_at" IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX "double_report_region_idx" ON ${report} ("region_code")`);
    // A member reports to one community at a time; a withdrawn report frees them to report again.
    await runner.query(`CREATE UNIQUE INDEX "double_report_open_key" ON ${report} ("member_id") WHERE "status" <> 'WITHDRAWN'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'double_report')}`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'party_member')}`);
  }
}

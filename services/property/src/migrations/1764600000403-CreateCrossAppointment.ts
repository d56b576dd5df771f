import { tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The "two-way entry, cross appointment" (双向进入、交叉任职) links of companies to Party members (ids of
 * the organisation service, no foreign key), kept with their dates.
 */
export class CreateCrossAppointment1764600000403 implements MigrationInterface {
  name = 'CreateCrossAppointment1764600000403';

  async up(runner: QueryRunner): Promise<void> {
    const company = tableOf(runner, 'property_company');
    const appointment = tableOf(runner, 'cross_appointment');
    await runner.query(`CREATE TABLE ${appointment} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "company_id" uuid NOT NULL,
      "region_code" varchar(12) NOT NULL,
      "kind" varchar(40) NOT NULL,
      "party_member_id" uuid NOT NULL,
      "since" date NOT NULL,
      "until" date,
      "recorded_by" varchar(200) NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "cross_appointment_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES ${company} ("id"),
      CONSTRAINT "cross_appointment_kind_check" CHECK ("kind" IN ('COMMUNITY_PROPERTY_ADVISER', 'PART_TIME_COMMUNITY_PARTY_MEMBER')),
      CONSTRAINT "cross_appointment_until_check" CHECK ("until" IS NULL OR "until" >= "since")
    )`);
    await runner.query(`CREATE INDEX "cross_appointment_company_idx" ON ${appointment} ("company_id", "since")`);
    // One open appointment of a kind per member and company: appointing twice is a mistake, not a second post.
    await runner.query(
      `CREATE UNIQUE INDEX "cross_appointment_open_key" ON ${appointment} ("company_id", "party_member_id", "kind") WHERE "until" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${tableOf(runner, 'cross_appointment')}`);
  }
}

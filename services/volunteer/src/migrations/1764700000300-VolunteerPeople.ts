import { schemaOf, tableOf } from '@gg/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteers become people of a community (registered directly, or a Party member by their double
 * report) who belong to teams through memberships with a role; teams get an owning Party
 * organisation. The rows a double report made so far (one per team and member) become one volunteer
 * per community and member, with one membership per team.
 */
export class VolunteerPeople1764700000300 implements MigrationInterface {
  name = 'VolunteerPeople1764700000300';

  async up(runner: QueryRunner): Promise<void> {
    const volunteer = tableOf(runner, 'volunteer');
    const team = tableOf(runner, 'volunteer_team');
    const member = tableOf(runner, 'volunteer_team_member');
    const index = (name: string) => `"${schemaOf(runner.connection)}"."${name}"`;
    // The old (team, member) key of the volunteer table gives its name to the memberships' key.
    await runner.query(`DROP INDEX ${index('volunteer_team_member_key')}`);
    await runner.query(`CREATE TABLE ${member} (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "region_code" varchar(12) NOT NULL,
      "team_id" uuid NOT NULL,
      "volunteer_id" uuid NOT NULL,
      "role" varchar(20) NOT NULL,
      "joined_at" timestamptz NOT NULL,
      CONSTRAINT "volunteer_team_member_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES ${team} ("id"),
      CONSTRAINT "volunteer_team_member_volunteer_id_fkey" FOREIGN KEY ("volunteer_id") REFERENCES ${volunteer} ("id"),
      CONSTRAINT "volunteer_team_member_role_check" CHECK ("role" IN ('LEADER', 'DEPUTY_LEADER', 'MEMBER'))
    )`);
    await runner.query(`CREATE UNIQUE INDEX "volunteer_team_member_key" ON ${member} ("team_id", "volunteer_id")`);
    // A team has one leader (队长) at a time.
    await runner.query(`CREATE UNIQUE INDEX "volunteer_team_member_leader_key" ON ${member} ("team_id") WHERE "role" = 'LEADER'`);
    await runner.query(`CREATE INDEX "volunteer_team_member_volunteer_idx" ON ${member} ("volunteer_id")`);

    // The kept volunteer of each (region, member): the earliest row; the others' teams become its memberships.
    await runner.query(`INSERT INTO ${member} ("region_code", "team_id", "volunteer_id", "role", "joined_at")
      SELECT t.region_code, v.team_id, k.id, 'MEMBER', v.joined_at
      FROM ${volunteer} v
      JOIN ${team} t ON t.id = v.team_id
      JOIN LATERAL (
        SELECT k.id FROM ${volunteer} k
        WHERE k.region_code = v.region_code AND k.party_member_id = v.party_member_id
        ORDER BY k.joined_at, k.id LIMIT 1
      ) k ON true
      ON CONFLICT DO NOTHING`);
    await runner.query(`DELETE FROM ${volunteer} v WHERE NOT EXISTS (SELECT 1 FROM ${member} m WHERE m.volunteer_id = v.id)`);
    await runner.query(`ALTER TABLE ${volunteer} DROP CONSTRAINT "volunteer_team_id_fkey"`);
    await runner.query(`ALTER TABLE ${volunteer} DROP COLUMN "team_id"`);
    await runner.query(`ALTER TABLE ${volunteer}
      ADD COLUMN "name" varchar(50),
      ADD COLUMN "phone" varchar(20),
      ADD COLUMN "resident_id_cipher" text,
      ADD COLUMN "resident_id_hash" varchar(64),
      ADD COLUMN "skills" text[] NOT NULL DEFAULT '{}',
      ADD COLUMN "availability" text[] NOT NULL DEFAULT '{}',
      ADD COLUMN "account_subject" varchar(200),
      ADD CONSTRAINT "volunteer_source_check" CHECK (
        ("source" = 'DOUBLE_REPORT' AND "party_member_id" IS NOT NULL)
        OR ("source" = 'REGISTERED' AND "name" IS NOT NULL AND "resident_id_cipher" IS NOT NULL AND "resident_id_hash" IS NOT NULL)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX "volunteer_region_party_member_key" ON ${volunteer} ("region_code", "party_member_id") WHERE "party_member_id" IS NOT NULL`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "volunteer_region_resident_id_key" ON ${volunteer} ("region_code", "resident_id_hash") WHERE "resident_id_hash" IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX "volunteer_account_subject_idx" ON ${volunteer} ("account_subject") WHERE "account_subject" IS NOT NULL`,
    );

    await runner.query(`ALTER TABLE ${team} ADD COLUMN "owner_organisation_id" uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const volunteer = tableOf(runner, 'volunteer');
    const index = (name: string) => `"${schemaOf(runner.connection)}"."${name}"`;
    await runner.query(`ALTER TABLE ${tableOf(runner, 'volunteer_team')} DROP COLUMN "owner_organisation_id"`);
    for (const name of ['volunteer_account_subject_idx', 'volunteer_region_resident_id_key', 'volunteer_region_party_member_key'])
      await runner.query(`DROP INDEX ${index(name)}`);
    await runner.query(`ALTER TABLE ${volunteer} DROP CONSTRAINT "volunteer_source_check",
      DROP COLUMN "name", DROP COLUMN "phone", DROP COLUMN "resident_id_cipher", DROP COLUMN "resident_id_hash",
      DROP COLUMN "skills", DROP COLUMN "availability", DROP COLUMN "account_subject"`);
    // Back to one row per team and member: each volunteer keeps its first team (other memberships are lost).
    await runner.query(`ALTER TABLE ${volunteer} ADD COLUMN "team_id" uuid`);
    await runner.query(`UPDATE ${volunteer} v SET team_id = (SELECT m.team_id FROM ${tableOf(runner, 'volunteer_team_member')} m
      WHERE m.volunteer_id = v.id ORDER BY m.joined_at LIMIT 1)`);
    await runner.query(`DROP TABLE ${tableOf(runner, 'volunteer_team_member')}`);
    await runner.query(`DELETE FROM ${volunteer} WHERE team_id IS NULL OR source <> 'DOUBLE_REPORT'`);
    await runner.query(`ALTER TABLE ${volunteer} ALTER COLUMN "team_id" SET NOT NULL,
      ADD CONSTRAINT "volunteer_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES ${tableOf(runner, 'volunteer_team')} ("id")`);
    await runner.query(`CREATE UNIQUE INDEX "volunteer_team_member_key" ON ${volunteer} ("team_id", "party_member_id")`);
  }
}

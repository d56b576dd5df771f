import { RegionalRecord } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { VolunteerTeam } from '../volunteer-team/volunteer-team.entity';
import type { AvailabilityPeriod, TeamRole, VolunteerSource } from './volunteer.rules';

/**
 * A volunteer (志愿者) of a community: a person registered directly (name, ID number and phone held
 * here as personal information: masked, the ID number encrypted with a keyed hash for look-up), or a
 * Party member reporting in (双报到), whose person stays in the organisation service. Both are the
 * same record; teams hold them through memberships.
 */
@Entity('volunteer')
@Index('volunteer_region_idx', ['regionCode'])
@Index('volunteer_region_party_member_key', ['regionCode', 'partyMemberId'], { unique: true, where: '"party_member_id" IS NOT NULL' })
@Index('volunteer_region_resident_id_key', ['regionCode', 'residentIdHash'], { unique: true, where: '"resident_id_hash" IS NOT NULL' })
@Index('volunteer_account_subject_idx', ['accountSubject'], { where: '"account_subject" IS NOT NULL' })
@Check(
  'volunteer_source_check',
  `("source" = 'DOUBLE_REPORT' AND "party_member_id" IS NOT NULL)
        OR ("source" = 'REGISTERED' AND "name" IS NOT NULL AND "resident_id_cipher" IS NOT NULL AND "resident_id_hash" IS NOT NULL)`,
)
export class Volunteer extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'party_member_id', type: 'uuid', nullable: true })
  partyMemberId: string | null;

  /** The home grid (a GRID the grid service announced): the report's grid for a Party member. */
  @Column({ name: 'grid_id', type: 'uuid', nullable: true })
  gridId: string | null;

  /** The double report that brought the member, so a replayed event is recognised. */
  @Column({ name: 'double_report_id', type: 'uuid', nullable: true })
  doubleReportId: string | null;

  @Column({ type: 'varchar', length: 20 })
  source: VolunteerSource;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;

  /** Personal information of a registered volunteer; null for a Party member (held by organisation). */
  @Column({ name: 'name', type: 'varchar', length: 50, nullable: true })
  name: string | null;

  @Column({ name: 'phone', type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** The upper-case ID number as `protectResidentId` keeps it (AES-256-GCM). */
  @Column({ name: 'resident_id_cipher', type: 'text', nullable: true })
  residentIdCipher: string | null;

  /** Its keyed look-up hash: one registration per person and community. */
  @Column({ name: 'resident_id_hash', type: 'varchar', length: 64, nullable: true })
  residentIdHash: string | null;

  @Column({ name: 'skills', type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ name: 'availability', type: 'text', array: true, default: () => "'{}'" })
  availability: AvailabilityPeriod[];

  /** The subject of the volunteer's own login, when they have one: it lets them see and sign up as themselves. */
  @Column({ name: 'account_subject', type: 'varchar', length: 200, nullable: true })
  accountSubject: string | null;
}

/** A volunteer's place in a team, with a role; kept in the team's region so the team's readers see it. */
@Entity('volunteer_team_member')
@Index('volunteer_team_member_key', ['teamId', 'volunteerId'], { unique: true })
@Index('volunteer_team_member_leader_key', ['teamId'], { unique: true, where: `"role" = 'LEADER'` })
@Index('volunteer_team_member_volunteer_idx', ['volunteerId'])
@Check('volunteer_team_member_role_check', `"role" IN ('LEADER', 'DEPUTY_LEADER', 'MEMBER')`)
export class VolunteerTeamMember extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => VolunteerTeam)
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'volunteer_team_member_team_id_fkey' })
  team?: VolunteerTeam;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => Volunteer)
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'volunteer_team_member_volunteer_id_fkey' })
  volunteer?: Volunteer;

  @Column({ type: 'varchar', length: 20 })
  role: TeamRole;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;
}

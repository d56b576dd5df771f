import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PartyOrganisation } from '../party-organisation/party-organisation.entity';
import type { DoubleReportAction, DoubleReportStatus } from './party-member.rules';

/**
 * A Party member (党员). Name and phone are personal information, shown masked unless revealed; the
 * resident ID number is never stored in clear: AES-256-GCM to read it back, a keyed hash to find a
 * member by number and keep one person one member. The region is the organisation's, copied.
 */
@Entity('party_member')
@Index('party_member_region_idx', ['regionCode'])
@Index('party_member_organisation_idx', ['organisationId'])
@Index('party_member_resident_id_hash_key', ['residentIdHash'], { unique: true })
// 党员先锋岗: at most two posts and two service commitments, whatever path the write took.
@Check('party_member_pledge_check', `cardinality("posts") <= 2 AND cardinality("service_commitments") <= 2`)
export class PartyMember extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The member's regular organisation; never a temporary branch, so dissolving one loses nobody. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => PartyOrganisation)
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'party_member_organisation_id_fkey' })
  organisation?: PartyOrganisation;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'resident_id_cipher', type: 'text' })
  residentIdCipher: string;

  @Column({ name: 'resident_id_hash', type: 'varchar', length: 64 })
  residentIdHash: string;

  @Column({ type: 'text', array: true })
  posts: string[];

  @Column({ name: 'service_commitments', type: 'text', array: true })
  serviceCommitments: string[];

  /** 亮身份: the member shows their Party identity (badge, door plate) in the community. */
  @Column({ name: 'identity_shown', type: 'boolean' })
  identityShown: boolean;

  /** The temporary branch the member was last assigned to (平急转换); kept after it is dissolved. */
  @Column({ name: 'temporary_branch_id', type: 'uuid', nullable: true })
  temporaryBranchId: string | null;

  @ManyToOne(() => PartyOrganisation, { nullable: true })
  @JoinColumn({ name: 'temporary_branch_id', foreignKeyConstraintName: 'party_member_temporary_branch_id_fkey' })
  temporaryBranch?: PartyOrganisation | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Double reporting (双报到): an in-service member registers with the community where they live, with a
 * service certificate and letter (一证一信). Its region is that community.
 */
@Entity('double_report')
@Index('double_report_region_idx', ['regionCode'])
@Index('double_report_open_key', ['memberId'], { unique: true, where: `"status" <> 'WITHDRAWN'` })
@Check(
  'double_report_status_check',
  `("status" <> 'ASSIGNED' OR "grid_id" IS NOT NULL) AND ("status" = 'WITHDRAWN') = ("withdrawn_at" IS NOT NULL)`,
)
export class DoubleReport extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => PartyMember)
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'double_report_member_id_fkey' })
  member?: PartyMember;

  @Column({ name: 'work_unit', type: 'varchar', length: 100 })
  workUnit: string;

  @Column({ name: 'certificate_no', type: 'varchar', length: 50 })
  certificateNo: string;

  @Column({ name: 'letter_no', type: 'varchar', length: 50 })
  letterNo: string;

  @Column({ type: 'text', array: true })
  skills: string[];

  @Column({ type: 'text', nullable: true })
  wish: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: DoubleReportStatus;

  @Column({ name: 'grid_id', type: 'uuid', nullable: true })
  gridId: string | null;

  @Column({ name: 'volunteer_team_id', type: 'uuid', nullable: true })
  volunteerTeamId: string | null;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  /** Optimistic version: each step of the lifecycle increments it and writes a DoubleReportEvent numbered by it. */
  @Column({ type: 'integer', default: 0 })
  version: number;
}

/** One step of a double report's lifecycle (append-only): who took it, when, from which status to which. */
@Entity('double_report_event')
@Index('double_report_event_report_version_key', ['doubleReportId', 'version'], { unique: true })
@Index('double_report_event_region_idx', ['regionCode'])
export class DoubleReportEvent extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'double_report_id', type: 'uuid' })
  doubleReportId: string;

  @ManyToOne(() => DoubleReport)
  @JoinColumn({ name: 'double_report_id', foreignKeyConstraintName: 'double_report_event_double_report_id_fkey' })
  doubleReport?: DoubleReport;

  /** The report's version after the step (1 for the first step after the request). */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  action: DoubleReportAction;

  @Column({ name: 'from_status', type: 'varchar', length: 20 })
  fromStatus: DoubleReportStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: DoubleReportStatus;

  /** The subject of the caller's token. */
  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}

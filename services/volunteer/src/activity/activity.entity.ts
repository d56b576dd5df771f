import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimeBankTransfer } from '../time-bank/time-bank.entity';
import { Volunteer } from '../volunteer/volunteer.entity';
import { VolunteerTeam } from '../volunteer-team/volunteer-team.entity';

/** A planned volunteer service (志愿服务活动): a place, a time, a capacity, an organiser. */
@Entity('activity')
@Index('activity_region_starts_idx', ['regionCode', 'startsAt'])
@Check('activity_time_check', '"ends_at" > "starts_at"')
@Check('activity_capacity_check', '"capacity" > 0')
export class Activity extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The team that runs it; null for a community's own activity. */
  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => VolunteerTeam)
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'activity_team_id_fkey' })
  team?: VolunteerTeam;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'int' })
  capacity: number;

  /** The organiser (their token's subject): confirms attendance. */
  @Column({ name: 'organiser_subject', type: 'varchar', length: 200 })
  organiserSubject: string;

  @Column({ name: 'organiser_name', type: 'varchar', length: 50 })
  organiserName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A volunteer's sign-up (报名) for an activity, and later their confirmed attendance and the minutes
 * served. It copies the activity's time so a volunteer's overlapping sign-ups are found by index.
 */
@Entity('activity_sign_up')
@Index('activity_sign_up_key', ['activityId', 'volunteerId'], { unique: true })
@Index('activity_sign_up_volunteer_time_idx', ['volunteerId', 'startsAt'])
@Check('activity_sign_up_attendance_check', `("attendance_confirmed_at" IS NULL) = ("minutes_served" IS NULL)`)
export class ActivitySignUp extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @ManyToOne(() => Activity)
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'activity_sign_up_activity_id_fkey' })
  activity?: Activity;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => Volunteer)
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'activity_sign_up_volunteer_id_fkey' })
  volunteer?: Volunteer;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'signed_up_at', type: 'timestamptz' })
  signedUpAt: Date;

  @Column({ name: 'signed_up_by', type: 'varchar', length: 200 })
  signedUpBy: string;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  /** Minutes served inside the activity's time, from the confirmed attendance; null until confirmed. */
  @Column({ name: 'minutes_served', type: 'int', nullable: true })
  minutesServed: number | null;

  @Column({ name: 'attendance_confirmed_at', type: 'timestamptz', nullable: true })
  attendanceConfirmedAt: Date | null;

  @Column({ name: 'attendance_confirmed_by', type: 'varchar', length: 200, nullable: true })
  attendanceConfirmedBy: string | null;

  /** The time-bank credit of the minutes served. */
  @Column({ name: 'transfer_id', type: 'uuid', nullable: true })
  transferId: string | null;

  @ManyToOne(() => TimeBankTransfer)
  @JoinColumn({ name: 'transfer_id', foreignKeyConstraintName: 'activity_sign_up_transfer_id_fkey' })
  transfer?: TimeBankTransfer;
}

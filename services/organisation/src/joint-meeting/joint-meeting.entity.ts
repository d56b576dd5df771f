import { RegionalRecord } from '@gg/shared';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A joint meeting (联席会议) of a street or county and its member units (18 county departments in Tongzi). */
@Entity('joint_meeting_body')
@Index('joint_meeting_body_region_idx', ['regionCode'])
export class JointMeetingBody extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'member_units', type: 'text', array: true })
  memberUnits: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One meeting held, with the problems tabled and solved at it; one per body and date. */
@Entity('joint_meeting')
@Index('joint_meeting_body_day_key', ['bodyId', 'heldOn'], { unique: true })
@Index('joint_meeting_region_idx', ['regionCode'])
@Check('joint_meeting_problems_check', `"problems_solved" >= 0 AND "problems_solved" <= "problems_tabled"`)
export class JointMeeting extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => JointMeetingBody)
  @JoinColumn({ name: 'body_id', foreignKeyConstraintName: 'joint_meeting_body_id_fkey' })
  body?: JointMeetingBody;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ name: 'problems_tabled', type: 'integer' })
  problemsTabled: number;

  @Column({ name: 'problems_solved', type: 'integer' })
  problemsSolved: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

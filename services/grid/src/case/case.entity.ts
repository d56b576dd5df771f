import { RegionalRecord, type Connection } from '@gg/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Grid } from '../grid/grid.entity';
import { Household } from '../household/household.entity';
import type { WhistleAnswerer } from '../whistle-list/whistle-list.rules';
import type { CaseAction, CaseChannel, CaseStatus, HandlingLevel, ReporterKind, SeverityClass } from './case.rules';

/**
 * A resident's case (民情事件/诉求). `version` is the optimistic lock: every change of the case
 * writes `version + 1` only where the version is still the one read, and one event per version.
 */
@Entity('grid_case')
@Index('grid_case_region_idx', ['regionCode'])
@Index('grid_case_status_deadline_idx', ['status', 'deadlineAt'])
@Index('grid_case_idempotency_key', ['reporterSubject', 'idempotencyKey'], { unique: true })
@Check('grid_case_rating_check', `"rating" IS NULL OR "rating" BETWEEN 1 AND 5`)
export class GridCase extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('grid_case_grid_idx')
  @Column({ name: 'grid_id', type: 'uuid' })
  gridId: string;

  @ManyToOne(() => Grid)
  @JoinColumn({ name: 'grid_id', foreignKeyConstraintName: 'grid_case_grid_id_fkey' })
  grid?: Grid;

  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @ManyToOne(() => Household)
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'grid_case_household_id_fkey' })
  household?: Household;

  /** The compound (小区) the case is about, as the reporter named it. */
  @Column({ name: 'compound', type: 'varchar', length: 100, nullable: true })
  compound: string | null;

  /** The residential compound (property service) the case is about, when named: checked against the COMPOUND references. */
  @Index('grid_case_compound_idx')
  @Column({ name: 'compound_id', type: 'uuid', nullable: true })
  compoundId: string | null;

  @Column({ name: 'reporter_subject', type: 'varchar', length: 200 })
  reporterSubject: string;

  @Column({ name: 'reporter_name', type: 'varchar', length: 50 })
  reporterName: string;

  @Column({ name: 'reporter_kind', type: 'varchar', length: 20 })
  reporterKind: ReporterKind;

  @Column({ name: 'channel', type: 'varchar', length: 20 })
  channel: CaseChannel;

  @Column({ name: 'category', type: 'varchar', length: 50 })
  category: string;

  @Column({ name: 'description', type: 'text' })
  description: string;

  @Column({ name: 'severity', type: 'varchar', length: 10 })
  severity: SeverityClass;

  @Column({ name: 'handling_level', type: 'varchar', length: 12 })
  handlingLevel: HandlingLevel;

  @Column({ name: 'status', type: 'varchar', length: 12 })
  status: CaseStatus;

  @Column({ name: 'assignee_subject', type: 'varchar', length: 200, nullable: true })
  assigneeSubject: string | null;

  @Column({ name: 'assignee_name', type: 'varchar', length: 50, nullable: true })
  assigneeName: string | null;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt: Date;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'rating', type: 'smallint', nullable: true })
  rating: number | null;

  @Column({ name: 'rating_comment', type: 'text', nullable: true })
  ratingComment: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  /** Client-supplied, unique per reporter: a retried report returns the first case. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'version', type: 'integer' })
  version: number;
}

/** One entry of a case's history: who did what, when, from which state and level to which. */
@Entity('case_event')
@Index('case_event_sequence_key', ['caseId', 'sequence'], { unique: true })
export class CaseEvent extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => GridCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_event_case_id_fkey' })
  gridCase?: GridCase;

  /** The case's version after this event: 1 for the report, then one more per event. */
  @Column({ name: 'sequence', type: 'integer' })
  sequence: number;

  @Column({ name: 'action', type: 'varchar', length: 20 })
  action: CaseAction;

  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject: string;

  @Column({ name: 'actor_name', type: 'varchar', length: 50 })
  actorName: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'from_status', type: 'varchar', length: 12, nullable: true })
  fromStatus: CaseStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 12 })
  toStatus: CaseStatus;

  @Column({ name: 'from_level', type: 'varchar', length: 12, nullable: true })
  fromLevel: HandlingLevel | null;

  @Column({ name: 'to_level', type: 'varchar', length: 12 })
  toLevel: HandlingLevel;

  @Column({ name: 'note', type: 'text', nullable: true })
  note: string | null;
}

/** A case moved one handling level up, by hand or by the deadline job, and the deadline it missed. */
@Entity('case_escalation')
@Index('case_escalation_deadline_key', ['caseId', 'missedDeadlineAt'], { unique: true })
export class CaseEscalation extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => GridCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_escalation_case_id_fkey' })
  gridCase?: GridCase;

  /** The case's deadline when it was escalated (for the job: the deadline it missed). */
  @Column({ name: 'missed_deadline_at', type: 'timestamptz' })
  missedDeadlineAt: Date;

  @Column({ name: 'from_level', type: 'varchar', length: 12 })
  fromLevel: HandlingLevel;

  @Column({ name: 'to_level', type: 'varchar', length: 12 })
  toLevel: HandlingLevel;

  @Column({ name: 'reason', type: 'text' })
  reason: string;

  @Column({ name: 'automatic', type: 'boolean' })
  automatic: boolean;

  @Column({ name: 'escalated_by', type: 'varchar', length: 200 })
  escalatedBy: string;

  @Column({ name: 'escalated_at', type: 'timestamptz' })
  escalatedAt: Date;
}

/**
 * A whistle (吹哨) blown on a case, of a type of the county's whistle list, to one department or to
 * the community's reporting-in Party members, and its answer (报到). One per target and case.
 */
@Entity('case_whistle')
@Index('case_whistle_target_key', ['caseId', 'target'], { unique: true })
@Index('case_whistle_department_idx', ['departmentId', 'answeredAt'])
@Index('case_whistle_region_idx', ['regionCode'])
export class CaseWhistle extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => GridCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_whistle_case_id_fkey' })
  gridCase?: GridCase;

  /** Who is whistled to: the department's id, or PARTY_MEMBERS (a whistle blown before departments were records: its name). */
  @Column({ name: 'target', type: 'varchar', length: 100 })
  target: string;

  /** The department whistled to (a DEPARTMENT reference); null for the Party members' whistles. */
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  /** The department's name, for whistles blown before departments were records only. */
  @Column({ name: 'department', type: 'varchar', length: 100, nullable: true })
  department: string | null;

  /** The code of the whistle list's type; null for whistles blown before the list. */
  @Column({ name: 'whistle_type', type: 'varchar', length: 30, nullable: true })
  whistleType: string | null;

  @Column({ name: 'answerer', type: 'varchar', length: 20, default: 'DEPARTMENT' })
  answerer: WhistleAnswerer;

  @Column({ name: 'blown_by', type: 'varchar', length: 200 })
  blownBy: string;

  @Column({ name: 'blown_at', type: 'timestamptz' })
  blownAt: Date;

  @Index('case_whistle_answer_by_idx')
  @Column({ name: 'answer_by', type: 'timestamptz' })
  answerBy: Date;

  /** What the blower asks for (blowWhistle's note); null when none was given. */
  @Column({ name: 'note', type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answered_by', type: 'varchar', length: 200, nullable: true })
  answeredBy: string | null;

  @Column({ name: 'answer_action', type: 'text', nullable: true })
  answerAction: string | null;

  /** When the deadline job found it unanswered past its limit. */
  @Column({ name: 'flagged_at', type: 'timestamptz', nullable: true })
  flaggedAt: Date | null;

  /**
   * When its case stopped being handled (resolved, closed, rejected) with it unanswered: withdrawn
   * with the case, no longer to be answered; cleared when the case is reopened (`whistleStatus`).
   */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}

/** A page of cases (a `CaseConnection`). */
export type CasePage = Connection<GridCase>;

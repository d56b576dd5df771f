import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EvaluatorKind } from '../evaluation/evaluation-scheme.rules';
import { ResidentialCompound } from '../residential-compound/residential-compound.entity';

/**
 * One evaluator's score (0–100) of one criterion of a compound for one month: a monthly inspection
 * (MONTHLY_INSPECTOR) or the score of the community Party organisation, the owners' committee or owner
 * representatives. One per evaluator, compound, month and criterion (a unique index); a correction
 * changes it with a reason and keeps every earlier value as a revision.
 */
@Entity('evaluation_score')
@Index('evaluation_score_key', ['compoundId', 'month', 'evaluatorKind', 'criterionKey'], { unique: true })
@Index('evaluation_score_region_idx', ['regionCode', 'month'])
export class EvaluationScore extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'compound_id', type: 'uuid' })
  compoundId: string;

  @ManyToOne(() => ResidentialCompound)
  @JoinColumn({ name: 'compound_id', foreignKeyConstraintName: 'evaluation_score_compound_id_fkey' })
  compound?: ResidentialCompound;

  /** YYYY-MM. */
  @Column({ name: 'month', type: 'varchar', length: 7 })
  month: string;

  @Column({ name: 'evaluator_kind', type: 'varchar', length: 40 })
  evaluatorKind: EvaluatorKind;

  @Column({ name: 'criterion_key', type: 'varchar', length: 40 })
  criterionKey: string;

  /** The scheme version the score was recorded under (frozen by it). */
  @Column({ name: 'scheme_id', type: 'uuid' })
  schemeId: string;

  @Column({ name: 'score', type: 'smallint' })
  score: number;

  @Column({ name: 'notes', type: 'text', nullable: true })
  notes: string | null;

  /** References to photos or documents (file ids or URLs). */
  @Column({ name: 'evidence', type: 'jsonb' })
  evidence: string[];

  @Column({ name: 'version', type: 'int' })
  version: number;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

/** Every value a score has had, the first (version 1) and each correction with its reason; only ever added. */
@Entity('evaluation_score_revision')
@Index('evaluation_score_revision_key', ['scoreId', 'version'], { unique: true })
export class EvaluationScoreRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'score_id', type: 'uuid' })
  scoreId: string;

  @Column({ name: 'version', type: 'int' })
  version: number;

  @Column({ name: 'score', type: 'smallint' })
  score: number;

  @Column({ name: 'notes', type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'evidence', type: 'jsonb' })
  evidence: string[];

  /** Why the value was corrected; null for the first value. */
  @Column({ name: 'reason', type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}

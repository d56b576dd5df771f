import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QuarterScheme, QuarterScore } from '../evaluation/annual.rules';

const SCORE = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A county's published annual comprehensive assessment (年度综合考核): one per county and year, never changed. */
@Entity('annual_assessment')
@Index('annual_assessment_key', ['regionCode', 'year'], { unique: true })
export class AnnualAssessment extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'year', type: 'int' })
  year: number;

  /** The scheme version whose star thresholds were used (see schemeOfQuarters). */
  @Column({ name: 'scheme_id', type: 'uuid' })
  schemeId: string;

  /** The version each quarter was scored under; null for an assessment published before it was recorded. */
  @Column({ name: 'quarter_schemes', type: 'jsonb', nullable: true })
  quarterSchemes: QuarterScheme[] | null;

  /** Which version gave the stars and why, in words (a difference between quarters flagged); null as above. */
  @Column({ name: 'scheme_explanation', type: 'text', nullable: true })
  schemeExplanation: string | null;

  @Column({ name: 'published_by', type: 'varchar', length: 200 })
  publishedBy: string;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}

export type AssessedKind = 'COMPOUND' | 'COMPANY';

/** One compound's or company's annual score and stars in an assessment; never changed. */
@Entity('annual_assessment_entry')
@Index('annual_assessment_entry_key', ['assessmentId', 'subjectKind', 'subjectId'], { unique: true })
export class AnnualAssessmentEntry extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 10 })
  subjectKind: AssessedKind;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'quarter_scores', type: 'jsonb' })
  quarterScores: QuarterScore[];

  @Column({ name: 'score', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: SCORE })
  score: number | null;

  @Column({ name: 'stars', type: 'smallint', nullable: true })
  stars: number | null;

  @Column({ name: 'missing_quarters', type: 'jsonb' })
  missingQuarters: string[];

  @Column({ name: 'arithmetic', type: 'text' })
  arithmetic: string;
}
